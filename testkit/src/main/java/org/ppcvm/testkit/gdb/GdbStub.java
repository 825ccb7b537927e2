package org.ppcvm.testkit.gdb;

import java.util.List;
import java.util.Locale;

/**
 * The two GDB remote stubs a stock {@code gdb-multiarch} is run against, by the gdb end-to-end tests
 * and by the gdb benchmark ({@code bin/bench --gdb}).
 *
 * <p>{@link #PPCVM} is the system under test, {@code ppcvm run -g 0}; {@link #QEMU} is {@code
 * qemu-ppc -cpu e500mc -g PORT}, the oracle for what qemu-user 7.2's stub supports (breakpoints,
 * stepping, registers, memory, signals; no hardware watchpoints, no Ctrl-C while running, no
 * second connection). The package's pieces: a {@link StubLauncher} starts a stub on a guest
 * program as a {@link StubProcess}, which holds the guest before its first instruction until gdb
 * connects to {@link StubProcess#port()}.
 */
public enum GdbStub {
    /** {@code ppcvm run -g 0}: hardware watchpoints without limit, no-ack mode, range stepping. */
    PPCVM(List.of()),

    /**
     * {@code qemu-ppc -g PORT}: qemu-user answers Z2-Z4 with "not supported", so gdb is told up front
     * to use software watchpoints (single-stepping the guest and comparing values), which report as
     * "Watchpoint N", instead of failing to insert a hardware one.
     */
    QEMU(List.of("set can-use-hw-watchpoints 0"));

    private final List<String> setupCommands;

    GdbStub(List<String> setupCommands) {
        this.setupCommands = setupCommands;
    }

    /** gdb commands for what gdb must know about this stub beforehand, before {@code target remote}. */
    public List<String> setupCommands() {
        return setupCommands;
    }

    /** The lower-case name of messages, reports and file names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
