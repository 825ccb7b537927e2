package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ppcvm.testkit.gdb.GdbStub;

class GdbScriptTest {
    @Test
    void aFileConnectsAfterTheStubsSetupAndEndsWithKill() {
        String file = GdbScript.file(GdbScript.prelude(GdbStub.QEMU.setupCommands(), 1234), List.of("stepi 3"));
        List<String> lines = file.lines().toList();

        assertThat(lines)
                .containsSubsequence(
                        "set pagination off",
                        "set can-use-hw-watchpoints 0",
                        "target remote 127.0.0.1:1234",
                        "python import time",
                        "stepi 3",
                        "kill");
        assertThat(lines.getLast()).isEqualTo("kill");
        assertThat(GdbScript.prelude(GdbStub.PPCVM.setupCommands(), 1)).noneMatch(l -> l.contains("can-use-hw"));
    }

    @Test
    void stepiRunsWithNoBreakpointLeftAndIsTimedTwice() {
        List<String> body = GdbScript.stepi(500);

        // A breakpoint the steps land on would end 'stepi N' early.
        assertThat(body).containsSubsequence("break spin", "continue", "delete", "stepi 500", "stepi 500");
        assertTimed(body, 1, body.indexOf("stepi 500"));
        assertTimed(body, 2, body.lastIndexOf("stepi 500"));
        assertThat(body.getLast()).contains("frame-2").contains("gdb.selected_frame().name()");
    }

    @Test
    void pointHitsSetSilentContinuingCommandsAndCountHitsPerRound() {
        for (List<String> body : List.of(GdbScript.breakpointHits(), GdbScript.watchpointHits())) {
            assertThat(body)
                    .containsSubsequence("commands", "silent", "continue", "end", "break halfway", "break reached");
            int reached = body.indexOf("break reached");
            int first = body.subList(reached, body.size()).indexOf("continue") + reached;
            assertTimed(body, 1, first);
            assertTimed(body, 2, body.lastIndexOf("continue"));
            assertThat(body).anyMatch(l -> l.contains("ppcvm-bench: hits-1 %d") && l.contains("hit_count"));
            assertThat(body).anyMatch(l -> l.contains("ppcvm-bench: hits-2 %d") && l.contains("hit_count"));
        }
        assertThat(GdbScript.breakpointHits()).contains("break hit");
        assertThat(GdbScript.watchpointHits()).contains("watch watched");
    }

    @Test
    void dumpAndLateWatchpointTimeTheRightCommand() {
        List<String> dump = GdbScript.dump(4096, List.of(Path.of("/tmp/1.bin"), Path.of("/tmp/2.bin")));
        assertTimed(dump, 1, dump.indexOf("dump binary memory /tmp/1.bin buffer buffer+4096"));
        assertTimed(dump, 2, dump.indexOf("dump binary memory /tmp/2.bin buffer buffer+4096"));
        assertThatThrownBy(() -> GdbScript.dump(4, List.of(Path.of("/tmp/1.bin"))))
                .isInstanceOf(IllegalArgumentException.class);

        List<String> late = GdbScript.lateWatchpoint();
        assertThat(late.getFirst()).isEqualTo("watch late");
        assertTimed(late, 1, late.indexOf("continue"));
        assertThat(late).noneMatch(l -> l.contains("seconds-2"));
        assertThat(GdbScript.lateWatchpointFromLoop())
                .containsSubsequence("break run_late", "continue", "delete", "watch late", "continue");
        List<String> reads = GdbScript.smallReads(7);
        assertThat(reads)
                .filteredOn(l -> l.contains("range(7)") && l.contains("read_memory"))
                .hasSize(2);
    }

    @Test
    void printsAreGdbOutputLines() {
        assertThat(GdbScript.print("hits", "%d", "n")).isEqualTo("python print(\"ppcvm-bench: hits %d\" % (n))");
    }

    /** Asserts that {@code index} lies between round {@code round}'s clock start and stop. */
    private static void assertTimed(List<String> body, int round, int index) {
        int started = body.indexOf(GdbScript.print("started-" + round, "%d", "1"));
        int stopped = -1;
        for (int i = 0; i < body.size(); i++) {
            if (body.get(i).contains("ppcvm-bench: seconds-" + round + " ")) {
                stopped = i;
            }
        }
        assertThat(started).as("round %d starts", round).isNotNegative();
        assertThat(body.get(started + 1)).isEqualTo("python ppcvm_bench_t0 = time.perf_counter()");
        assertThat(index).as("timed in round %d", round).isBetween(started + 2, stopped - 1);
    }
}
