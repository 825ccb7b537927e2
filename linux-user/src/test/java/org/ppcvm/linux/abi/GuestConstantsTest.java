package org.ppcvm.linux.abi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open flags, ioctl numbers and RLIM_INFINITY against both compilers' headers. */
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

    private static String mk(Path dir, String name) {
        try {
            java.nio.file.Files.createDirectories(dir.resolve(name));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return name;
    }
}
