package org.ppcvm.testkit.gdb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class StubProcessTest {
    @Test
    void findsPpcvmsListeningLine() {
        assertThat(StubProcess.listeningPort("ppcvm: gdb server listening on 127.0.0.1:40123\n"))
                .isEqualTo(OptionalInt.of(40123));
        assertThat(StubProcess.listeningPort("guest output\nppcvm: gdb server listening on 127.0.0.1:7\n"))
                .isEqualTo(OptionalInt.of(7));
        assertThat(StubProcess.listeningPort("ppcvm: gdb server listening on 127.0.0.1:"))
                .isEmpty();
        assertThat(StubProcess.listeningPort("")).isEmpty();
    }

    @Test
    void stubsAreNamedInLowerCaseAndOnlyQemuNeedsSetup() {
        assertThat(GdbStub.PPCVM.label()).isEqualTo("ppcvm");
        assertThat(GdbStub.QEMU.label()).isEqualTo("qemu");
        assertThat(GdbStub.PPCVM.setupCommands()).isEmpty();
        assertThat(GdbStub.QEMU.setupCommands()).containsExactly("set can-use-hw-watchpoints 0");
    }
}
