package org.ppcvm.testkit.random;

/**
 * Which copy of a generated program to render.
 *
 * <p>The two copies differ only where qemu-ppc cannot run the instruction under test as an e500mc
 * running Linux would: {@code isel} and {@code popcntb} (no 32-bit qemu-ppc model has both them
 * and {@code fsqrt}) are replaced by equivalent sequences, and the corrections listed in {@link
 * QemuDeviation} are inserted. Everything else, including every fix-up that keeps results
 * architecturally defined, is the same in both copies.
 */
public enum SourceVariant {
    /** The program as ppcvm runs it. */
    PPCVM,
    /** The program as {@code qemu-ppc -cpu 7457} runs it. */
    QEMU
}
