/**
 * The seeded random-instruction differential test: ppcvm against {@code qemu-ppc -cpu 7457}.
 *
 * <p>The pipeline, one class per step:
 *
 * <ol>
 *   <li>{@link org.ppcvm.testkit.random.RandomProgramGenerator} turns a seed and {@link
 *       org.ppcvm.testkit.random.GeneratorSettings} into a {@link
 *       org.ppcvm.testkit.random.GeneratedProgram}: independent blocks, each a fresh state drawn
 *       from edge values and a run of random user-mode instructions made of <em>units</em> (one
 *       instruction under test with its setup and the fix-ups that keep every result
 *       architecturally defined). The units are grouped by ISA chapter: {@code IntegerUnits},
 *       {@code RegisterMoveUnits}, {@code LoadStoreUnits}, {@code FloatingPointUnits}, {@code
 *       BranchUnits}; {@link org.ppcvm.testkit.random.InstructionCatalog} lists every form they
 *       must cover.
 *   <li>The program is rendered twice ({@link org.ppcvm.testkit.random.SourceVariant}): ppcvm's
 *       copy, and qemu's copy in which instructions qemu lacks are replaced and its {@link
 *       org.ppcvm.testkit.random.QemuDeviation}s corrected ({@code QemuCorrections}); ppcvm's copy
 *       is padded with nops so both have the same addresses. {@link
 *       org.ppcvm.testkit.random.Harness} supplies the entry point, state loading and the dump.
 *   <li>{@link org.ppcvm.testkit.random.RandomDifferential} builds both with the cross compiler,
 *       runs them (qemu-ppc, ppcvm), parses the dumps ({@link
 *       org.ppcvm.testkit.random.DumpFormat}) and compares them block by block on the defined bits
 *       ({@link org.ppcvm.testkit.random.StateComparator}), reporting the seed, the first
 *       differing block, its instructions and the differing registers.
 * </ol>
 */
package org.ppcvm.testkit.random;
