package org.ppcvm.testkit;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Rewrites the ISA 3.0 {@code mffs} forms ({@code mffsce}, {@code mffsl}, {@code mffscrn[i]},
 * {@code mffscdrn[i]}) in a ppc32 ELF image to plain {@code mffs} with the same FRT (and Rc).
 *
 * <p>These forms share {@code mffs}'s primary opcode 63 and XO 583 and differ only in bits 11-20,
 * which earlier processors ignore, so on an e500mc they all execute as {@code mffs}; Debian's glibc
 * relies on that in libm and fenv. qemu-ppc 7.2 raises SIGILL on them instead. Rewriting them in
 * the copy qemu runs (design.md §3) makes qemu behave as the hardware does. Only the file bytes of
 * executable {@code PT_LOAD} segments are scanned, word by word.
 */
public final class MffsRewriter {
    private MffsRewriter() {}

    private static final int PRIMARY_MFFS = 63;
    private static final int XO_MFFS = 583;
    /** Bits 11-20 in the ISA's MSB-0 numbering. */
    private static final int VARIANT_BITS = 0x3FF << 11;

    private static final int PT_LOAD = 1;
    private static final int PF_X = 1;
    private static final int EM_PPC = 20;

    /** Whether {@code word} is one of the ISA 3.0 {@code mffs} forms. */
    public static boolean isMffsVariant(int word) {
        return word >>> 26 == PRIMARY_MFFS && ((word >>> 1) & 0x3FF) == XO_MFFS && (word & VARIANT_BITS) != 0;
    }

    /** The plain {@code mffs} with the same FRT and Rc. */
    public static int toPlainMffs(int word) {
        return word & ~VARIANT_BITS;
    }

    /**
     * A copy of {@code elf} with every {@code mffs} variant in executable segments rewritten; an
     * image that is not a big-endian 32-bit PowerPC ELF is returned unchanged (copied).
     */
    public static byte[] rewrite(byte[] elf) {
        byte[] copy = elf.clone();
        scan(copy, true);
        return copy;
    }

    /** How many {@code mffs} variants the executable segments of {@code elf} contain. */
    public static int countVariants(byte[] elf) {
        return scan(elf, false);
    }

    private static int scan(byte[] image, boolean rewrite) {
        if (!isPpc32BigEndianElf(image)) {
            return 0;
        }
        ByteBuffer buf = ByteBuffer.wrap(image).order(ByteOrder.BIG_ENDIAN);
        long phoff = Integer.toUnsignedLong(buf.getInt(28));
        int phentsize = Short.toUnsignedInt(buf.getShort(42));
        int phnum = Short.toUnsignedInt(buf.getShort(44));
        int count = 0;
        for (int i = 0; i < phnum; i++) {
            long ph = phoff + (long) i * phentsize;
            if (ph + 32 > image.length) {
                break;
            }
            int type = buf.getInt((int) ph);
            long offset = Integer.toUnsignedLong(buf.getInt((int) ph + 4));
            long filesz = Integer.toUnsignedLong(buf.getInt((int) ph + 16));
            int flags = buf.getInt((int) ph + 24);
            if (type != PT_LOAD || (flags & PF_X) == 0) {
                continue;
            }
            long end = Math.min(offset + filesz, image.length);
            // Instructions are word-aligned in memory; segments keep offset == vaddr mod page size.
            for (long at = (offset + 3) & ~3L; at + 4 <= end; at += 4) {
                int word = buf.getInt((int) at);
                if (isMffsVariant(word)) {
                    count++;
                    if (rewrite) {
                        buf.putInt((int) at, toPlainMffs(word));
                    }
                }
            }
        }
        return count;
    }

    private static boolean isPpc32BigEndianElf(byte[] image) {
        return image.length >= 52
                && image[0] == 0x7F
                && image[1] == 'E'
                && image[2] == 'L'
                && image[3] == 'F'
                && image[4] == 1 // ELFCLASS32
                && image[5] == 2 // ELFDATA2MSB
                && ((image[18] & 0xFF) << 8 | (image[19] & 0xFF)) == EM_PPC;
    }
}
