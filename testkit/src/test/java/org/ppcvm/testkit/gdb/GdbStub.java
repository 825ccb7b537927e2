package org.ppcvm.testkit.gdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ppcvm.testkit.MffsRewriter;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunSpec;
import org.ppcvm.testkit.Tools;

/**
 * A GDB remote stub that runs a guest program and waits for gdb before its first instruction.
 *
 * <p>{@link #PPCVM} is the system under test, {@code ppcvm run -g 0}; {@link #QEMU} is {@code
 * qemu-ppc -cpu e500mc -g PORT}, the oracle for what qemu-user 7.2's stub supports (breakpoints,
 * stepping, registers, memory, signals; no hardware watchpoints, no Ctrl-C while running, no
 * second connection).
 *
 * <p>Which stubs the tests use is the system property {@value #STUBS_PROPERTY}, a comma-separated
 * list ({@code ppcvm,qemu} by default): {@code -Dppcvm.gdb.stubs=qemu} checks the scripts against
 * qemu alone, {@code -Dppcvm.gdb.stubs=ppcvm} skips the oracle.
 */
enum GdbStub {
    PPCVM {
        @Override
        StubProcess start(Path program, List<String> args, Path work) {
            RunSpec spec = RunSpec.of(program, args.toArray(String[]::new));
            List<String> command =
                    PpcvmRunner.fromThisJvm().withRunOptions(List.of("-g", "0")).command(spec);
            String summary = "ppcvm run -g 0 -- " + program + " " + String.join(" ", args);
            StubProcess stub = StubProcess.launch(this, command, summary, work, GUEST_ENVIRONMENT);
            stub.awaitPortFromStderr(LISTENING, START_TIMEOUT);
            return stub;
        }

        @Override
        List<String> setupCommands() {
            return List.of();
        }
    },

    QEMU {
        @Override
        StubProcess start(Path program, List<String> args, Path work) {
            Path qemu = Tools.assumeAvailable(QemuUser.QEMU_PPC);
            Path copy = rewrittenCopy(program);
            int port = freePort();
            // qemu-ppc 7.2 raises SIGILL on the ISA 3.0 mffs forms an e500mc runs as mffs (see
            // MffsRewriter), so it runs a rewritten copy; -0 keeps argv[0] the program's own path,
            // as ppcvm gives it, and no core file is written when the guest dies of a signal.
            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh"));
            command.addAll(List.of(qemu.toString(), "-cpu", "e500mc", "-g", Integer.toString(port)));
            command.addAll(List.of("-0", program.toString(), "-U", "PWD", copy.toString()));
            command.addAll(args);
            // gdb retries a refused connection (set tcp auto-retry, on by default), so there is no
            // need to wait for qemu to listen; a probe connection would be taken for gdb's.
            String summary = String.join(" ", command.subList(4, command.size()));
            return StubProcess.launch(this, command, summary, work, GUEST_ENVIRONMENT)
                    .withPort(port);
        }

        @Override
        List<String> setupCommands() {
            // qemu-user answers Z2-Z4 with "not supported": gdb must use software watchpoints
            // (single-stepping and comparing values), which report as "Watchpoint N".
            return List.of("set can-use-hw-watchpoints 0");
        }
    };

    /** The system property that selects stubs. */
    static final String STUBS_PROPERTY = "ppcvm.gdb.stubs";

    /** ppcvm's one line on stderr once it listens. */
    static final Pattern LISTENING = Pattern.compile("^ppcvm: gdb server listening on 127\\.0\\.0\\.1:(\\d+)$");

    /** Long enough for a JVM to start on a loaded CI machine; only a hang guard. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);

    /** The guest's whole environment, the same under both stubs. */
    static final Map<String, String> GUEST_ENVIRONMENT = Map.of("LC_ALL", "C");

    /** Starts the stub with the guest loaded and stopped at its entry point, listening for gdb. */
    abstract StubProcess start(Path program, List<String> args, Path work);

    /**
     * gdb commands run (untraced) before {@code target remote}, for what gdb must know about this
     * stub beforehand.
     */
    abstract List<String> setupCommands();

    /** The lower-case name used in {@value #STUBS_PROPERTY} and in messages. */
    String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The stubs selected by {@value #STUBS_PROPERTY}. */
    static Set<GdbStub> selected() {
        String value = System.getProperty(STUBS_PROPERTY, "ppcvm,qemu").strip();
        Set<GdbStub> stubs = EnumSet.noneOf(GdbStub.class);
        for (String name : value.split(",", -1)) {
            String n = name.strip();
            if (n.isEmpty()) {
                continue;
            }
            stubs.add(Arrays.stream(values())
                    .filter(s -> s.label().equals(n))
                    .findFirst()
                    .orElseThrow(() -> new IllegalArgumentException(
                            STUBS_PROPERTY + ": unknown stub '" + n + "' (known: ppcvm, qemu)")));
        }
        return stubs;
    }

    /**
     * The program as qemu runs it, rewritten beside the original (once: the copy is kept while it
     * matches).
     */
    private static synchronized Path rewrittenCopy(Path program) {
        try {
            Path copy = program.resolveSibling(program.getFileName() + ".qemu");
            byte[] rewritten = MffsRewriter.rewrite(Files.readAllBytes(program));
            if (!Files.isRegularFile(copy) || !Arrays.equals(Files.readAllBytes(copy), rewritten)) {
                Path partial = program.resolveSibling(program.getFileName() + ".qemu.partial");
                Files.write(partial, rewritten);
                Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rwxr-xr-x"));
                Files.move(partial, copy, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            }
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy " + program + " for qemu-ppc", e);
        }
    }

    /** A port nothing listens on now; qemu-ppc cannot pick one itself and tell it. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("no free TCP port", e);
        }
    }
}
