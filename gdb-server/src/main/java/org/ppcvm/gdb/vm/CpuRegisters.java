package org.ppcvm.gdb.vm;

import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.SystemRegisters;
import org.ppcvm.core.os.KernelRegister;
import org.ppcvm.core.os.OsPersonality;
import org.ppcvm.gdb.ppc.Register;
import org.ppcvm.gdb.ppc.RegisterFile;
import org.ppcvm.gdb.ppc.TargetDescription;

/**
 * One guest thread's registers as gdb numbers them: the processor's state, plus the kernel's
 * {@code orig_r3} and {@code trap} and the user-readable SPRs.
 *
 * <p>Writes follow what Linux's ptrace lets a debugger change on a Book E processor: every GPR,
 * FPR, CR, LR, CTR, XER and FPSCR, the PC (word aligned, as instruction fetch ignores the low
 * bits), {@code orig_r3} and {@code trap}, and VRSAVE, but not the MSR (Book E Linux lets ptrace
 * change no MSR bit) nor the read-only SPRs.
 */
final class CpuRegisters implements RegisterFile {
    private final TargetDescription description;
    private final OsPersonality os;
    private final int thread;
    private final Cpu cpu;

    CpuRegisters(TargetDescription description, OsPersonality os, int thread, Cpu cpu) {
        this.description = description;
        this.os = os;
        this.thread = thread;
        this.cpu = cpu;
    }

    @Override
    public int readWord(int regnum) {
        if (regnum >= TargetDescription.R0 && regnum < TargetDescription.R0 + 32) {
            return cpu.gpr[regnum - TargetDescription.R0];
        }
        return switch (regnum) {
            case TargetDescription.PC -> cpu.pc;
            case TargetDescription.MSR -> cpu.msr;
            case TargetDescription.CR -> cpu.cr;
            case TargetDescription.LR -> cpu.lr;
            case TargetDescription.CTR -> cpu.ctr;
            case TargetDescription.XER -> cpu.xer;
            case TargetDescription.FPSCR -> cpu.fpscr;
            case TargetDescription.ORIG_R3 -> os.kernelRegister(thread, KernelRegister.ORIG_R3);
            case TargetDescription.TRAP -> os.kernelRegister(thread, KernelRegister.TRAP);
            default -> readSpr(sprName(regnum));
        };
    }

    private int readSpr(String name) {
        return switch (name) {
            case "vrsave" -> cpu.vrsave;
            case "sprg3" -> cpu.sprg[3];
            case "tbl" -> (int) SystemRegisters.timeBase(cpu);
            case "tbu" -> (int) (SystemRegisters.timeBase(cpu) >>> 32);
            case "pvr" -> cpu.pvr;
            default -> throw new IllegalArgumentException("no register " + name);
        };
    }

    @Override
    public void writeWord(int regnum, int value) {
        if (regnum >= TargetDescription.R0 && regnum < TargetDescription.R0 + 32) {
            cpu.gpr[regnum - TargetDescription.R0] = value;
            return;
        }
        switch (regnum) {
            case TargetDescription.PC -> cpu.pc = value & ~3;
            case TargetDescription.MSR -> {}
            case TargetDescription.CR -> cpu.cr = value;
            case TargetDescription.LR -> cpu.lr = value;
            case TargetDescription.CTR -> cpu.ctr = value;
            case TargetDescription.XER -> cpu.xer = value & (Cpu.XER_SO | Cpu.XER_OV | Cpu.XER_CA | Cpu.XER_BYTE_COUNT);
            case TargetDescription.FPSCR -> cpu.fpscr = value;
            case TargetDescription.ORIG_R3 -> os.setKernelRegister(thread, KernelRegister.ORIG_R3, value);
            case TargetDescription.TRAP -> os.setKernelRegister(thread, KernelRegister.TRAP, value);
            default -> {
                if (sprName(regnum).equals("vrsave")) {
                    cpu.vrsave = value;
                }
            }
        }
    }

    private String sprName(int regnum) {
        return description.register(regnum).map(Register::name).orElse("");
    }

    @Override
    public long readFpr(int regnum) {
        return cpu.fpr[regnum - TargetDescription.F0];
    }

    @Override
    public void writeFpr(int regnum, long bits) {
        cpu.fpr[regnum - TargetDescription.F0] = bits;
    }
}
