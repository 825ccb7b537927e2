package org.ppcvm.testkit.gdb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;
import org.ppcvm.testkit.MffsRewriter;
import org.ppcvm.testkit.PpcvmRunner;
import org.ppcvm.testkit.QemuUser;
import org.ppcvm.testkit.RunSpec;
import org.ppcvm.testkit.Tools;

/**
 * Starts a {@link GdbStub} on a guest program, the guest loaded and stopped at its entry point, the
 * stub listening for gdb on 127.0.0.1.
 *
 * <ul>
 *   <li>{@link GdbStub#PPCVM}: {@code ppcvm run -g 0} in a child JVM; {@link #start} returns once
 *       ppcvm has printed its listening line ({@link StubProcess#LISTENING}), which names the port.
 *   <li>{@link GdbStub#QEMU}: {@code qemu-ppc -cpu CPU -g PORT} on a port free just before. qemu-ppc
 *       7.2 raises SIGILL on the ISA 3.0 {@code mffs} forms an e500mc runs as {@code mffs} (see
 *       {@link MffsRewriter}), so it runs a rewritten copy beside the program, with {@code -0}
 *       keeping argv[0] the program's own path, as ppcvm gives it; gdb reads the symbols of the
 *       original, whose addresses are the same. It runs under {@code sh -c 'ulimit -c 0; exec ...'}
 *       so that a guest that dies of a signal writes no core file. {@link #start} does not wait for
 *       it to listen: gdb retries a refused connection ({@code set tcp auto-retry}, on by default),
 *       and a probe connection would be taken for gdb's.
 * </ul>
 *
 * @param ppcvm how to start ppcvm's CLI (launcher, class path, JVM options); its {@code run} options
 *     become {@code -g 0}
 * @param qemuCpu qemu-ppc's {@code -cpu}
 * @param guestEnvironment the guest's whole environment, the same under both stubs
 */
public record StubLauncher(PpcvmRunner ppcvm, String qemuCpu, Map<String, String> guestEnvironment) {

    public StubLauncher {
        Objects.requireNonNull(ppcvm, "ppcvm");
        Objects.requireNonNull(qemuCpu, "qemuCpu");
        guestEnvironment = Map.copyOf(guestEnvironment);
    }

    /**
     * Starts {@code stub} on {@code program} with {@code args}, its stdout and stderr in files in
     * {@code work}, which is also the guest's directory. Fails with an unchecked exception if the
     * stub cannot start (for ppcvm: exits, or prints no listening line within {@link
     * StubProcess#START_TIMEOUT}); nothing is left running then.
     */
    public StubProcess start(GdbStub stub, Path program, List<String> args, Path work) {
        return switch (stub) {
            case PPCVM -> {
                List<String> command = ppcvm.withRunOptions(List.of("-g", "0"))
                        .command(RunSpec.of(program).withArgs(args));
                String summary = "ppcvm run -g 0 -- " + program + " " + String.join(" ", args);
                yield StubProcess.start(stub, command, summary, OptionalInt.empty(), guestEnvironment, work);
            }
            case QEMU -> {
                Path qemu = Tools.find(QemuUser.QEMU_PPC)
                        .orElseThrow(() -> new IllegalStateException(QemuUser.QEMU_PPC + " is not on PATH"));
                Path copy = rewrittenCopy(program);
                int port = freePort();
                List<String> qemuCommand =
                        new ArrayList<>(List.of(qemu.toString(), "-cpu", qemuCpu, "-g", Integer.toString(port)));
                qemuCommand.addAll(List.of("-0", program.toString(), "-U", "PWD", copy.toString()));
                qemuCommand.addAll(args);
                List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh"));
                command.addAll(qemuCommand);
                String summary = String.join(" ", qemuCommand);
                yield StubProcess.start(stub, command, summary, OptionalInt.of(port), guestEnvironment, work);
            }
        };
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
