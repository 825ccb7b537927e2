package org.ppcvm.testkit.random;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.ppcvm.testkit.GuestRunner;
import org.ppcvm.testkit.GuestToolchain;

/** Hand-written programs in the generator's harness, for tests that need exact inputs. */
final class Probes {
    private Probes() {}

    /** Where test programs' sources go (the module's build directory). */
    static final Path SOURCES = Path.of("target", "random-programs");

    static RandomDifferential differential() {
        return new RandomDifferential(GuestToolchain.inDefaultCache(), SOURCES);
    }

    /** A state of zeros (the FPSCR too: round to nearest, no flags). */
    static MachineState zeroState() {
        return new MachineState(Collections.nCopies(32, 0), 0, 0, 0, 0, 0, Collections.nCopies(32, 0L));
    }

    static MachineState withGpr(MachineState s, int r, int value) {
        List<Integer> gpr = new ArrayList<>(s.gpr());
        gpr.set(r, value);
        return new MachineState(gpr, s.cr(), s.xer(), s.lr(), s.ctr(), s.fpscr(), s.fpr());
    }

    static MachineState withFpr(MachineState s, int f, long bits) {
        List<Long> fpr = new ArrayList<>(s.fpr());
        fpr.set(f, bits);
        return new MachineState(s.gpr(), s.cr(), s.xer(), s.lr(), s.ctr(), s.fpscr(), fpr);
    }

    static MachineState withFpscr(MachineState s, int fpscr) {
        return new MachineState(s.gpr(), s.cr(), s.xer(), s.lr(), s.ctr(), fpscr, s.fpr());
    }

    static AsmLine tested(String text) {
        return new AsmLine(AsmLine.Role.TESTED, text, text, text.split(" ", 2)[0]);
    }

    static AsmLine qemuOnly(String text) {
        return new AsmLine(AsmLine.Role.QEMU_CORRECTION, "", text, "");
    }

    static GeneratedBlock block(int index, MachineState initial, List<AsmLine> body) {
        return new GeneratedBlock(index, initial, Collections.nCopies(32, false), body);
    }

    /** A program of the given blocks (numbered from 0 in order) sharing a zeroed scratch area. */
    static GeneratedProgram program(long seed, List<GeneratedBlock> blocks) {
        return new GeneratedProgram(
                seed,
                new GeneratorSettings(blocks.size(), 0),
                blocks,
                Collections.nCopies(Harness.SCRATCH_BYTES / 4, 0),
                List.of(new FloatValue("0", 0)));
    }

    /** Builds {@code program} as {@code name} and runs {@code variant}'s copy; every block must dump. */
    static List<StateDump> run(GeneratedProgram program, String name, SourceVariant variant, GuestRunner runner) {
        RandomDifferential.Binaries binaries = differential().build(program, name);
        Path binary = variant == SourceVariant.PPCVM ? binaries.ppcvm() : binaries.qemu();
        RandomDifferential.Execution run =
                RandomDifferential.run(runner, binary, program.blocks().size());
        assertThat(run.problem()).as("run of %s under %s", binary, run.runner()).isEmpty();
        return run.dumps();
    }
}
