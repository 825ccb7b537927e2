package org.ppcvm.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.ppcvm.core.debug.WatchKind;
import org.ppcvm.gdb.ppc.TargetDescription;
import org.ppcvm.gdb.server.GdbServer;
import org.ppcvm.gdb.vm.VmTarget;
import org.ppcvm.linux.LinuxOptions;
import org.ppcvm.linux.LinuxProcess;
import org.ppcvm.linux.StartException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ppcvm run}: runs a Linux PowerPC program in user mode, as {@code qemu-ppc} does. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = "Run a 32-bit PowerPC Linux program (static ELF) in user mode.")
final class RunCommand implements Callable<Integer> {
    @Option(names = "-E", paramLabel = "VAR=VALUE", description = "Set an environment variable for the guest.")
    List<String> setEnv = new ArrayList<>();

    @Option(names = "-U", paramLabel = "VAR", description = "Remove an environment variable for the guest.")
    List<String> unsetEnv = new ArrayList<>();

    @Option(names = "-0", paramLabel = "ARGV0", description = "Use ARGV0 as the guest's argv[0].")
    String argv0;

    @Option(names = "-strace", description = "Print each system call and its result on stderr.")
    boolean strace;

    @Option(names = "--trace", description = "Print each executed instruction, disassembled, on stderr.")
    boolean trace;

    @Option(names = "--stats", description = "Print the number of guest instructions and their rate at exit.")
    boolean stats;

    @Option(
            names = "--break",
            paramLabel = "LOC",
            description = "Software breakpoint at LOC (symbol, symbol+off, 0xADDR).")
    List<String> breaks = new ArrayList<>();

    @Option(names = "--hbreak", paramLabel = "LOC", description = "Hardware breakpoint at LOC.")
    List<String> hbreaks = new ArrayList<>();

    @Option(names = "--watch", paramLabel = "LOC[:LEN]", description = "Write watchpoint (LEN: the symbol's size).")
    List<String> watches = new ArrayList<>();

    @Option(names = "--rwatch", paramLabel = "LOC[:LEN]", description = "Read watchpoint.")
    List<String> rwatches = new ArrayList<>();

    @Option(names = "--awatch", paramLabel = "LOC[:LEN]", description = "Access (read or write) watchpoint.")
    List<String> awatches = new ArrayList<>();

    @Option(names = "--step", paramLabel = "N", description = "Single-step the first N instructions.")
    long steps;

    @Option(names = "--debug-exits", paramLabel = "FORMAT", description = "How debug exits print: text or json.")
    String debugExits = "text";

    @Option(
            names = "--sw-breakpoints",
            paramLabel = "MODE",
            description = "out-of-band (default: guest memory untouched) or patch (write 0x00dddd00).")
    String swBreakpoints = "out-of-band";

    @Option(
            names = "-g",
            paramLabel = "PORT",
            description = "Wait for gdb on TCP port PORT before the first instruction (0: any free port).")
    Integer gdbPort;

    @Option(
            names = "--gdb-listen",
            paramLabel = "ADDR",
            description = "The address the gdb server listens on (default 127.0.0.1, loopback only).")
    String gdbListen = "127.0.0.1";

    @Option(names = "--gdb-trace", description = "Print every gdb remote-protocol packet on stderr.")
    boolean gdbTrace;

    @Option(
            names = "-L",
            paramLabel = "DIR",
            description = "Sysroot: guest paths are looked up under DIR first (ld.so, its libraries, gdb's vFile);"
                    + " default /usr/powerpc-linux-gnu when it exists.")
    Path sysroot;

    @Option(
            names = "--guest-fds",
            hidden = true,
            split = ",",
            paramLabel = "FD",
            description = "Descriptors a parent ppcvm passed on, which the guest starts with at their numbers.")
    List<Integer> guestFds = new ArrayList<>();

    @Option(
            names = "--signal-fd",
            hidden = true,
            paramLabel = "FD",
            description = "Where to report a fatal guest signal to a parent ppcvm instead of printing it.")
    int signalFd = -1;

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The ELF executable.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "The program's arguments.")
    List<String> args = new ArrayList<>();

    @Override
    public Integer call() {
        List<String> argv = new ArrayList<>();
        argv.add(argv0 != null ? argv0 : program.toString());
        argv.addAll(args);
        Map<String, String> env = hostEnvironment();
        unsetEnv.forEach(env::remove);
        for (String assignment : setEnv) {
            int eq = assignment.indexOf('=');
            if (eq <= 0) {
                System.err.println("ppcvm: -E expects VAR=VALUE, got '" + assignment + "'");
                return 2;
            }
            env.put(assignment.substring(0, eq), assignment.substring(eq + 1));
        }
        List<String> envp = new ArrayList<>();
        env.forEach((k, v) -> envp.add(k + "=" + v));
        if (sysroot != null && !Files.isDirectory(sysroot)) {
            System.err.println("ppcvm: -L " + sysroot + ": not a directory");
            return 2;
        }
        LinuxOptions options = new LinuxOptions(
                program,
                argv,
                envp,
                strace,
                trace,
                stats,
                System.err,
                effectiveSysroot(),
                childCommand(),
                guestFds,
                signalFd);
        try {
            if (gdbPort != null && debugging()) {
                System.err.println("ppcvm: -g cannot be combined with --break, --watch and the other debug options");
                return 2;
            }
            LinuxProcess process = LinuxProcess.create(options);
            if (gdbPort != null) {
                return serveGdb(process);
            }
            if (!debugging()) {
                return process.run();
            }
            DebugFace face = debugFace(process);
            if (face == null) {
                return 2;
            }
            long start = System.nanoTime();
            int status = face.run(steps);
            process.reportStats(start);
            return status;
        } catch (StartException e) {
            System.err.println("ppcvm: " + e.getMessage());
            return 1;
        }
    }

    /** Runs the process under the gdb server: waits for gdb, serves it, returns the guest's status. */
    private Integer serveGdb(LinuxProcess process) {
        if (gdbPort < 0 || gdbPort > 65535) {
            System.err.println("ppcvm: -g needs a TCP port from 0 to 65535, not " + gdbPort);
            return 2;
        }
        try {
            process.vcpu().debug().setSoftwareBreakpoints(DebugFace.mode(swBreakpoints));
        } catch (IllegalArgumentException e) {
            System.err.println("ppcvm: " + e.getMessage());
            return 2;
        }
        ServerSocket listener;
        try {
            listener = new ServerSocket(gdbPort, 1, InetAddress.getByName(gdbListen));
        } catch (IOException | SecurityException e) {
            System.err.println("ppcvm: cannot listen for gdb on " + gdbListen + ":" + gdbPort + ": " + e.getMessage());
            return 1;
        }
        TargetDescription description = TargetDescription.userMode();
        VmTarget target = new VmTarget(process, description, this::hostFile);
        System.err.println("ppcvm: gdb server listening on "
                + listener.getInetAddress().getHostAddress() + ":" + listener.getLocalPort());
        System.err.flush();
        return new GdbServer(listener, target, description, System.err, gdbTrace ? System.err : null).run();
    }

    /**
     * How this ppcvm starts another for a PowerPC program the guest executes: the same JVM and
     * class path (made absolute, since the guest may change directory), up to {@code run}.
     */
    private static List<String> childCommand() {
        String launcher = ProcessHandle.current()
                .info()
                .command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator, -1)) {
            if (!entry.isEmpty()) {
                classPath.add(Path.of(entry).toAbsolutePath().toString());
            }
        }
        return List.of(
                launcher,
                "--enable-native-access=ALL-UNNAMED",
                "-XX:+UseSerialGC",
                "-cp",
                String.join(java.io.File.pathSeparator, classPath),
                Main.class.getName(),
                "run");
    }

    /** Debian's cross libc for 32-bit PowerPC installs its ld.so and libraries here. */
    static final Path DEBIAN_CROSS_SYSROOT = Path.of("/usr/powerpc-linux-gnu");

    /** -L, or Debian's cross sysroot when it is installed. */
    private Optional<Path> effectiveSysroot() {
        if (sysroot != null) {
            return Optional.of(sysroot.toAbsolutePath());
        }
        return Files.isDirectory(DEBIAN_CROSS_SYSROOT) ? Optional.of(DEBIAN_CROSS_SYSROOT) : Optional.empty();
    }

    /** The host file for a guest path: under the sysroot when it is there, else the host's own. */
    private Optional<Path> hostFile(String guestPath) {
        Optional<Path> root = effectiveSysroot();
        if (root.isPresent() && guestPath.startsWith("/")) {
            try {
                Path under = root.get().resolve(guestPath.substring(1));
                if (Files.exists(under)) {
                    return Optional.of(under);
                }
            } catch (java.nio.file.InvalidPathException e) {
                return Optional.empty();
            }
        }
        try {
            Path own = Path.of(guestPath);
            return Files.exists(own) ? Optional.of(own) : Optional.empty();
        } catch (java.nio.file.InvalidPathException e) {
            return Optional.empty();
        }
    }

    private boolean debugging() {
        return !breaks.isEmpty()
                || !hbreaks.isEmpty()
                || !watches.isEmpty()
                || !rwatches.isEmpty()
                || !awatches.isEmpty()
                || steps != 0;
    }

    /** The debug face with every requested point set, or null after one error line. */
    private DebugFace debugFace(LinuxProcess process) {
        if (steps < 0) {
            System.err.println("ppcvm: --step needs a count of zero or more, not " + steps);
            return null;
        }
        DebugFace.Format format;
        switch (debugExits) {
            case "text" -> format = DebugFace.Format.TEXT;
            case "json" -> format = DebugFace.Format.JSON;
            default -> {
                System.err.println("ppcvm: --debug-exits must be text or json, not '" + debugExits + "'");
                return null;
            }
        }
        try {
            process.vcpu().debug().setSoftwareBreakpoints(DebugFace.mode(swBreakpoints));
        } catch (IllegalArgumentException e) {
            System.err.println("ppcvm: " + e.getMessage());
            return null;
        }
        DebugFace face = new DebugFace(process, System.err, format);
        try {
            for (String loc : breaks) {
                face.addBreakpoint(loc, false);
            }
            for (String loc : hbreaks) {
                face.addBreakpoint(loc, true);
            }
            for (String spec : watches) {
                face.addWatchpoint(spec, WatchKind.WRITE);
            }
            for (String spec : rwatches) {
                face.addWatchpoint(spec, WatchKind.READ);
            }
            for (String spec : awatches) {
                face.addWatchpoint(spec, WatchKind.ACCESS);
            }
        } catch (DebugFace.BadLocation e) {
            System.err.println("ppcvm: " + e.getMessage());
            return null;
        }
        return face;
    }

    /**
     * The host environment in the order the host gave it (as qemu-ppc passes it on), read from
     * /proc/self/environ because {@link System#getenv()} does not keep the order.
     */
    private static Map<String, String> hostEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        try {
            String all = new String(Files.readAllBytes(Path.of("/proc/self/environ")), StandardCharsets.UTF_8);
            for (String entry : all.split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
        } catch (IOException | SecurityException e) {
            env.putAll(System.getenv());
        }
        return env;
    }
}
