package org.ppcvm.gdb.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ThreadIdTest {
    @Test
    void parsesEveryForm() {
        assertThat(ThreadId.parse("p1.2")).isEqualTo(ThreadId.of(1, 2));
        assertThat(ThreadId.parse("p2a.2B")).isEqualTo(ThreadId.of(0x2a, 0x2b));
        assertThat(ThreadId.parse("p-1.-1")).isEqualTo(ThreadId.of(ThreadId.ALL, ThreadId.ALL));
        assertThat(ThreadId.parse("p1.-1")).isEqualTo(ThreadId.of(1, ThreadId.ALL));
        assertThat(ThreadId.parse("p1.0")).isEqualTo(ThreadId.of(1, ThreadId.ANY));
        assertThat(ThreadId.parse("p0.0")).isEqualTo(ThreadId.of(ThreadId.ANY, ThreadId.ANY));
        assertThat(ThreadId.parse("p7")).isEqualTo(ThreadId.of(7, ThreadId.ALL));
        assertThat(ThreadId.parse("p-1")).isEqualTo(ThreadId.of(ThreadId.ALL, ThreadId.ALL));
        assertThat(ThreadId.parse("-1")).isEqualTo(ThreadId.ALL_THREADS);
        assertThat(ThreadId.parse("0")).isEqualTo(ThreadId.ANY_THREAD);
        assertThat(ThreadId.parse("1f")).isEqualTo(ThreadId.thread(0x1f));
        assertThat(ThreadId.parse("7fffffff")).isEqualTo(ThreadId.thread(Integer.MAX_VALUE));
    }

    @Test
    void predicates() {
        assertThat(ThreadId.ALL_THREADS.isAllThreads()).isTrue();
        assertThat(ThreadId.ALL_THREADS.isAnyThread()).isFalse();
        assertThat(ThreadId.ANY_THREAD.isAnyThread()).isTrue();
        assertThat(ThreadId.parse("p5").isAllThreads()).isTrue();
        assertThat(ThreadId.parse("p5.6").hasPid()).isTrue();
        assertThat(ThreadId.parse("6").hasPid()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"", "p", "p.1", "p1.", "p1.2.3", "x", "-2", "p-2.1", "p1.-2", "100000000", "80000000", "1 ", "+1"
            })
    void rejectsMalformed(String text) {
        assertThatThrownBy(() -> ThreadId.parse(text)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void encodesPerMode() {
        assertThat(ThreadId.of(0x1234, 0x1235).encode(true)).isEqualTo("p1234.1235");
        assertThat(ThreadId.of(0x1234, 0x1235).encode(false)).isEqualTo("1235");
        assertThat(ThreadId.of(ThreadId.ALL, ThreadId.ALL).encode(true)).isEqualTo("p-1.-1");
        assertThat(ThreadId.ALL_THREADS.encode(true)).isEqualTo("-1");
        assertThat(ThreadId.ANY_THREAD.encode(false)).isEqualTo("0");
        assertThat(ThreadId.thread(0xabc).toString()).isEqualTo("abc");
    }

    @ParameterizedTest
    @ValueSource(strings = {"p1.2", "p-1.-1", "p1.-1", "p0.0", "pabc.abd", "-1", "0", "1", "7fffffff"})
    void roundTrips(String text) {
        assertThat(ThreadId.parse(text).encode(true)).isEqualTo(text);
    }

    @Test
    void rejectsInvalidParts() {
        assertThatThrownBy(() -> ThreadId.of(-2, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ThreadId.thread(-5)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ThreadId(false, 3, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
