package org.ppcvm.core.os;

import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.vcpu.VcpuExit;

/**
 * What an operating-system personality (Linux user mode, the e500 board) tells the parts of
 * ppcvm that must not depend on it, the GDB server first: the auxiliary vector, the executable,
 * the guest's threads, how interrupts become signals, and where memory is mapped.
 */
public interface OsPersonality {
    /** A short name, e.g. "linux-user". */
    String name();

    /** The guest's memory. */
    Memory memory();

    /** The auxiliary vector as the guest sees it (gdb reads it to find a PIE's load address). */
    Optional<byte[]> auxv();

    /** The host path of the program being run, if there is one. */
    Optional<String> executablePath();

    /** The guest's threads, in creation order; the first is the initial one. */
    List<GuestThread> threads();

    /**
     * The signal (Linux numbering) the personality raises for an interrupt, or empty when it is
     * delivered to the guest's own vectors (full system).
     */
    OptionalInt signalFor(VcpuExit.Exception exception);

    /** The mapped regions of the guest's address space, lowest first. */
    List<MemoryRegion> memoryMap();
}
