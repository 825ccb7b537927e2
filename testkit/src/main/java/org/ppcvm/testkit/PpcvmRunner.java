package org.ppcvm.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The system under test: runs {@code ppcvm run [options] -- program args} in a child JVM with this
 * JVM's class path, so that the guest has the process (its fds, exit status and signals) to itself.
 */
public final class PpcvmRunner implements GuestRunner {
    /** The CLI's entry point. */
    public static final String MAIN_CLASS = "org.ppcvm.cli.Main";

    private final Path java;
    private final String classPath;
    private final String mainClass;
    private final List<String> jvmOptions;
    private final List<String> runOptions;

    /**
     * @param java the {@code java} launcher
     * @param classPath the child's class path (must hold the CLI and its dependencies)
     * @param jvmOptions options for the child JVM, before the main class
     * @param runOptions options for {@code ppcvm run}, before the program
     */
    public PpcvmRunner(Path java, String classPath, List<String> jvmOptions, List<String> runOptions) {
        this(java, classPath, MAIN_CLASS, jvmOptions, runOptions);
    }

    private PpcvmRunner(
            Path java, String classPath, String mainClass, List<String> jvmOptions, List<String> runOptions) {
        this.java = java;
        this.classPath = classPath;
        this.mainClass = mainClass;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.runOptions = List.copyOf(runOptions);
    }

    /** Runs the CLI with this JVM's launcher and class path, and no {@code run} options. */
    public static PpcvmRunner fromThisJvm() {
        return new PpcvmRunner(
                Path.of(System.getProperty("java.home"), "bin", "java"),
                System.getProperty("java.class.path"),
                // The serial collector keeps a short-lived child from starting a thread per core.
                List.of("-XX:+UseSerialGC"),
                List.of());
    }

    /** The same, with {@code options} passed to {@code ppcvm run} (e.g. an engine selection). */
    public PpcvmRunner withRunOptions(List<String> options) {
        return new PpcvmRunner(java, classPath, mainClass, jvmOptions, options);
    }

    /** The same, with other options for the child JVM. */
    public PpcvmRunner withJvmOptions(List<String> options) {
        return new PpcvmRunner(java, classPath, mainClass, options, runOptions);
    }

    /** The same, starting another main class (tests of the runner itself use a stand-in CLI). */
    PpcvmRunner withMainClass(String otherMainClass) {
        return new PpcvmRunner(java, classPath, otherMainClass, jvmOptions, runOptions);
    }

    @Override
    public String describe() {
        return "ppcvm run" + (runOptions.isEmpty() ? "" : " " + String.join(" ", runOptions));
    }

    /** The command line that runs {@code spec}. */
    public List<String> command(RunSpec spec) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath, mainClass, "run"));
        command.addAll(runOptions);
        // End of ppcvm's options: guest arguments that start with '-' belong to the guest.
        command.add("--");
        command.add(spec.program().toString());
        command.addAll(spec.args());
        return command;
    }

    @Override
    public RunResult run(RunSpec spec) {
        return HostProcess.run(command(spec), spec);
    }
}
