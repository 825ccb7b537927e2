package org.ppcvm.gdb.vm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.InterruptKind;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.Skip;
import org.ppcvm.core.exec.DecodedCode;
import org.ppcvm.core.exec.Interpreter;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.core.os.GuestStop;
import org.ppcvm.core.os.GuestThread;
import org.ppcvm.core.os.KernelRegister;
import org.ppcvm.core.os.MemoryRegion;
import org.ppcvm.core.os.OsPersonality;
import org.ppcvm.core.vcpu.RunMode;
import org.ppcvm.core.vcpu.Vcpu;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * A personality small enough to see through: one thread running hand-placed words from {@link
 * #CODE}, data at {@link #DATA}. Any {@code sc} ends the guest with status r3; a program interrupt
 * is SIGILL (4), a storage interrupt SIGSEGV (11), both reported before delivery; delivering either
 * kills the guest.
 */
public final class TinyGuest implements OsPersonality {
    public static final int TID = 77;
    public static final int CODE = 0x1000_0000;
    public static final int DATA = 0x2000_0000;

    final Memory memory = new Memory();
    public final Cpu cpu = new Cpu(memory);
    final DecodedCode code = new DecodedCode(memory);
    public final GuestDebug debug = new GuestDebug(memory, code);
    final Vcpu vcpu = new Vcpu(cpu, new Interpreter(code, debug), debug);
    final List<String> calls = new ArrayList<>();
    int trap;
    int origR3;
    GuestStop end;

    public TinyGuest(int... words) {
        memory.map(CODE, Memory.PAGE_SIZE, Perm.RX);
        memory.map(DATA, 2 * Memory.PAGE_SIZE, Perm.RW);
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            memory.writeRaw(
                    CODE + 4 * i, new byte[] {(byte) (w >>> 24), (byte) (w >>> 16), (byte) (w >>> 8), (byte) w});
        }
        cpu.pc = CODE;
    }

    @Override
    public String name() {
        return "tiny";
    }

    @Override
    public Memory memory() {
        return memory;
    }

    @Override
    public Optional<byte[]> auxv() {
        return Optional.of(new byte[] {0, 0, 0, 6, 0, 0, 0x10, 0});
    }

    @Override
    public Optional<String> executablePath() {
        return Optional.of("/tiny");
    }

    @Override
    public List<GuestThread> threads() {
        return List.of(new GuestThread(TID, "tiny", vcpu));
    }

    @Override
    public OptionalInt signalFor(VcpuExit.Exception exception) {
        return OptionalInt.of(exception.kind() == InterruptKind.PROGRAM ? 4 : 11);
    }

    @Override
    public List<MemoryRegion> memoryMap() {
        return List.of(
                new MemoryRegion(CODE, Memory.PAGE_SIZE, Perm.RX),
                new MemoryRegion(DATA, 2L * Memory.PAGE_SIZE, Perm.RW));
    }

    @Override
    public int loadBias() {
        return 0x1000;
    }

    @Override
    public GuestStop resume(int thread, RunMode mode, Skip skip, int signal) {
        calls.add("resume " + mode.getClass().getSimpleName() + " " + skip + " " + signal);
        if (end != null) {
            return end;
        }
        if (signal != 0) {
            end = new GuestStop.Killed(signal);
            return end;
        }
        VcpuExit exit = vcpu.run(mode, skip);
        return switch (exit) {
            case VcpuExit.Debug d -> new GuestStop.Debug(TID, d.event());
            case VcpuExit.SystemCall sc -> {
                end = new GuestStop.Exited(cpu.gpr[3]);
                yield end;
            }
            case VcpuExit.Exception e -> {
                trap = 0x700;
                yield new GuestStop.Signal(TID, signalFor(e).getAsInt());
            }
            case VcpuExit.Interrupted i -> new GuestStop.Interrupted(TID);
            default -> throw new IllegalStateException(exit.toString());
        };
    }

    @Override
    public void requestStop() {
        calls.add("requestStop");
        vcpu.requestExit();
    }

    @Override
    public void cancelStopRequest() {
        vcpu.cancelExitRequest();
    }

    @Override
    public void kill() {
        end = new GuestStop.Killed(9);
    }

    @Override
    public int kernelRegister(int thread, KernelRegister register) {
        return register == KernelRegister.TRAP ? trap : origR3;
    }

    @Override
    public void setKernelRegister(int thread, KernelRegister register, int value) {
        if (register == KernelRegister.TRAP) {
            trap = value;
        } else {
            origR3 = value;
        }
    }
}
