package org.ppcvm.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;

class MemoryMapsTest {
    private final Memory memory = new Memory();
    private final MemoryMaps maps = new MemoryMaps();

    private String render(int heapStart, int heapEnd) {
        return new String(maps.render(memory, heapStart, heapEnd), StandardCharsets.UTF_8);
    }

    @Test
    void linesFollowLinuxsFormatWithNamesFromColumn73() {
        memory.map(0x1000_0000, 0x2000, Perm.READ | Perm.EXEC);
        maps.map(0x1000_0000, 0x2000, new MemoryMaps.Origin("/bin/prog", 0x1000_0000, 0x3000, 0xfe01, 77, false));
        memory.map(0x2000_0000, 0x1000, Perm.RW);
        memory.map(0xbf00_0000, 0x1000, Perm.RW);
        maps.map(0xbf00_0000, 0x1000, MemoryMaps.Origin.named("[stack]", 0xbf00_0000));

        String text = render(0, 0);

        assertThat(text)
                .isEqualTo("10000000-10002000 r-xp 00003000 fe:01 77"
                        + " ".repeat(33) + "/bin/prog\n"
                        + "20000000-20001000 rw-p 00000000 00:00 0 \n"
                        + "bf000000-bf001000 rw-p 00000000 00:00 0" + " ".repeat(34) + "[stack]\n");
        assertThat(text.lines().findFirst().orElseThrow().indexOf('/')).isEqualTo(73);
    }

    @Test
    void aRunSplitsWherePermissionsChangeAndTheOffsetFollowsThePage() {
        memory.map(0x4000_0000, 0x3000, Perm.READ);
        memory.protect(0x4000_1000, 0x1000, Perm.RW);
        maps.map(0x4000_0000, 0x3000, new MemoryMaps.Origin("/f", 0x4000_0000, 0, 8, 9, true));

        assertThat(render(0, 0).lines().map(l -> l.substring(0, 40)))
                .containsExactly(
                        "40000000-40001000 r--s 00000000 00:08 9 ",
                        "40001000-40002000 rw-s 00001000 00:08 9 ",
                        "40002000-40003000 r--s 00002000 00:08 9 ");
    }

    @Test
    void theBreakAreaIsTheHeapAndClearedPagesAreAnonymous() {
        memory.map(0x1001_0000, 0x3000, Perm.RW);
        maps.map(0x1001_0000, 0x1000, new MemoryMaps.Origin("/bin/prog", 0x1001_0000, 0x10000, 1, 2, false));
        maps.map(0x1001_1000, 0x1000, new MemoryMaps.Origin("/bin/other", 0x1001_1000, 0, 1, 3, false));
        maps.clear(0x1001_1000, 0x1000);

        assertThat(render(0x1001_2000, 0x1001_3000).lines().map(l -> l.replaceAll(" +", " ")))
                .containsExactly(
                        "10010000-10011000 rw-p 00010000 00:01 2 /bin/prog",
                        "10011000-10012000 rw-p 00000000 00:00 0 ",
                        "10012000-10013000 rw-p 00000000 00:00 0 [heap]");
    }

    @Test
    void aMovedMappingKeepsItsFileAndOffsetsAndAGrownTailContinuesIt() {
        memory.map(0x5000_0000, 0x2000, Perm.READ);
        maps.map(0x5000_0000, 0x2000, new MemoryMaps.Origin("/f", 0x5000_0000, 0x1000, 1, 2, false));
        memory.unmap(0x5000_0000, 0x2000);
        memory.map(0x6000_0000, 0x3000, Perm.READ);

        maps.move(0x5000_0000, 0x2000, 0x6000_0000, 0x3000);

        assertThat(render(0, 0).lines().map(l -> l.replaceAll(" +", " ")))
                .containsExactly("60000000-60003000 r--p 00001000 00:01 2 /f");
        memory.protect(0x6000_2000, 0x1000, Perm.RW);
        assertThat(render(0, 0).lines().map(l -> l.replaceAll(" +", " ")))
                .containsExactly(
                        "60000000-60002000 r--p 00001000 00:01 2 /f", "60002000-60003000 rw-p 00003000 00:01 2 /f");
    }

    @Test
    void devicesSplitAsGlibcsMajorAndMinor() {
        // makedev(254, 1), as st_dev says for the host's /usr above, and makedev(8, 300).
        assertThat(MemoryMaps.major(0xfe01)).isEqualTo(254);
        assertThat(MemoryMaps.minor(0xfe01)).isEqualTo(1);
        assertThat(MemoryMaps.major(0x10082c)).isEqualTo(8);
        assertThat(MemoryMaps.minor(0x10082c)).isEqualTo(300);
    }
}
