package org.ppcvm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The oracle: runs a guest under {@code qemu-ppc} and reports what the same program would show on
 * Linux on an e500mc.
 *
 * <p>Two qemu-ppc 7.2 behaviours are hidden:
 *
 * <ul>
 *   <li>It raises SIGILL on the ISA 3.0 {@code mffs} forms that glibc uses; qemu runs a copy of the
 *       binary rewritten by {@link MffsRewriter} (with {@code -0} keeping the guest's {@code argv[0]}
 *       the original path).
 *   <li>When the guest dies by a signal, qemu prints {@code qemu: uncaught target signal N (Name) -
 *       core dumped} (only for core-dumping signals) and kills itself with the host signal. That
 *       line is replaced by what a shell prints ({@link ShellSignals}) and the status set to 128 + N.
 *       Which signal it was comes from qemu's {@code user_dump_core_and_abort} trace event, written
 *       to a side file, so an {@code exit(139)} is never mistaken for SIGSEGV and signals qemu
 *       reports silently (SIGTERM, real-time signals, whose host numbers differ) are still seen.
 * </ul>
 *
 * <p>qemu runs under {@code sh -c 'ulimit -c 0; exec ...'} so that it never writes a core file into
 * the guest's working directory.
 */
public final class QemuUser implements GuestRunner {
    /** The tool's name on {@code PATH}. */
    public static final String QEMU_PPC = "qemu-ppc";

    private static final Pattern TRACE_SIGNAL = Pattern.compile("user_dump_core_and_abort .*signal (\\d+) \\(host");
    private static final Pattern UNCAUGHT_LINE =
            Pattern.compile("qemu: uncaught target signal (\\d+) \\([^)]*\\) - [^\\n]*\\n?\\z");

    private final Path qemu;
    private final Optional<String> cpu;
    private final Optional<Path> sysroot;

    private QemuUser(Path qemu, Optional<String> cpu, Optional<Path> sysroot) {
        this.qemu = qemu;
        this.cpu = cpu;
        this.sysroot = sysroot;
    }

    /** qemu-ppc from {@code PATH} (skipping the test, or failing it under CI, if absent), default CPU. */
    public static QemuUser fromPath() {
        return new QemuUser(Tools.assumeAvailable(QEMU_PPC), Optional.empty(), Optional.empty());
    }

    /** A specific qemu-ppc executable. */
    public static QemuUser at(Path qemu) {
        return new QemuUser(qemu, Optional.empty(), Optional.empty());
    }

    /** The same, with {@code -cpu cpuModel} (e.g. {@code e500mc}, {@code 7400}). */
    public QemuUser withCpu(String cpuModel) {
        return new QemuUser(qemu, Optional.of(cpuModel), sysroot);
    }

    /** The same, with {@code -L dir} (where a dynamically linked guest's ld.so and libraries are). */
    public QemuUser withSysroot(Path dir) {
        return new QemuUser(qemu, cpu, Optional.of(dir));
    }

    public Optional<String> cpu() {
        return cpu;
    }

    @Override
    public String describe() {
        return QEMU_PPC + cpu.map(c -> " -cpu " + c).orElse("");
    }

    @Override
    public RunResult run(RunSpec spec) {
        Path scratch = null;
        try {
            scratch = Files.createTempDirectory("ppcvm-qemu-");
            Path copy = scratch.resolve(spec.program().getFileName());
            Files.write(copy, MffsRewriter.rewrite(Files.readAllBytes(spec.program())));
            Files.setPosixFilePermissions(copy, PosixFilePermissions.fromString("rwxr-xr-x"));
            Path trace = scratch.resolve("signal.trace");

            List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh"));
            command.add(qemu.toString());
            cpu.ifPresent(c -> command.addAll(List.of("-cpu", c)));
            sysroot.ifPresent(d -> command.addAll(List.of("-L", d.toString())));
            command.addAll(List.of("-0", spec.program().toString()));
            if (!spec.env().containsKey("PWD")) {
                // The shell exports PWD; the guest's environment must be the spec's alone.
                command.addAll(List.of("-U", "PWD"));
            }
            command.addAll(List.of("-trace", "enable=user_dump_core_and_abort,file=" + trace));
            command.add(copy.toString());
            command.addAll(spec.args());

            RunResult raw = HostProcess.run(command, spec);
            if (raw.timedOut()) {
                return raw;
            }
            Optional<Integer> signal = fatalSignal(trace);
            if (signal.isEmpty()) {
                return raw;
            }
            return asShellReports(raw, signal.get());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare " + spec.program() + " for qemu-ppc", e);
        } finally {
            if (scratch != null) {
                HostProcess.deleteTree(scratch);
            }
        }
    }

    private static Optional<Integer> fatalSignal(Path trace) throws IOException {
        if (!Files.exists(trace)) {
            return Optional.empty();
        }
        Matcher m = TRACE_SIGNAL.matcher(Files.readString(trace, StandardCharsets.ISO_8859_1));
        Optional<Integer> last = Optional.empty();
        while (m.find()) {
            last = Optional.of(Integer.parseInt(m.group(1)));
        }
        return last;
    }

    /** Replaces qemu's own report of a fatal signal by the shell's. */
    static RunResult asShellReports(RunResult raw, int signal) {
        String stderr = new String(raw.stderr(), StandardCharsets.ISO_8859_1);
        Matcher m = UNCAUGHT_LINE.matcher(stderr);
        if (m.find() && Integer.parseInt(m.group(1)) == signal) {
            stderr = stderr.substring(0, m.start());
        }
        stderr += ShellSignals.messageFor(signal);
        return new RunResult(raw.stdout(), stderr.getBytes(StandardCharsets.ISO_8859_1), 128 + signal, false);
    }
}
