package org.ppcvm.core.debug;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.debug.DebugPoint.Watchpoint;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.Interpreter;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.core.vcpu.Vcpu;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * Every kind of access an instruction can make stops at a watchpoint over it, before anything
 * changes: the event names the whole access, registers and memory are as they were, and stepping
 * off the point performs the access. r4 points at the data (0x20000010), r5 is 0 for indexed
 * forms, XER's byte count is 6 for lswx/stswx.
 */
class WatchedAccessKindsTest {
    private static final int CODE = 0x1000_0000;
    private static final int DATA = 0x2000_0010;
    private static final int SC = 0x4400_0002;

    static Stream<Arguments> accesses() {
        return Stream.of(
                Arguments.of("lbz r3,1(r4)", 0x8864_0001, false, DATA + 1, 1),
                Arguments.of("lhz r3,2(r4)", 0xa064_0002, false, DATA + 2, 2),
                Arguments.of("lha r3,2(r4)", 0xa864_0002, false, DATA + 2, 2),
                Arguments.of("lwz r3,0(r4)", 0x8064_0000, false, DATA, 4),
                Arguments.of("lhbrx r3,r5,r4", 0x7c65_262c, false, DATA, 2),
                Arguments.of("lwbrx r3,r5,r4", 0x7c65_242c, false, DATA, 4),
                Arguments.of("lwarx r3,r5,r4", 0x7c65_2028, false, DATA, 4),
                Arguments.of("lmw r28,0(r4)", 0xbb84_0000, false, DATA, 16),
                Arguments.of("lswi r6,r4,7", 0x7cc4_3caa, false, DATA, 7),
                Arguments.of("lswx r6,r5,r4", 0x7cc5_242a, false, DATA, 6),
                Arguments.of("lfs f1,4(r4)", 0xc024_0004, false, DATA + 4, 4),
                Arguments.of("lfd f1,8(r4)", 0xc824_0008, false, DATA + 8, 8),
                Arguments.of("lfdu f1,8(r4)", 0xcc24_0008, false, DATA + 8, 8),
                Arguments.of("stb r3,3(r4)", 0x9864_0003, true, DATA + 3, 1),
                Arguments.of("sth r3,2(r4)", 0xb064_0002, true, DATA + 2, 2),
                Arguments.of("stw r3,0(r4)", 0x9064_0000, true, DATA, 4),
                Arguments.of("sthbrx r3,r5,r4", 0x7c65_272c, true, DATA, 2),
                Arguments.of("stwbrx r3,r5,r4", 0x7c65_252c, true, DATA, 4),
                Arguments.of("stmw r28,0(r4)", 0xbf84_0000, true, DATA, 16),
                Arguments.of("stswi r6,r4,7", 0x7cc4_3daa, true, DATA, 7),
                Arguments.of("stswx r6,r5,r4", 0x7cc5_252a, true, DATA, 6),
                Arguments.of("stfs f1,4(r4)", 0xd024_0004, true, DATA + 4, 4),
                Arguments.of("stfd f1,8(r4)", 0xd824_0008, true, DATA + 8, 8),
                Arguments.of("stfiwx f1,r5,r4", 0x7c25_27ae, true, DATA, 4),
                Arguments.of("dcbz r5,r4", 0x7c05_27ec, true, DATA & -64, 64));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("accesses")
    void stopsBeforeTheAccessAndSteppingOffPerformsIt(String asm, int word, boolean write, int at, int len) {
        Memory memory = new Memory();
        memory.map(CODE, Memory.PAGE_SIZE, Perm.RX);
        memory.map(DATA & ~Memory.PAGE_MASK, Memory.PAGE_SIZE, Perm.RW);
        memory.writeRaw(
                CODE, new byte[] {(byte) (word >>> 24), (byte) (word >>> 16), (byte) (word >>> 8), (byte) word});
        memory.writeRaw(CODE + 4, new byte[] {0x44, 0, 0, 2});
        for (int i = 0; i < 64; i++) {
            memory.store8((DATA & -64) + i, 0x40 + i);
        }
        Cpu cpu = new Cpu(memory);
        DecodedCode code = new DecodedCode(memory);
        GuestDebug debug = new GuestDebug(memory, code);
        Vcpu vcpu = new Vcpu(cpu, new Interpreter(code, debug), debug);
        cpu.pc = CODE;
        cpu.gpr[3] = 0x1122_3344;
        cpu.gpr[4] = DATA;
        cpu.gpr[6] = 0x5566_7788;
        cpu.gpr[7] = 0x99aa_bbcc;
        cpu.fpr[1] = Double.doubleToRawLongBits(-2.5);
        cpu.xer = 6;
        Cpu before = new Cpu(memory);
        before.copyRegistersFrom(cpu);
        byte[] memoryBefore = memory.readRaw(DATA & -64, 64);

        Watchpoint wp = new Watchpoint(at + len - 1, 1, write ? WatchKind.WRITE : WatchKind.READ);
        debug.add(wp);
        VcpuExit exit = vcpu.run(RunMode.CONTINUE, Skip.NONE);

        assertThat(exit).isInstanceOf(VcpuExit.Debug.class);
        DebugEvent e = ((VcpuExit.Debug) exit).event();
        assertThat(e.cause()).isEqualTo(write ? DebugCause.WATCH_WRITE : DebugCause.WATCH_READ);
        assertThat(e.pc()).isEqualTo(CODE);
        assertThat(e.accessAddress()).isEqualTo(at);
        assertThat(e.accessLength()).isEqualTo(len);
        assertThat(cpu.gpr).containsExactly(before.gpr);
        assertThat(cpu.fpr).containsExactly(before.fpr);
        assertThat(cpu.pc).isEqualTo(CODE);
        assertThat(memory.readRaw(DATA & -64, 64)).isEqualTo(memoryBefore);

        assertThat(vcpu.run(RunMode.CONTINUE, Skip.BREAKPOINTS_AND_WATCHPOINTS))
                .isInstanceOf(VcpuExit.SystemCall.class);
        boolean changed = write
                ? !java.util.Arrays.equals(memory.readRaw(DATA & -64, 64), memoryBefore)
                : !java.util.Arrays.equals(cpu.gpr, before.gpr) || !java.util.Arrays.equals(cpu.fpr, before.fpr);
        assertThat(changed).as("the access happened after stepping off").isTrue();
    }
}
