package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Open flags, ioctl numbers, RLIM_INFINITY, socket options and the socket, epoll and file
 * constants passed unchanged, against both compilers' headers.
 */
class GuestConstantsTest {
    private static final String FCNTL = "#include <asm/fcntl.h>\n";

    @Test
    void openFlagsMatchBothHeaderSets(@TempDir Path dir) {
        List<String> names = new ArrayList<>(GuestOpenFlags.SHARED);
        GuestOpenFlags.MOVED.forEach(m -> names.add(m.name()));
        CProbe.Report guest = CProbe.probe(CProbe.Target.GUEST, dir.resolve(mk(dir, "g")), FCNTL, Map.of(), names);
        CProbe.Report host = CProbe.probe(CProbe.Target.HOST, dir.resolve(mk(dir, "h")), FCNTL, Map.of(), names);
        for (GuestOpenFlags.Moved m : GuestOpenFlags.MOVED) {
            assertThat(guest.get(CProbe.constKey(m.name())))
                    .as("guest " + m.name())
                    .isEqualTo(m.guest());
            assertThat(host.get(CProbe.constKey(m.name())))
                    .as("host " + m.name())
                    .isEqualTo(m.host());
        }
        for (String shared : GuestOpenFlags.SHARED) {
            assertThat(guest.get(CProbe.constKey(shared))).as(shared).isEqualTo(host.get(CProbe.constKey(shared)));
        }
    }

    @Test
    void ioctlNumbersAndRlimitInfinityMatchTheCrossHeaders(@TempDir Path dir) {
        List<String> names = new ArrayList<>();
        GuestIoctls.ALL.forEach(r -> names.add(r.name()));
        names.add("RLIM_INFINITY");
        CProbe.Report guest = CProbe.probe(
                CProbe.Target.GUEST, dir, "#include <asm/termios.h>\n#include <linux/resource.h>\n", Map.of(), names);
        for (GuestIoctls.Request r : GuestIoctls.ALL) {
            assertThat((int) guest.get(CProbe.constKey(r.name()))).as(r.name()).isEqualTo(r.value());
        }
        assertThat(guest.get(CProbe.constKey("RLIM_INFINITY"))).isEqualTo(GuestRlimit.INFINITY32);
    }

    @Test
    void openFlagTranslationPermutesTheMovedBits() {
        int guestFlags = 040000 | 0100000 | 02 | 0100; // O_DIRECTORY | O_NOFOLLOW | O_RDWR | O_CREAT
        int host = GuestOpenFlags.toHost(guestFlags);
        assertThat(host).isEqualTo(0200000 | 0400000 | 02 | 0100);
        assertThat(GuestOpenFlags.toGuest(host)).isEqualTo(guestFlags);
        for (GuestOpenFlags.Moved m : GuestOpenFlags.MOVED) {
            assertThat(GuestOpenFlags.toHost(m.guest())).as(m.name()).isEqualTo(m.host());
            assertThat(GuestOpenFlags.toGuest(m.host())).as(m.name()).isEqualTo(m.guest());
        }
    }

    private static final String SOCKET_HEADERS = """
            #define _GNU_SOURCE
            #include <sys/socket.h>
            #include <netinet/in.h>
            #include <netinet/tcp.h>
            #include <sys/epoll.h>
            #include <sys/file.h>
            #include <sys/stat.h>
            #include <fcntl.h>
            """;

    @Test
    void socketOptionNumbersAreEachSidesOwn(@TempDir Path dir) {
        List<String> names = new ArrayList<>();
        GuestSocketOptions.ALL.forEach(o -> names.add(o.name()));
        CProbe.Report guest =
                CProbe.probe(CProbe.Target.GUEST, dir.resolve(mk(dir, "g")), SOCKET_HEADERS, Map.of(), names);
        CProbe.Report host =
                CProbe.probe(CProbe.Target.HOST, dir.resolve(mk(dir, "h")), SOCKET_HEADERS, Map.of(), names);
        List<String> differ = new ArrayList<>();
        for (GuestSocketOptions.Option o : GuestSocketOptions.ALL) {
            assertThat(guest.get(CProbe.constKey(o.name())))
                    .as("guest " + o.name())
                    .isEqualTo(o.guest());
            assertThat(host.get(CProbe.constKey(o.name())))
                    .as("host " + o.name())
                    .isEqualTo(o.host());
            if (o.guest() != o.host()) {
                differ.add(o.name());
            }
        }
        assertThat(differ)
                .containsExactlyInAnyOrder(
                        "SO_RCVLOWAT",
                        "SO_SNDLOWAT",
                        "SO_RCVTIMEO_OLD",
                        "SO_SNDTIMEO_OLD",
                        "SO_PASSCRED",
                        "SO_PEERCRED");
    }

    /** The values the socket, epoll and file calls take from the guest and pass on unchanged. */
    private static final Map<String, Long> SHARED = Map.ofEntries(
            Map.entry("SOL_SOCKET", (long) GuestSocketOptions.SOL_SOCKET),
            Map.entry("IPPROTO_IP", (long) GuestSocketOptions.IPPROTO_IP),
            Map.entry("IPPROTO_TCP", (long) GuestSocketOptions.IPPROTO_TCP),
            Map.entry("IPPROTO_IPV6", (long) GuestSocketOptions.IPPROTO_IPV6),
            Map.entry("AF_UNIX", (long) GuestSockaddr.AF_UNIX),
            Map.entry("AF_INET", (long) GuestSockaddr.AF_INET),
            Map.entry("AF_INET6", (long) GuestSockaddr.AF_INET6),
            Map.entry("SCM_RIGHTS", (long) GuestCmsg.SCM_RIGHTS),
            Map.entry("SCM_CREDENTIALS", (long) GuestCmsg.SCM_CREDENTIALS),
            Map.entry("SOCK_STREAM", 1L),
            Map.entry("SOCK_NONBLOCK", 04000L),
            Map.entry("SOCK_CLOEXEC", 02000000L),
            Map.entry("MSG_PEEK", 0x2L),
            Map.entry("MSG_CTRUNC", 0x8L),
            Map.entry("MSG_TRUNC", 0x20L),
            Map.entry("MSG_DONTWAIT", 0x40L),
            Map.entry("MSG_WAITALL", 0x100L),
            Map.entry("MSG_NOSIGNAL", 0x4000L),
            Map.entry("SO_TYPE", 3L),
            Map.entry("SO_ACCEPTCONN", 30L),
            Map.entry("EPOLL_CTL_DEL", 2L),
            Map.entry("EPOLL_CLOEXEC", 02000000L),
            Map.entry("LOCK_NB", 4L),
            Map.entry("UTIME_NOW", (1L << 30) - 1),
            Map.entry("UTIME_OMIT", (1L << 30) - 2));

    @Test
    void socketEpollAndFileConstantsAreShared(@TempDir Path dir) {
        List<String> names = new ArrayList<>(SHARED.keySet());
        CProbe.Report guest =
                CProbe.probe(CProbe.Target.GUEST, dir.resolve(mk(dir, "g")), SOCKET_HEADERS, Map.of(), names);
        CProbe.Report host =
                CProbe.probe(CProbe.Target.HOST, dir.resolve(mk(dir, "h")), SOCKET_HEADERS, Map.of(), names);
        SHARED.forEach((name, value) -> {
            assertThat(guest.get(CProbe.constKey(name))).as("guest " + name).isEqualTo(value);
            assertThat(host.get(CProbe.constKey(name))).as("host " + name).isEqualTo(value);
        });
    }

    private static String mk(Path dir, String name) {
        try {
            java.nio.file.Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return name;
    }
}
