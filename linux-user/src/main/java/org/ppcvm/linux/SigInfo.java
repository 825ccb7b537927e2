package org.ppcvm.linux;

import java.nio.ByteBuffer;

/**
 * A signal with the {@code siginfo_t} the kernel queues for it (128 bytes on 32-bit PowerPC:
 * {@code si_signo} at 0, {@code si_errno} at 4, {@code si_code} at 8, then a union of words
 * whose meaning depends on the code): the sender's pid and uid for {@code kill}, the faulting
 * address for SIGSEGV/SIGBUS/SIGILL/SIGFPE/SIGTRAP, the timer id, overrun and value for timers,
 * the child's pid, uid and status for SIGCHLD.
 *
 * @param signo the signal (1-64)
 * @param code {@code si_code}: who sent it and why
 * @param fields the union's first words in order (at offsets 12, 16, 20, ...)
 */
record SigInfo(int signo, int code, int[] fields) {
    static final int SIZE = 128;

    /** {@code kill()} or the kernel on behalf of a process (SIGPIPE). */
    static final int SI_USER = 0;

    static final int SI_KERNEL = 0x80;
    static final int SI_QUEUE = -1;
    static final int SI_TIMER = -2;
    static final int SI_TKILL = -6;

    static final int ILL_ILLOPC = 1;
    static final int ILL_PRVOPC = 5;
    static final int FPE_INTDIV = 1;
    static final int FPE_FLTDIV = 3;
    static final int FPE_FLTOVF = 4;
    static final int FPE_FLTUND = 5;
    static final int FPE_FLTRES = 6;
    static final int FPE_FLTINV = 7;
    static final int SEGV_MAPERR = 1;
    static final int SEGV_ACCERR = 2;
    static final int BUS_ADRALN = 1;
    static final int TRAP_BRKPT = 1;

    SigInfo {
        fields = fields.clone();
    }

    @Override
    public int[] fields() {
        return fields.clone();
    }

    /** Sent by a process with {@code kill}: its pid and uid. */
    static SigInfo user(int signo, int pid, int uid) {
        return new SigInfo(signo, SI_USER, new int[] {pid, uid});
    }

    /** Sent by a process with {@code tkill}/{@code tgkill}. */
    static SigInfo tkill(int signo, int pid, int uid) {
        return new SigInfo(signo, SI_TKILL, new int[] {pid, uid});
    }

    /** Raised by an instruction: {@code si_addr} is the faulting data or instruction address. */
    static SigInfo fault(int signo, int code, int address) {
        return new SigInfo(signo, code, new int[] {address});
    }

    /** Sent by the kernel itself (an interval timer's SIGALRM). */
    static SigInfo kernel(int signo) {
        return new SigInfo(signo, SI_KERNEL, new int[0]);
    }

    /** The union's word at index {@code i} (0 at offset 12), 0 past the ones given. */
    int field(int i) {
        return i < fields.length ? fields[i] : 0;
    }

    /** The 128 bytes of the guest's {@code siginfo_t}. */
    byte[] encode() {
        ByteBuffer b = UserMemory.bigEndian(SIZE);
        b.putInt(0, signo).putInt(8, code);
        for (int i = 0; i < fields.length; i++) {
            b.putInt(12 + 4 * i, fields[i]);
        }
        return b.array();
    }

    /** A siginfo the guest wrote (rt_sigqueueinfo), for signal {@code signo}. */
    static SigInfo decode(int signo, byte[] bytes) {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        int[] words = new int[(SIZE - 12) / 4];
        for (int i = 0; i < words.length; i++) {
            words[i] = b.getInt(12 + 4 * i);
        }
        return new SigInfo(signo, b.getInt(8), words);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SigInfo s
                && signo == s.signo
                && code == s.code
                && java.util.Arrays.equals(fields, s.fields);
    }

    @Override
    public int hashCode() {
        return (signo * 31 + code) * 31 + java.util.Arrays.hashCode(fields);
    }

    @Override
    public String toString() {
        return "SigInfo[signo=" + signo + ", code=" + code + ", fields=" + java.util.Arrays.toString(fields) + "]";
    }
}
