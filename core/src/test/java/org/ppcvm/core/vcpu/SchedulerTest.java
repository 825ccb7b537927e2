package org.ppcvm.core.vcpu;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.Interpreter;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;

class SchedulerTest {
    private static final int CODE = 0x1000_0000;

    /** Thread A counts 2^17 loop iterations then makes a system call; thread B spins forever. */
    private record Run(Scheduler.Event event, Vcpu a, Vcpu b) {}

    private static Run run() {
        Memory memory = new Memory();
        memory.map(CODE, Memory.PAGE_SIZE, Perm.RX);
        int[] words = {
            0x3ca0_0002, // lis r5,2
            0x7ca9_03a6, // mtctr r5
            0x3863_0001, // loop: addi r3,r3,1
            0x4200_fffc, // bdnz loop
            0x4400_0002, // sc
            0x3863_0001, // spin: addi r3,r3,1
            0x4bff_fffc, // b spin
        };
        for (int i = 0; i < words.length; i++) {
            byte[] w = {(byte) (words[i] >>> 24), (byte) (words[i] >>> 16), (byte) (words[i] >>> 8), (byte) words[i]};
            memory.writeRaw(CODE + 4 * i, w);
        }
        DecodedCode code = new DecodedCode(memory);
        GuestDebug debug = new GuestDebug(memory, code);
        Vcpu a = new Vcpu(new Cpu(memory), new Interpreter(code, debug), debug);
        Vcpu b = new Vcpu(new Cpu(memory), new Interpreter(code, debug), debug);
        a.cpu().pc = CODE;
        b.cpu().pc = CODE + 20;
        b.cpu().reserved = true;
        Scheduler scheduler = new Scheduler();
        scheduler.add(a);
        scheduler.add(b);
        return new Run(scheduler.runUntilEvent(), a, b);
    }

    @Test
    void threadsTakeTurnsBySliceUntilOneNeedsItsOwner() {
        Run run = run();
        assertThat(run.event().vcpu()).isSameAs(run.a());
        assertThat(run.event().exit()).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(run.a().cpu().gpr[3]).isEqualTo(1 << 17);
        // A needs 2^18 + 3 instructions: it ran five slices, and B one after each of the first four.
        assertThat(run.b().cpu().instructionCount).isEqualTo(4 * Scheduler.SLICE);
        assertThat(run.b().cpu().reserved).isFalse();
    }

    @Test
    void theInterleavingIsTheSameEveryTime() {
        Run first = run();
        Run second = run();
        assertThat(second.b().cpu().gpr[3]).isEqualTo(first.b().cpu().gpr[3]);
        assertThat(second.a().cpu().instructionCount).isEqualTo(first.a().cpu().instructionCount);
    }
}
