package org.ppcvm.bench;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ppcvm.testkit.MffsRewriter;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunSpec;
import org.ppcvm.testkit.Tools;

/**
 * A GDB stub running the debuggee, held before its first instruction until gdb connects: the child
 * process, the port, and its stdout and stderr (the guest's and the stub's) in files.
 *
 * <p>{@link #close()} waits briefly for the stub to end (gdb's {@code kill} ends it) and otherwise
 * kills it and its descendants.
 */
public final class StubProcess implements AutoCloseable {
    /** The line ppcvm prints on stderr once it listens; group 1 is the port. */
    public static final Pattern LISTENING =
            Pattern.compile("(?m)^ppcvm: gdb server listening on 127\\.0\\.0\\.1:(\\d+)$");

    /** A hang guard for a JVM's start on a loaded machine, not a timing assumption. */
    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    private static final Duration POLL = Duration.ofMillis(10);

    private final DebugStub stub;
    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final int port;

    private StubProcess(DebugStub stub, Process process, Path stdout, Path stderr, int port) {
        this.stub = stub;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
        this.port = port;
    }

    /**
     * Starts {@code stub} on {@code program} with {@code args} and the environment {@code env} (the
     * guest's), its files in {@code work}; for ppcvm, returns once it listens.
     */
    public static StubProcess start(
            DebugStub stub,
            GdbBenchSettings settings,
            Path program,
            List<String> args,
            Map<String, String> env,
            Path work) {
        Path out = work.resolve(stub.label() + ".stdout");
        Path err = work.resolve(stub.label() + ".stderr");
        List<String> command;
        int port;
        switch (stub) {
            case PPCVM -> {
                command = new PpcvmRunner(
                                settings.java(),
                                settings.ppcvmClassPath(),
                                BenchmarkSession.PPCVM_JVM_OPTIONS,
                                List.of("-g", "0"))
                        .command(RunSpec.of(program).withArgs(args));
                port = -1;
            }
            case QEMU -> {
                // qemu-ppc 7.2 lacks the ISA 3.0 mffs forms glibc may use: it runs a rewritten copy
                // (see MffsRewriter), with -0 keeping argv[0] the program's path; gdb reads the
                // symbols of the original, whose addresses are the same.
                Path copy = rewrittenCopy(program, work);
                port = freePort();
                command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh"));
                command.addAll(List.of(
                        Tools.find(QemuUser.QEMU_PPC).map(Path::toString).orElse(QemuUser.QEMU_PPC),
                        "-cpu",
                        settings.qemuCpu(),
                        "-g",
                        Integer.toString(port),
                        "-0",
                        program.toString(),
                        "-U",
                        "PWD",
                        copy.toString()));
                command.addAll(args);
            }
            default -> throw new IllegalArgumentException("unknown stub " + stub);
        }
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(work.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile())
                .redirectError(err.toFile());
        builder.environment().clear();
        builder.environment().putAll(env);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + command, e);
        }
        StubProcess started = new StubProcess(stub, process, out, err, port);
        if (port >= 0) {
            // gdb retries a refused connection (tcp auto-retry), so qemu need not be listening yet;
            // a probe connection would be taken for gdb's.
            return started;
        }
        try {
            return started.awaitListening();
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Waits for ppcvm's listening line and returns the stub with its port. */
    private StubProcess awaitListening() {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            OptionalInt listening = listeningPort(stderrText());
            if (listening.isPresent()) {
                return new StubProcess(stub, process, stdout, stderr, listening.getAsInt());
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("ppcvm exited with status " + process.exitValue()
                        + " before listening; its stderr:\n" + stderrText());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(
                        "ppcvm printed no listening line in " + START_TIMEOUT + "; its stderr:\n" + stderrText());
            }
            pause();
        }
    }

    /** The port of ppcvm's listening line in {@code stderr}, if it is there. */
    public static OptionalInt listeningPort(String stderr) {
        Matcher m = LISTENING.matcher(stderr);
        return m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    public DebugStub stub() {
        return stub;
    }

    /** The port on 127.0.0.1 gdb connects to. */
    public int port() {
        return port;
    }

    public String stdoutText() {
        return read(stdout);
    }

    public String stderrText() {
        return read(stderr);
    }

    @Override
    public void close() {
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the stub at once (after a run gdb did not finish). */
    public void kill() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        close();
    }

    private static Path rewrittenCopy(Path program, Path work) {
        try {
            Path copy = work.resolve("qemu-" + program.getFileName());
            Files.write(copy, MffsRewriter.rewrite(Files.readAllBytes(program)));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + program + " for qemu-ppc", e);
        }
    }

    /** A port nothing listens on now: qemu-ppc cannot choose one itself and say which. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file, StandardCharsets.ISO_8859_1) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
