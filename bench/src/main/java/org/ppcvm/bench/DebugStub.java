package org.ppcvm.bench;

import java.util.List;
import java.util.Locale;

/** The two GDB stubs the gdb benchmark compares; {@link StubProcess} starts them. */
public enum DebugStub {
    /** {@code ppcvm run -g 0}: hardware watchpoints without limit, no-ack mode, range stepping. */
    PPCVM(List.of()),

    /**
     * {@code qemu-ppc -g PORT}: qemu-user 7.2 answers Z2-Z4 as unsupported, so gdb is told up front
     * to use software watchpoints (single-stepping the guest and comparing values) instead of
     * failing to insert a hardware one.
     */
    QEMU(List.of("set can-use-hw-watchpoints 0"));

    private final List<String> setup;

    DebugStub(List<String> setup) {
        this.setup = setup;
    }

    /** gdb commands for this stub, before {@code target remote}. */
    public List<String> setup() {
        return setup;
    }

    /** The lower-case name of reports and file names. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
