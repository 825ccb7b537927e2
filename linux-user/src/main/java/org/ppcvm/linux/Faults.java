package org.ppcvm.linux;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.Esr;
import org.ppcvm.core.fpu.Fpscr;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * How Linux on a Book E processor turns an interrupt taken in user mode into a signal: which
 * signal, its siginfo ({@code si_code}, {@code si_addr}) and the {@code pt_regs.trap} value the
 * signal frame and a debugger see.
 */
final class Faults {
    /** pt_regs.trap for a system call, a program check and a Book E debug interrupt. */
    static final int TRAP_SYSTEM_CALL = 0xc00;

    static final int TRAP_PROGRAM = 0x700;
    static final int TRAP_DEBUG = 0x2000;

    private Faults() {}

    /** The signal Linux sends for a Book E interrupt taken in user mode. */
    static Signal signalOf(VcpuExit.Exception e) {
        return switch (e.kind()) {
            case DATA_STORAGE, INSTRUCTION_STORAGE -> Signal.SIGSEGV;
            case ALIGNMENT -> Signal.SIGBUS;
            case PROGRAM -> {
                if ((e.esr() & Esr.FP) != 0) {
                    yield Signal.SIGFPE;
                }
                if ((e.esr() & Esr.PTR) != 0) {
                    yield Signal.SIGTRAP;
                }
                yield Signal.SIGILL;
            }
            case FP_UNAVAILABLE, SYSTEM_CALL -> Signal.SIGILL;
        };
    }

    /** pt_regs.trap as Linux sets it on entry from user mode by this interrupt. */
    static int trapOf(VcpuExit.Exception e) {
        return switch (e.kind()) {
            case DATA_STORAGE -> 0x300;
            case INSTRUCTION_STORAGE -> 0x400;
            case ALIGNMENT -> 0x600;
            case PROGRAM -> TRAP_PROGRAM;
            case FP_UNAVAILABLE -> 0x800;
            case SYSTEM_CALL -> TRAP_SYSTEM_CALL;
        };
    }

    /** The siginfo Linux gives the signal of an interrupt: si_code and si_addr. */
    static SigInfo siginfo(VcpuExit.Exception e, Cpu cpu, Memory memory) {
        Signal signal = signalOf(e);
        return switch (e.kind()) {
            case DATA_STORAGE ->
                SigInfo.fault(
                        signal.number(),
                        memory.isMapped(e.dear()) ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR,
                        e.dear());
            case INSTRUCTION_STORAGE ->
                SigInfo.fault(
                        signal.number(), memory.isMapped(cpu.pc) ? SigInfo.SEGV_ACCERR : SigInfo.SEGV_MAPERR, cpu.pc);
            case ALIGNMENT -> SigInfo.fault(signal.number(), SigInfo.BUS_ADRALN, e.dear());
            case PROGRAM -> SigInfo.fault(signal.number(), programCode(signal, e.esr(), cpu.fpscr), cpu.pc);
            case FP_UNAVAILABLE, SYSTEM_CALL -> SigInfo.fault(signal.number(), SigInfo.ILL_ILLOPC, cpu.pc);
        };
    }

    private static int programCode(Signal signal, int esr, int fpscr) {
        return switch (signal) {
            case SIGFPE -> fpeCode(fpscr);
            case SIGTRAP -> SigInfo.TRAP_BRKPT;
            default -> (esr & Esr.PPR) != 0 ? SigInfo.ILL_PRVOPC : SigInfo.ILL_ILLOPC;
        };
    }

    /** The si_code of an enabled FP exception: the first enabled, raised kind in Linux's order. */
    static int fpeCode(int fpscr) {
        if ((fpscr & Fpscr.VE) != 0 && (fpscr & Fpscr.VX) != 0) {
            return SigInfo.FPE_FLTINV;
        }
        if ((fpscr & Fpscr.OE) != 0 && (fpscr & Fpscr.OX) != 0) {
            return SigInfo.FPE_FLTOVF;
        }
        if ((fpscr & Fpscr.UE) != 0 && (fpscr & Fpscr.UX) != 0) {
            return SigInfo.FPE_FLTUND;
        }
        if ((fpscr & Fpscr.ZE) != 0 && (fpscr & Fpscr.ZX) != 0) {
            return SigInfo.FPE_FLTDIV;
        }
        if ((fpscr & Fpscr.XE) != 0 && (fpscr & Fpscr.XX) != 0) {
            return SigInfo.FPE_FLTRES;
        }
        return 0;
    }
}
