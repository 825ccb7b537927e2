/**
 * The classic PowerPC floating-point unit (Power ISA v2.06B Book I chapter 4).
 *
 * <ul>
 *   <li>{@link org.ppcvm.core.fpu.FloatingPoint}: one static method per instruction mnemonic,
 *       {@code (Cpu, int word)}, called by the interpreter and by generated code: operand
 *       decoding, CR1 for the Rc=1 forms, the Floating-Point Enabled interrupt, loads and stores.
 *   <li>{@link org.ppcvm.core.fpu.Fpu}: the arithmetic on raw IEEE bits with every FPSCR effect,
 *       in all four rounding modes; a fast path (Java doubles plus error-free transforms) and an
 *       exact integer path, both ending in one rounding routine.
 *   <li>{@link org.ppcvm.core.fpu.Fpscr}: the register's bits and its summary rules.
 * </ul>
 *
 * <p>Where qemu-ppc differs from the ISA, ppcvm follows the ISA; the differences are listed and
 * tested in {@code FpuOracleTest.Deviation} and {@code QemuDeviationTest}. Where the ISA leaves a
 * value undefined, ppcvm produces qemu-ppc's, so differential runs compare.
 */
package org.ppcvm.core.fpu;
