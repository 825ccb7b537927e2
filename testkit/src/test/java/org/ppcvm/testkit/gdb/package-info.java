/**
 * End-to-end tests of ppcvm's GDB server with a stock {@code gdb-multiarch}, and qemu-ppc's stub
 * as the oracle.
 *
 * <p>A test is one or a few gdb sessions on the guest programs in {@code
 * src/test/resources/gdb} ({@link org.ppcvm.testkit.gdb.Debuggee}). The pieces, in the order a
 * session uses them:
 *
 * <ol>
 *   <li>{@link org.ppcvm.testkit.gdb.GdbSession}: the guest, gdb's commands, and the stubs the
 *       session runs on ({@code BOTH} or {@code PPCVM_ONLY}, for what qemu-user lacks: hardware
 *       watchpoints, Ctrl-C while running, a second connection, SPRs);
 *   <li>a {@link org.ppcvm.testkit.gdb.StubLauncher} starts the {@link
 *       org.ppcvm.testkit.gdb.GdbStub}, {@code ppcvm run -g 0} (the port comes from its {@code
 *       listening} line on stderr) or {@code qemu-ppc -cpu e500mc -g PORT}, as a {@link
 *       org.ppcvm.testkit.gdb.StubProcess}; these three are testkit's main code, which the gdb
 *       benchmark ({@code bin/bench --gdb}) uses too;
 *   <li>{@link org.ppcvm.testkit.gdb.GdbClient} runs gdb against it (not in batch mode, so gdb
 *       prints what a user sees; every command echoed; Ctrl-C as a SIGINT to gdb when asked);
 *   <li>{@link org.ppcvm.testkit.gdb.GdbTranscript} splits gdb's output by command; {@link
 *       org.ppcvm.testkit.gdb.GdbRun} adds the guest's output and the stub's exit status;
 *   <li>when both stubs ran, {@link org.ppcvm.testkit.gdb.StubDifferences} normalises what must
 *       differ (port, process id, stack addresses, hardware against software watchpoints) and
 *       the two transcripts must then be equal; the test asserts on each run's output with
 *       {@link org.ppcvm.testkit.gdb.Expect} templates.
 * </ol>
 *
 * <p>{@code -Dppcvm.gdb.stubs=qemu} (or {@code ppcvm}) restricts the stubs; the tests carry the tag
 * {@code gdb}. Missing tools (cross compiler, gdb-multiarch, qemu-ppc, objdump) skip a test, and
 * fail it under {@code CI=true}. Each run leaves gdb's output and the stub's under {@code
 * target/gdb-runs}.
 */
package org.ppcvm.testkit.gdb;
