package org.ppcvm.core.mem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MemoryTest {
    private static final int BASE = 0x1000_0000;
    private final Memory memory = new Memory();

    @Test
    void mappedPagesReadZeroAndAreBigEndian() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RW);
        assertThat(memory.load32(BASE + 100)).isZero();
        memory.store32(BASE, 0x1122_3344);
        assertThat(memory.load8(BASE)).isEqualTo(0x11);
        assertThat(memory.load16(BASE + 2)).isEqualTo(0x3344);
        memory.store64(BASE + 8, 0x0102_0304_0506_0708L);
        assertThat(memory.load32(BASE + 12)).isEqualTo(0x0506_0708);
    }

    @Test
    void accessCrossingIntoAnUnmappedPageFaultsAtThatPageAndWritesNothing() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RW);
        int last = BASE + Memory.PAGE_SIZE - 2;
        assertThatThrownBy(() -> memory.store32(last, -1)).isInstanceOfSatisfying(MemoryFault.class, f -> {
            assertThat(f.address()).isEqualTo(BASE + Memory.PAGE_SIZE);
            assertThat(f.kind()).isEqualTo(AccessKind.WRITE);
            assertThat(f.mapped()).isFalse();
        });
        assertThat(memory.load16(last)).isZero();
    }

    @Test
    void accessCrossingTwoMappedPagesWorks() {
        memory.map(BASE, 2 * Memory.PAGE_SIZE, Perm.RW);
        int at = BASE + Memory.PAGE_SIZE - 3;
        memory.store64(at, 0x8877_6655_4433_2211L);
        assertThat(memory.load64(at)).isEqualTo(0x8877_6655_4433_2211L);
        assertThat(memory.load8(BASE + Memory.PAGE_SIZE)).isEqualTo(0x55);
    }

    @Test
    void protectionFaultsSayTheyAreOnMappedPages() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.READ);
        assertThatThrownBy(() -> memory.store8(BASE, 1))
                .isInstanceOfSatisfying(
                        MemoryFault.class, f -> assertThat(f.mapped()).isTrue());
        memory.protect(BASE, Memory.PAGE_SIZE, Perm.NONE);
        assertThatThrownBy(() -> memory.load8(BASE)).isInstanceOf(MemoryFault.class);
        assertThatThrownBy(() -> memory.fetch(BASE)).isInstanceOf(MemoryFault.class);
    }

    @Test
    void unmapDiscardsContentsAndRemapGivesZeros() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RW);
        memory.store32(BASE, 42);
        memory.unmap(BASE, Memory.PAGE_SIZE);
        assertThat(memory.isMapped(BASE)).isFalse();
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RW);
        assertThat(memory.load32(BASE)).isZero();
    }

    @Test
    void rawAccessIgnoresPermissionsAndStopsAtUnmappedPages() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.NONE);
        memory.writeRaw(BASE, new byte[] {1, 2, 3});
        byte[] out = new byte[Memory.PAGE_SIZE + 16];
        assertThat(memory.readRaw(BASE, out, 0, out.length)).isEqualTo(Memory.PAGE_SIZE);
        assertThat(out[2]).isEqualTo((byte) 3);
    }

    @Test
    void writesToDecodedCodeAreReportedBeforeTheyLand() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RWX);
        List<Integer> pages = new ArrayList<>();
        memory.setCodeWriteListener(pages::add);
        memory.markCode(BASE >>> Memory.PAGE_SHIFT);
        memory.store32(BASE + 4, 0x6000_0000);
        memory.store32(BASE + 8, 0x6000_0000); // the page is no longer code: no second report
        assertThat(pages).containsExactly(BASE >>> Memory.PAGE_SHIFT);
        assertThat(memory.load32(BASE + 4)).isEqualTo(0x6000_0000);
    }

    @Test
    void watchedPagesConsultTheObserverWithTheWholeAccessFirst() {
        memory.map(BASE, 2 * Memory.PAGE_SIZE, Perm.RW);
        List<String> seen = new ArrayList<>();
        memory.setAccessObserver((addr, len, kind) -> {
            seen.add(kind + "@" + Integer.toHexString(addr) + "+" + len);
            if (kind == AccessKind.WRITE) {
                throw new IllegalStateException("stop before the write");
            }
        });
        memory.setWatched((BASE >>> Memory.PAGE_SHIFT) + 1, true, true);
        int at = BASE + Memory.PAGE_SIZE - 2;
        assertThat(memory.load32(at)).isZero();
        assertThatThrownBy(() -> memory.store32(at, -1)).hasMessageContaining("stop before");
        assertThat(memory.load32(at)).isZero();
        memory.store32(BASE, 7); // the unwatched page takes the fast path
        assertThat(seen)
                .containsExactly(
                        "READ@" + Integer.toHexString(at) + "+4",
                        "WRITE@" + Integer.toHexString(at) + "+4",
                        "READ@" + Integer.toHexString(at) + "+4");
    }

    @Test
    void cStringsStopAtNulOrTheLimit() {
        memory.map(BASE, Memory.PAGE_SIZE, Perm.RW);
        memory.writeRaw(BASE, "hello\0world".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(new String(memory.readCString(BASE, 100), java.nio.charset.StandardCharsets.US_ASCII))
                .isEqualTo("hello");
        assertThat(memory.readCString(BASE, 3)).hasSize(3);
    }

    @Test
    void topPageOfTheAddressSpaceIsUsable() {
        memory.map(0xFFFF_F000, Memory.PAGE_SIZE, Perm.RW);
        memory.store32(0xFFFF_FFFC, 0xCAFE_BABE);
        assertThat(memory.load32(0xFFFF_FFFC)).isEqualTo(0xCAFE_BABE);
        assertThat(memory.isFree(0xFFFF_E000, Memory.PAGE_SIZE)).isTrue();
    }
}
