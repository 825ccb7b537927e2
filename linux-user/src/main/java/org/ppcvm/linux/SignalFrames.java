package org.ppcvm.linux;

import java.nio.ByteBuffer;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.Perm;
import org.ppcvm.linux.UserMemory.BadAddress;

/**
 * Signal frames as Linux builds them for a 32-bit PowerPC process, so that a handler sees (and may
 * change) the interrupted registers where glibc, gdb and the program expect them, and returns
 * through {@code sigreturn}/{@code rt_sigreturn}.
 *
 * <p>A handler installed with SA_SIGINFO gets the RT frame (1536 bytes): the 128-byte siginfo at
 * 0, the 1184-byte ucontext at 128 (uc_stack at +8, uc_regs at +48 pointing to the mcontext,
 * uc_sigmask at +52, uc_mcontext at +192) and 224 bytes of ABI gap; it is entered with r1 = frame
 * - 80, r3 = the signal, r4 = &siginfo, r5 = &ucontext, r6 = the frame. Any other handler gets the
 * old frame (1248 bytes): a 32-byte sigcontext (signal at 16, handler at 20, the low mask word at
 * 24 and the high one at 12, a pointer to the mcontext at 28), the mcontext at 32 and the ABI gap;
 * it is entered with r1 = frame - 64, r3 = the signal, r4 = &sigcontext. Both frames are 16-byte
 * aligned below the interrupted stack pointer (or the top of the alternate stack), and the word
 * at the new r1 is the old r1, a back chain for unwinders.
 *
 * <p>The handler returns to a trampoline, {@code li r0,119; sc} or {@code li r0,172; sc} (the
 * sequences gdb recognises as signal trampolines), kept on a read-only page of its own rather than
 * on the stack. The handler starts with FPSCR cleared, so that FP exceptions enabled in the
 * interrupted code do not fire in it.
 */
final class SignalFrames {
    /** The stack space the ABI reserves below a frame for the callee (__SIGNAL_FRAMESIZE). */
    static final int SIGNAL_FRAMESIZE = 64;

    static final int ABI_GAP = 56 * 4;
    static final int UCONTEXT = SigInfo.SIZE;
    static final int UCONTEXT_SIZE = 1184;
    static final int RT_FRAME_SIZE = SigInfo.SIZE + UCONTEXT_SIZE + ABI_GAP;
    static final int SIGCONTEXT_SIZE = 32;
    static final int FRAME_SIZE = SIGCONTEXT_SIZE + MachineContext.SIZE + ABI_GAP;

    static final int UC_STACK = 8;
    static final int UC_REGS = 48;
    static final int UC_SIGMASK = 52;
    static final int UC_MCONTEXT = 192;

    static final int SC_MASK_HIGH = 12;
    static final int SC_SIGNAL = 16;
    static final int SC_HANDLER = 20;
    static final int SC_MASK_LOW = 24;
    static final int SC_REGS = 28;

    static final int NR_SIGRETURN = 119;
    static final int NR_RT_SIGRETURN = 172;
    private static final int LI_R0 = 0x3800_0000;
    private static final int SC = 0x4400_0002;
    private static final int NOP = 0x6000_0000;

    /**
     * Where the two trampolines are: the page's first two words, and two words after a nop. The
     * nop is there as in Linux's vDSO (sigtramp32.S): without it the instruction after the old
     * trampoline's sc would be the rt one's first, and gdb, seeing {@code li r0,172} at the PC,
     * would take a stop just after that sc for a stop in the rt trampoline.
     */
    record Trampolines(int sigreturn, int rtSigreturn) {}

    private final UserMemory user;
    private final Trampolines trampolines;

    SignalFrames(UserMemory user, Trampolines trampolines) {
        this.user = user;
        this.trampolines = trampolines;
    }

    /** Maps the read-only trampoline page at {@code page} and writes the two sequences. */
    static Trampolines installTrampolines(Memory memory, int page) {
        memory.map(page, Memory.PAGE_SIZE, Perm.RW);
        ByteBuffer code = ByteBuffer.allocate(20)
                .putInt(LI_R0 | NR_SIGRETURN)
                .putInt(SC)
                .putInt(NOP)
                .putInt(LI_R0 | NR_RT_SIGRETURN)
                .putInt(SC);
        memory.writeRaw(page, code.array());
        memory.protect(page, Memory.PAGE_SIZE, Perm.READ | Perm.EXEC);
        return new Trampolines(page, page + 12);
    }

    /**
     * Builds the frame for {@code info} below the stack, saves the registers into it and points
     * them at the handler. Nothing is written unless the whole frame may be: an unwritable stack
     * gives {@link BadAddress}, a watched one the observer's stop, both before any byte changes.
     *
     * @param blockedBefore the mask the interrupted code ran with, which the frame saves
     */
    void setup(LinuxThread thread, SigInfo info, SignalState.Action action, long blockedBefore) throws BadAddress {
        Cpu cpu = thread.cpu;
        SignalState signals = thread.signals;
        boolean rt = (action.flags() & SignalState.SA_SIGINFO) != 0;
        int oldSp = cpu.gpr[1];
        int sp = oldSp;
        SignalState.AltStack alt = signals.altStack();
        if ((action.flags() & SignalState.SA_ONSTACK) != 0 && alt.enabled() && !alt.contains(sp)) {
            sp = alt.sp() + alt.size();
        }
        int size = rt ? RT_FRAME_SIZE : FRAME_SIZE;
        int frame = (sp - size) & ~0xF;
        int newSp = frame - (rt ? SIGNAL_FRAMESIZE + 16 : SIGNAL_FRAMESIZE);
        user.checkWritable(newSp, sp - newSp);

        byte[] mcontext = MachineContext.save(cpu, thread.origR3, thread.trap, thread.dar, thread.esr);
        if (rt) {
            ByteBuffer uc = UserMemory.bigEndian(UCONTEXT_SIZE);
            uc.putInt(UC_STACK, alt.sp())
                    .putInt(UC_STACK + 4, altStackFlags(alt, oldSp))
                    .putInt(UC_STACK + 8, alt.size())
                    .putInt(UC_REGS, frame + UCONTEXT + UC_MCONTEXT)
                    .putLong(UC_SIGMASK, SignalState.maskToGuest(blockedBefore))
                    .put(UC_MCONTEXT, mcontext);
            user.copyOut(frame, info.encode());
            user.copyOut(frame + UCONTEXT, uc.array());
        } else {
            ByteBuffer sc = UserMemory.bigEndian(SIGCONTEXT_SIZE);
            long guestMask = SignalState.maskToGuest(blockedBefore);
            sc.putInt(SC_MASK_HIGH, (int) guestMask)
                    .putInt(SC_SIGNAL, info.signo())
                    .putInt(SC_HANDLER, action.handler())
                    .putInt(SC_MASK_LOW, (int) (guestMask >>> 32))
                    .putInt(SC_REGS, frame + SIGCONTEXT_SIZE);
            user.copyOut(frame, sc.array());
            user.copyOut(frame + SIGCONTEXT_SIZE, mcontext);
        }
        user.writeWord(newSp, oldSp);

        cpu.gpr[1] = newSp;
        cpu.gpr[3] = info.signo();
        cpu.gpr[4] = frame;
        if (rt) {
            cpu.gpr[5] = frame + UCONTEXT;
            cpu.gpr[6] = frame;
        }
        cpu.lr = rt ? trampolines.rtSigreturn() : trampolines.sigreturn();
        cpu.pc = action.handler() & ~3;
        cpu.fpscr = 0;
        cpu.reserved = false;
    }

    /** uc_stack.ss_flags as Linux saves it: whether the interrupted code ran on the alternate stack. */
    private static int altStackFlags(SignalState.AltStack alt, int sp) {
        if (!alt.enabled()) {
            return SignalState.SS_DISABLE;
        }
        return alt.contains(sp) ? SignalState.SS_ONSTACK : 0;
    }

    /**
     * rt_sigreturn: reloads the registers from the mcontext the frame's uc_regs points to (a
     * handler may have changed both), the mask from uc_sigmask and the alternate stack from
     * uc_stack. The frame is at r1 + 80, where the handler was entered.
     */
    void rtSigreturn(Cpu cpu, SignalState signals) throws BadAddress {
        int frame = cpu.gpr[1] + SIGNAL_FRAMESIZE + 16;
        int uc = frame + UCONTEXT;
        long mask = ByteBuffer.wrap(user.copyIn(uc + UC_SIGMASK, 8)).getLong();
        int mcontext = user.readWord(uc + UC_REGS);
        byte[] regs = user.copyIn(mcontext, MachineContext.SIZE);
        ByteBuffer stack = ByteBuffer.wrap(user.copyIn(uc + UC_STACK, 12));
        MachineContext.restore(cpu, regs);
        signals.setBlocked(SignalState.maskFromGuest(mask));
        restoreAltStack(cpu, signals, stack.getInt(0), stack.getInt(4), stack.getInt(8));
    }

    /** sigreturn: the same from an old frame at r1 + 64, through its sigcontext. */
    void sigreturn(Cpu cpu, SignalState signals) throws BadAddress {
        int sc = cpu.gpr[1] + SIGNAL_FRAMESIZE;
        ByteBuffer context = ByteBuffer.wrap(user.copyIn(sc, SIGCONTEXT_SIZE));
        long guestMask = Integer.toUnsignedLong(context.getInt(SC_MASK_LOW)) << 32
                | Integer.toUnsignedLong(context.getInt(SC_MASK_HIGH));
        byte[] regs = user.copyIn(context.getInt(SC_REGS), MachineContext.SIZE);
        MachineContext.restore(cpu, regs);
        signals.setBlocked(SignalState.maskFromGuest(guestMask));
    }

    /** Takes back the saved alternate stack unless the thread is on it (Linux then keeps it). */
    private static void restoreAltStack(Cpu cpu, SignalState signals, int sp, int flags, int size) {
        if (signals.altStack().contains(cpu.gpr[1])) {
            return;
        }
        if ((flags & SignalState.SS_DISABLE) != 0) {
            signals.setAltStack(SignalState.AltStack.DISABLED);
        } else if (Integer.compareUnsigned(size, SignalState.MINSIGSTKSZ) >= 0) {
            signals.setAltStack(new SignalState.AltStack(sp, 0, size));
        }
    }
}
