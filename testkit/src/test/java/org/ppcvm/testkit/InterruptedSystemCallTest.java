package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ppcvm.linux.LinuxOptions;
import org.ppcvm.linux.LinuxProcess;

/**
 * A system call blocked in the host (a read from an empty FIFO) is interrupted by {@link
 * LinuxProcess#requestStop()} from another thread and restarts invisibly: the guest sees one
 * read that returns the data written later, never EINTR.
 */
class InterruptedSystemCallTest {
    @TempDir
    Path dir;

    @Test
    void aBlockedReadIsInterruptedAndRestartsInvisibly() throws Exception {
        Tools.assumeAvailable(GuestToolchain.GCC);
        Path guest =
                GuestToolchain.inDefaultCache().build(Path.of("src/test/resources/interrupt/fifo_read.c"), OptLevel.O2);
        Path fifo = dir.resolve("fifo");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor())
                .isZero();

        ByteArrayOutputStream diagnostics = new ByteArrayOutputStream();
        LinuxOptions options = new LinuxOptions(
                guest,
                List.of("fifo_read", fifo.toString(), dir.resolve("report").toString()),
                List.of(),
                true,
                false,
                false,
                new PrintStream(diagnostics, true, StandardCharsets.UTF_8));
        LinuxProcess process = LinuxProcess.create(options);
        CompletableFuture<Integer> status = CompletableFuture.supplyAsync(process::run);

        // Stop requests while the guest runs up to and blocks in read(): each one returns the
        // vCPU to its owner and restarts the call. The outcome does not depend on when they land.
        for (int i = 0; i < 5; i++) {
            process.requestStop();
            Thread.sleep(20);
        }
        try (OutputStream writer = Files.newOutputStream(fifo)) {
            writer.write("hello".getBytes(StandardCharsets.US_ASCII));
        }
        assertThat(status.get(60, TimeUnit.SECONDS)).isZero();
        // -strace shows the interrupted read and its restart; a wake-up is never lost, so at
        // least one request lands in (or before) the blocking wait.
        assertThat(diagnostics.toString(StandardCharsets.UTF_8))
                .contains("read(0x3,")
                .contains("? (interrupted, will restart)")
                .contains("= 5");
        assertThat(Files.readString(dir.resolve("report"))).isEqualTo("read 5 bytes 'hello' calls=1 eintr=0\n");
    }
}
