package org.ppcvm.gdb.session;

import org.ppcvm.gdb.protocol.ThreadId;

/**
 * One {@code vCont} action with the threads it applies to: a thread id, or {@link ThreadId#ALL_THREADS}
 * when gdb named none. In a list, the first action that matches a thread is the one it takes;
 * threads no action matches stay stopped.
 */
public record ThreadAction(ThreadId thread, ResumeAction action) {
    /** Whether this action applies to thread {@code tid}. */
    public boolean appliesTo(int tid) {
        return thread.isAllThreads() || thread.tid() == tid;
    }
}
