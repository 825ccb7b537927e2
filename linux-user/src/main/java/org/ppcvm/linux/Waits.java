package org.ppcvm.linux;

import org.ppcvm.linux.host.Errno;
import org.ppcvm.linux.host.Timespec;

/** A wait the calls outside {@link Syscalls} share: a pause before trying again, with no descriptor to wait for. */
final class Waits {
    private Waits() {}

    /**
     * Waits {@code nanos} before the calling system call tries again (a lock held elsewhere, a
     * descriptor that was ready but could not take the data). Alone, the thread sleeps in the host
     * and 0 means "try again now"; with other threads alive it waits while they run and the call
     * runs again ({@link Syscalls#RETRY}); the caller takes {@link Syscalls#takeWaitTimedOut} at its
     * start. A signal interrupts the pause as {@code interrupted} says.
     */
    static long pause(Syscalls sys, long nanos, Syscalls.Interrupted interrupted) {
        if (sys.multiThreaded()) {
            sys.thread().wait =
                    new LinuxThread.Wait.Descriptor(new int[0], new short[0], System.nanoTime() + nanos, interrupted);
            return Syscalls.RETRY;
        }
        long r = sys.host().nanosleep(Timespec.ofNanos(nanos), null);
        if (r != -Errno.EINTR) {
            return 0;
        }
        return interrupted == Syscalls.Interrupted.RESTART_UNLESS_HANDLER ? sys.interruptedWait() : Syscalls.RESTART;
    }
}
