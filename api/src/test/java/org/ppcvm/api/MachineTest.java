package org.ppcvm.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.WatchKind;

/** The embedding API on the shipped example program (a static PowerPC ELF in examples/). */
class MachineTest {
    private static final Path HELLO = Path.of("..", "examples", "hello");

    @Test
    void breakAtMainReadArgumentsStepAndRunToTheEnd() throws Exception {
        try (Machine vm = Machine.load(HELLO, List.of("hello", "x"))) {
            int main = vm.symbol("main").orElseThrow();
            vm.addBreakpoint(main);
            Stop stop = vm.run();
            assertThat(stop).isInstanceOfSatisfying(Stop.Debug.class, d -> {
                assertThat(d.event().cause()).isEqualTo(DebugCause.SW_BREAKPOINT);
                assertThat(d.event().pc()).isEqualTo(main);
            });
            assertThat(vm.read(Register.PC)).isEqualTo(main);
            assertThat(vm.read(Register.R3)).isEqualTo(2);
            int argv1 = vm.readWord(vm.read(Register.R4) + 4);
            assertThat(new String(vm.readMemory(argv1, 1), StandardCharsets.US_ASCII))
                    .isEqualTo("x");
            long before = vm.instructionCount();
            assertThat(vm.step())
                    .isInstanceOfSatisfying(
                            Stop.Debug.class, d -> assertThat(d.event().cause()).isEqualTo(DebugCause.STEP));
            assertThat(vm.instructionCount()).isEqualTo(before + 1);
            assertThat(vm.read(Register.PC)).isEqualTo(main + 4);
            vm.removeBreakpoint(main);
            assertThat(vm.run()).isEqualTo(new Stop.Exited(0));
            assertThat(vm.run()).isEqualTo(new Stop.Exited(0));
        }
    }

    @Test
    void aWatchpointStopsBeforeTheWriteAndResumingPerformsIt() throws Exception {
        try (Machine vm = Machine.load(HELLO, List.of("hello"))) {
            int main = vm.symbol("main").orElseThrow();
            vm.addBreakpoint(main);
            vm.run();
            int sp = vm.read(Register.R1);
            vm.removeBreakpoint(main);
            // main's prologue stores below the stack pointer: watch the word stwu will write.
            vm.addWatchpoint(sp - 64, 64, WatchKind.WRITE);
            Stop stop = vm.run();
            assertThat(stop).isInstanceOf(Stop.Debug.class);
            var event = ((Stop.Debug) stop).event();
            assertThat(event.cause()).isEqualTo(DebugCause.WATCH_WRITE);
            assertThat(event.pc()).isEqualTo(vm.read(Register.PC));
            // Nothing was written yet: a sentinel put there now is what the step overwrites.
            byte[] sentinel = new byte[event.accessLength()];
            java.util.Arrays.fill(sentinel, (byte) 0x5a);
            vm.writeMemory(event.accessAddress(), sentinel);
            vm.step();
            assertThat(vm.read(Register.PC)).isNotEqualTo(event.pc());
            assertThat(vm.readMemory(event.accessAddress(), event.accessLength()))
                    .isNotEqualTo(sentinel);
        }
    }

    @Test
    void registersAndMemoryCanBeWritten() throws Exception {
        try (Machine vm = Machine.load(HELLO, List.of("hello"))) {
            vm.write(Register.R5, 0x1234);
            assertThat(vm.read(Register.R5)).isEqualTo(0x1234);
            vm.writeFpr(3, Double.doubleToRawLongBits(2.5));
            assertThat(Double.longBitsToDouble(vm.readFpr(3))).isEqualTo(2.5);
            int sp = vm.read(Register.R1);
            vm.writeMemory(sp - 16, new byte[] {1, 2, 3, 4});
            assertThat(vm.readWord(sp - 16)).isEqualTo(0x0102_0304);
        }
    }
}
