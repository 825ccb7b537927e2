package org.ppcvm.linux.host;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ppcvm.linux.abi.CProbe;
import org.ppcvm.linux.abi.CProbe.Target;

/**
 * {@link HostLayouts}, {@link HostConstants} and {@link Errno} against the host compiler's headers,
 * and the claim that the guest shares the errno numbers and most constants, against the cross
 * compiler's.
 */
class HostHeaderTest {
    private static final String LIBC_HEADERS = """
            #define _GNU_SOURCE
            #include <sys/stat.h>
            #include <sys/utsname.h>
            #include <sys/sysinfo.h>
            #include <sys/resource.h>
            #include <sys/ioctl.h>
            #include <sys/uio.h>
            #include <poll.h>
            #include <dirent.h>
            #include <time.h>
            #include <sys/socket.h>
            #include <sys/epoll.h>
            #include <sys/statfs.h>
            """;

    /** Kernel headers only: glibc's own copies of these definitions would clash with them. */
    private static final String KERNEL_HEADERS = """
            #include <asm/fcntl.h>
            #include <linux/fcntl.h>
            #include <linux/fs.h>
            #include <asm/poll.h>
            #include <linux/time.h>
            #include <asm/resource.h>
            #include <linux/stat.h>
            #include <linux/random.h>
            #include <asm/termbits.h>
            #include <asm/ioctls.h>
            """;

    private static final String EVENTFD_HEADERS = "#include <sys/eventfd.h>\n";

    /**
     * Values that PowerPC defines differently (translated elsewhere) or not at all; {@code
     * O_TMPFILE} includes {@code O_DIRECTORY}.
     */
    private static final Set<String> GUEST_DIFFERS = Set.of(
            "O_DIRECTORY",
            "O_NOFOLLOW",
            "O_LARGEFILE",
            "O_DIRECT",
            "TCGETS",
            "TCSETS",
            "TCSETSW",
            "TCSETSF",
            "TIOCGPGRP",
            "TIOCSPGRP",
            "TIOCGWINSZ",
            "TIOCSWINSZ",
            "FIONREAD",
            "FIONBIO",
            "TCGETS2",
            "TCSETS2",
            "TCSETSW2",
            "TCSETSF2",
            "O_TMPFILE");

    private static Map<String, Integer> intConstants(Class<?> c) throws IllegalAccessException {
        Map<String, Integer> out = new LinkedHashMap<>();
        for (Field f : c.getFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == int.class) {
                out.put(f.getName(), f.getInt(null));
            }
        }
        return out;
    }

    @Test
    void hostStructLayoutsMatchGcc(@TempDir Path dir) throws Exception {
        Map<String, java.lang.foreign.StructLayout> libc = new LinkedHashMap<>(HostLayouts.ALL);
        libc.remove("struct termios2");
        CProbe.Report r =
                CProbe.probe(Target.HOST, Files.createDirectories(dir.resolve("libc")), LIBC_HEADERS, libc, List.of());
        assertThat(CProbe.layoutMismatches(r, libc)).isEmpty();

        Map<String, java.lang.foreign.StructLayout> kernel = Map.of("struct termios2", HostLayouts.TERMIOS2);
        CProbe.Report k = CProbe.probe(
                Target.HOST,
                Files.createDirectories(dir.resolve("kernel")),
                "#include <asm/termbits.h>\n",
                kernel,
                List.of());
        assertThat(CProbe.layoutMismatches(k, kernel)).isEmpty();
        assertThat(HostLayouts.STAT.byteSize()).isEqualTo(144);
    }

    @Test
    void hostConstantsMatchGccAndTheSharedOnesMatchTheCrossCompiler(@TempDir Path dir) throws Exception {
        Map<String, Integer> all = intConstants(HostConstants.class);
        List<String> kernelNames = new ArrayList<>();
        List<String> eventfdNames = new ArrayList<>();
        all.keySet().forEach(n -> (n.startsWith("EFD_") ? eventfdNames : kernelNames).add(n));

        CProbe.Report host = CProbe.probe(
                Target.HOST, Files.createDirectories(dir.resolve("hk")), KERNEL_HEADERS, Map.of(), kernelNames);
        CProbe.Report hostEventfd = CProbe.probe(
                Target.HOST, Files.createDirectories(dir.resolve("he")), EVENTFD_HEADERS, Map.of(), eventfdNames);
        List<String> guestNames =
                kernelNames.stream().filter(n -> !GUEST_DIFFERS.contains(n)).toList();
        CProbe.Report guest = CProbe.probe(
                Target.GUEST, Files.createDirectories(dir.resolve("gk")), KERNEL_HEADERS, Map.of(), guestNames);
        CProbe.Report guestEventfd = CProbe.probe(
                Target.GUEST, Files.createDirectories(dir.resolve("ge")), EVENTFD_HEADERS, Map.of(), eventfdNames);

        List<String> bad = new ArrayList<>();
        all.forEach((name, value) -> {
            boolean efd = name.startsWith("EFD_");
            int h = (int) (efd ? hostEventfd : host).get(CProbe.constKey(name));
            if (h != value) {
                bad.add("host " + name + " = " + h + ", HostConstants says " + value);
            }
            if (!GUEST_DIFFERS.contains(name)) {
                int g = (int) (efd ? guestEventfd : guest).get(CProbe.constKey(name));
                if (g != value) {
                    bad.add("guest " + name + " = " + g + " differs from the host's " + value);
                }
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void errnoValuesAreTheHostsAndTheGuests(@TempDir Path dir) throws Exception {
        Map<String, Integer> all = intConstants(Errno.class);
        List<String> names = new ArrayList<>(all.keySet());
        CProbe.Report host = CProbe.probe(
                Target.HOST, Files.createDirectories(dir.resolve("h")), "#include <errno.h>\n", Map.of(), names);
        CProbe.Report guest = CProbe.probe(
                Target.GUEST, Files.createDirectories(dir.resolve("g")), "#include <errno.h>\n", Map.of(), names);
        List<String> bad = new ArrayList<>();
        all.forEach((name, value) -> {
            long h = host.get(CProbe.constKey(name));
            long g = guest.get(CProbe.constKey(name));
            if (h != value || g != value) {
                bad.add(name + ": Errno " + value + ", host " + h + ", guest " + g);
            }
        });
        assertThat(bad).isEmpty();
    }

    @Test
    void theErrnoHeadersDifferOnlyInEdeadlock(@TempDir Path dir) throws Exception {
        // Every E* macro of each errno.h, valued by each compiler: a host result can pass to the
        // guest unchanged only if no name has two numbers and no number two meanings.
        Pattern errnoName = Pattern.compile("E[A-Z0-9]+");
        String prelude = "#include <errno.h>\n";
        Path h = Files.createDirectories(dir.resolve("h"));
        Path g = Files.createDirectories(dir.resolve("g"));
        List<String> hostNames = CProbe.macroNames(Target.HOST, h, prelude, errnoName);
        List<String> guestNames = CProbe.macroNames(Target.GUEST, g, prelude, errnoName);
        assertThat(guestNames).containsExactlyInAnyOrderElementsOf(hostNames);
        assertThat(hostNames).hasSizeGreaterThan(120);
        CProbe.Report host = CProbe.probe(Target.HOST, h, prelude, Map.of(), hostNames);
        CProbe.Report guest = CProbe.probe(Target.GUEST, g, prelude, Map.of(), hostNames);
        Map<String, String> differ = new TreeMap<>();
        for (String name : hostNames) {
            long hv = host.get(CProbe.constKey(name));
            long gv = guest.get(CProbe.constKey(name));
            if (hv != gv) {
                differ.put(name, hv + " vs " + gv);
            }
        }
        // x86-64 makes EDEADLOCK an alias of EDEADLK (35) and leaves 58 unused; PowerPC gives it 58.
        // The host never reports 58, and the guest knows 35 as EDEADLK, so results pass through.
        assertThat(differ).containsExactly(Map.entry("EDEADLOCK", "35 vs 58"));
    }
}
