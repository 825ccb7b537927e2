package org.ppcvm.core.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.Esr;
import org.ppcvm.core.cpu.InterruptKind;
import org.ppcvm.core.debug.DebugCause;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.core.vcpu.Vcpu;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * Byte-level tests of single instructions and of the run loop: each test places a few words at
 * {@link #CODE}, ending with {@code sc}, and checks the state after the run. The differential
 * tests against qemu-ppc cover the instruction set at large; these pin down the edges.
 */
class InterpreterTest {
    private static final int CODE = 0x1000_0000;
    private static final int DATA = 0x2000_0000;
    private static final int SC = 0x4400_0002;

    private final Memory memory = new Memory();
    private final Cpu cpu = new Cpu(memory);
    private final DecodedCode code = new DecodedCode(memory);
    private final GuestDebug debug = new GuestDebug(memory, code);
    private final Vcpu vcpu = new Vcpu(cpu, new Interpreter(code, debug), debug);

    InterpreterTest() {
        memory.map(CODE, Memory.PAGE_SIZE, Perm.RX);
        memory.map(DATA, 2 * Memory.PAGE_SIZE, Perm.RW);
        cpu.pc = CODE;
    }

    private VcpuExit run(int... words) {
        byte[] bytes = new byte[words.length * 4];
        for (int i = 0; i < words.length; i++) {
            bytes[4 * i] = (byte) (words[i] >>> 24);
            bytes[4 * i + 1] = (byte) (words[i] >>> 16);
            bytes[4 * i + 2] = (byte) (words[i] >>> 8);
            bytes[4 * i + 3] = (byte) words[i];
        }
        memory.writeRaw(CODE, bytes);
        return vcpu.run();
    }

    @Test
    void addoDotSetsOverflowSummaryAndCr0() {
        cpu.gpr[4] = Integer.MAX_VALUE;
        cpu.gpr[5] = 1;
        assertThat(run(0x7c64_2e15 /* addo. r3,r4,r5 */, SC)).isInstanceOf(VcpuExit.SystemCall.class);
        assertThat(cpu.gpr[3]).isEqualTo(Integer.MIN_VALUE);
        assertThat(cpu.xer & (Cpu.XER_SO | Cpu.XER_OV)).isEqualTo(Cpu.XER_SO | Cpu.XER_OV);
        assertThat(cpu.crField(0)).isEqualTo(0b1001); // LT and SO
    }

    @Test
    void subfcSetsCarryWhenNoBorrow() {
        cpu.gpr[4] = 5; // subtrahend
        cpu.gpr[5] = 7;
        run(0x7c64_2810 /* subfc r3,r4,r5 */, SC);
        assertThat(cpu.gpr[3]).isEqualTo(2);
        assertThat(cpu.ca()).isTrue();
    }

    @Test
    void srawOfNegativeValueByLargeCountGivesMinusOneAndCarry() {
        cpu.gpr[4] = -5;
        cpu.gpr[5] = 40;
        run(0x7c83_2e30 /* sraw r3,r4,r5 */, SC);
        assertThat(cpu.gpr[3]).isEqualTo(-1);
        assertThat(cpu.ca()).isTrue();
    }

    @Test
    void rlwinmWithWrappingMask() {
        cpu.gpr[4] = 0x1234_5678;
        run(0x5483_27be /* rlwinm r3,r4,4,30,31 | wraps? */, SC);
        // rotl(0x12345678, 4) = 0x23456781; mask MB=30..ME=31 = 0x3
        assertThat(cpu.gpr[3]).isEqualTo(0x2345_6781 & 0x3);
    }

    @Test
    void stwcxWithoutReservationStoresNothing() {
        cpu.gpr[4] = DATA;
        cpu.gpr[5] = 0x55;
        run(0x7ca0_212d /* stwcx. r5,0,r4 */, SC);
        assertThat(memory.load32(DATA)).isZero();
        assertThat(cpu.crField(0) & 0b0010).isZero();
    }

    @Test
    void lwarxThenStwcxSucceeds() {
        cpu.gpr[4] = DATA;
        cpu.gpr[5] = 0x55;
        run(0x7c60_2028 /* lwarx r3,0,r4 */, 0x7ca0_212d /* stwcx. r5,0,r4 */, SC);
        assertThat(memory.load32(DATA)).isEqualTo(0x55);
        assertThat(cpu.crField(0) & 0b0010).isEqualTo(0b0010);
    }

    @Test
    void dcbzZeroesTheWholeSixtyFourByteLine() {
        for (int i = 0; i < 128; i++) {
            memory.store8(DATA + i, 0xAA);
        }
        cpu.gpr[4] = DATA + 70;
        run(0x7c00_27ec /* dcbz 0,r4 */, SC);
        assertThat(memory.load8(DATA + 63)).isEqualTo(0xAA);
        assertThat(memory.load8(DATA + 64)).isZero();
        assertThat(memory.load8(DATA + 127)).isZero();
    }

    @Test
    void stmwIsCheckedWholeBeforeAnyWord() {
        memory.protect(DATA + Memory.PAGE_SIZE, Memory.PAGE_SIZE, Perm.READ);
        cpu.gpr[4] = DATA + Memory.PAGE_SIZE - 8;
        VcpuExit exit = run(0xbfa4_0000 /* stmw r29,0(r4) */, SC);
        assertThat(exit).isEqualTo(new VcpuExit.Exception(InterruptKind.DATA_STORAGE, Esr.ST, DATA + Memory.PAGE_SIZE));
        assertThat(memory.load32(DATA + Memory.PAGE_SIZE - 8)).isZero();
        assertThat(cpu.pc).isEqualTo(CODE);
    }

    @Test
    void illegalWordIsAProgramInterruptWithThePcOnIt() {
        VcpuExit exit = run(0x00dd_dd00, SC);
        assertThat(exit).isEqualTo(new VcpuExit.Exception(InterruptKind.PROGRAM, Esr.PIL, 0));
        assertThat(cpu.pc).isEqualTo(CODE);
        assertThat(cpu.instructionCount).isZero();
    }

    @Test
    void trapWordRaisesTrap() {
        VcpuExit exit = run(0x7fe0_0008 /* tw 31,r0,r0 */, SC);
        assertThat(exit).isEqualTo(new VcpuExit.Exception(InterruptKind.PROGRAM, Esr.PTR, 0));
    }

    @Test
    void branchToUnmappedMemoryIsAnInstructionStorageInterrupt() {
        cpu.ctr = 0x3000_0000;
        VcpuExit exit = run(0x4e80_0420 /* bctr */);
        assertThat(exit).isEqualTo(new VcpuExit.Exception(InterruptKind.INSTRUCTION_STORAGE, 0, 0x3000_0000));
        assertThat(cpu.pc).isEqualTo(0x3000_0000);
    }

    @Test
    void selfModifyingCodeIsSeen() {
        memory.protect(CODE, Memory.PAGE_SIZE, Perm.RWX);
        // li r3,1 ; stw r5,0(r4) patches the next word ; (patched) ; sc
        cpu.gpr[4] = CODE + 12;
        cpu.gpr[5] = 0x3860_0007; // li r3,7
        run(0x3860_0001, 0x90a4_0000, 0x6000_0000, 0x6000_0000, SC);
        assertThat(cpu.gpr[3]).isEqualTo(7);
    }

    @Test
    void requestExitStopsAnInfiniteLoopAtAQuantumBoundary() {
        vcpu.requestExit();
        VcpuExit exit = run(0x4800_0000 /* b . */);
        assertThat(exit).isEqualTo(new VcpuExit.Interrupted(VcpuExit.Reason.REQUESTED));
        vcpu.setDeadline(3 * Vcpu.QUANTUM + 5);
        assertThat(vcpu.run()).isEqualTo(new VcpuExit.Interrupted(VcpuExit.Reason.DEADLINE));
        assertThat(cpu.instructionCount).isEqualTo(3 * Vcpu.QUANTUM + 5);
    }

    @Test
    void stepExecutesOneInstruction() {
        memory.writeRaw(CODE, new byte[] {0x38, 0x60, 0x00, 0x05}); // li r3,5
        assertThat(vcpu.step())
                .isEqualTo(new VcpuExit.Debug(
                        new DebugEvent(DebugCause.STEP, 15, CODE + 4, CODE + 4, 0, 0, java.util.List.of())));
        assertThat(cpu.gpr[3]).isEqualTo(5);
        assertThat(cpu.pc).isEqualTo(CODE + 4);
    }
}
