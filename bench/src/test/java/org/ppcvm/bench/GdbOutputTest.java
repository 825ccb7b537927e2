package org.ppcvm.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class GdbOutputTest {
    @Test
    void readsMarkedLinesAmongGdbsOwnOutput() {
        String stdout = """
                0x10000394 in _start ()
                Breakpoint 1 at 0x10000590: file debuggee.c, line 38.

                Breakpoint 1, spin () at debuggee.c:38
                38	        counter++;
                ppcvm-bench: started 1
                0x10000598	38	        counter++;
                ppcvm-bench: seconds 2.220023000
                ppcvm-bench: frame spin
                the guest says ppcvm-bench: seconds 9
                ppcvm-bench: hits 5000
                ppcvm-bench: hits-2 10000
                ppcvm-bench: hits 5001
                [Inferior 1 (Remote target) killed]
                """;
        GdbOutput output = GdbOutput.parse(stdout);

        assertThat(output.number("seconds")).isEqualTo(OptionalDouble.of(2.220023));
        assertThat(output.text("frame")).contains("spin");
        // A key printed twice keeps its last value; a mark inside a line is not a mark.
        assertThat(output.count("hits")).isEqualTo(OptionalLong.of(5001));
        assertThat(output.count("hits-2")).isEqualTo(OptionalLong.of(10000));
        assertThat(output.values()).containsOnlyKeys("started", "seconds", "frame", "hits", "hits-2");
    }

    @Test
    void valuesThatAreNotNumbersAreAbsentAsNumbers() {
        GdbOutput output = GdbOutput.parse("ppcvm-bench: seconds nan\nppcvm-bench: hits -3\nppcvm-bench: frame 12\n");

        assertThat(output.number("seconds")).isEmpty();
        assertThat(output.count("hits")).isEmpty();
        assertThat(output.count("frame")).isEqualTo(OptionalLong.of(12));
        assertThat(output.number("missing")).isEmpty();
        assertThat(output.text("missing")).isEmpty();
        assertThat(GdbOutput.parse("").values()).isEmpty();
    }
}
