package org.ppcvm.testkit.random;

import java.util.Locale;

/**
 * One register (or memory chunk) whose compared bits differ between the oracle and ppcvm.
 *
 * @param register its name, e.g. {@code r5}, {@code FPSCR}, {@code mem[64..127]}
 * @param oracle the oracle's value
 * @param subject ppcvm's value
 * @param comparedBits the bits that were compared (the rest are architecturally undefined or
 *     masked for a {@link QemuDeviation})
 * @param width the register's width in bits (32 or 64)
 */
public record RegisterDifference(String register, long oracle, long subject, long comparedBits, int width) {

    @Override
    public String toString() {
        String fmt = width == 64 ? "%016x" : "%08x";
        String text = String.format(
                Locale.ROOT,
                "%-14s qemu " + fmt + "  ppcvm " + fmt + "  differing bits " + fmt,
                register,
                oracle,
                subject,
                (oracle ^ subject) & comparedBits);
        if (width == 32 && comparedBits != 0xFFFF_FFFFL) {
            text += String.format(Locale.ROOT, " (compared bits %08x)", comparedBits);
        }
        return text;
    }
}
