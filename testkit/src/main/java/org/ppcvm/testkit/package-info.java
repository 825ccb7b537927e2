/**
 * Differential testing of ppcvm against {@code qemu-ppc}.
 *
 * <p>The pipeline, one class per step:
 *
 * <ol>
 *   <li>{@link org.ppcvm.testkit.GuestCorpus} lists the guest programs under {@code
 *       testkit/src/test/guests} with the settings each declares in a {@code ppcvm-test:} header
 *       comment ({@link org.ppcvm.testkit.GuestProgram}).
 *   <li>{@link org.ppcvm.testkit.GuestToolchain} builds a program with {@code powerpc-linux-gnu-gcc}
 *       into a content-hashed cache (and natively with the host {@code gcc} for benchmarks).
 *   <li>A {@link org.ppcvm.testkit.GuestRunner} runs the binary from a {@link
 *       org.ppcvm.testkit.RunSpec} (arguments, stdin, environment, directory, timeout) and returns a
 *       {@link org.ppcvm.testkit.RunResult}: {@link org.ppcvm.testkit.QemuUser} is the oracle, {@link
 *       org.ppcvm.testkit.PpcvmRunner} the system under test. QemuUser hides the two places where
 *       qemu-ppc 7.2 differs from Linux in ways a program's output shows: it rewrites ISA 3.0 {@code
 *       mffs} forms ({@link org.ppcvm.testkit.MffsRewriter}) and reports a fatal signal as a shell
 *       does ({@link org.ppcvm.testkit.ShellSignals}).
 *   <li>{@link org.ppcvm.testkit.TextDiff} shows where two outputs part.
 * </ol>
 *
 * <p>{@link org.ppcvm.testkit.Tools} decides whether a missing external tool skips a test (on a
 * developer's machine) or fails it (under CI).
 */
package org.ppcvm.testkit;
