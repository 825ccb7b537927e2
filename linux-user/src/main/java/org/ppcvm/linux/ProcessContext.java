package org.ppcvm.linux;

/**
 * A process in this VM as the kernel sees it: its pid, descriptor table and signal actions. The
 * main process is the one ppcvm was started with; a vfork child (vfork, or posix_spawn's
 * CLONE_VM|CLONE_VFORK clone) runs in the same memory, with copies of the parent's descriptors
 * and actions, while its parent waits, until it executes a program (which then runs as a host
 * process) or exits.
 *
 * @param pid the guest's pid for it
 * @param fds its descriptors
 * @param signals its signal actions and process-wide pending signals
 * @param vforkParent the thread that waits for it, or null for the main process
 */
record ProcessContext(int pid, FdTable fds, ProcessSignals signals, LinuxThread vforkParent) {
    boolean isVforkChild() {
        return vforkParent != null;
    }
}
