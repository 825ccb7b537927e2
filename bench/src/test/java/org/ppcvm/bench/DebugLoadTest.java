package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DebugLoadTest {
    private final DebugLoad load = DebugLoad.DEFAULT;

    @Test
    void pointsAreDistinctAlignedAndInsideTheRegion() {
        List<String> options = load.runOptions();
        assertThat(options).hasSize(2 * (128 + 128));
        Set<String> values = new HashSet<>();
        for (int i = 0; i < options.size(); i += 2) {
            assertThat(options.get(i)).isIn("--hbreak", "--awatch");
            String value = options.get(i + 1);
            assertThat(values.add(value)).as("%s is set once", value).isTrue();
            long address = Long.parseLong(value.substring(2).split(":")[0], 16);
            assertThat(address % 4).isZero();
            assertThat(load.overlaps(address, options.get(i).equals("--awatch") ? 8 : 4))
                    .isTrue();
        }
        assertThat(options.stream().filter(o -> o.endsWith(":8"))).hasSize(128);
    }

    @Test
    void mappingsAreFoundInStraceOutput() {
        // ppcvm -strace prints results in signed decimal: -1224744960 is 0xb7000000.
        String outside = "42 mmap2(0x0,0x401000,0x3,0x22,0xffffffff,0x0) = -1224744960\n"
                + "42 brk(0x0,0x0,0x0,0x0,0x0,0x0) = 269172736\n"
                + "42 brk(0x100d6000,0x0,0x0,0x0,0x0,0x0) = 269312000\n"
                + "42 mmap2(0x30000000,0x1000,0x3,0x32,0xffffffff,0x0) = -12\n";
        assertThat(load.mappingInRegion(outside)).isEmpty();
        assertThat(load.mappingInRegion("42 mmap2(0x0,0x2000,0x3,0x22,0xffffffff,0x0) = 805367808\n"))
                .isPresent();
        assertThat(load.mappingInRegion("42 mremap(0x2fff0000,0x1000,0x20000,0x1,0x0,0x0) = 805240832\n"))
                .isPresent();
        assertThat(load.mappingInRegion("42 brk(0x0,0x0,0x0,0x0,0x0,0x0) = 269172736\n"
                        + "42 brk(0x30001000,0x0,0x0,0x0,0x0,0x0) = 805310464\n"))
                .isPresent();
    }
}
