package org.ppcvm.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code ppcvm} command: a PowerPC virtual machine for debugging guests. */
@Command(
        name = "ppcvm",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "A PowerPC virtual machine for debugging guests.",
        subcommands = {RunCommand.class})
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(execute(args));
    }

    /** Runs the command line and returns the exit status (for tests and embedding). */
    public static int execute(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setUnmatchedOptionsArePositionalParams(false);
        // A mistyped command line gets one line, as other Unix tools print, not the whole usage.
        cli.setParameterExceptionHandler((e, commandLineArgs) -> {
            CommandLine failed = e.getCommandLine();
            String message = e.getMessage();
            failed.getErr()
                    .println("ppcvm: " + Character.toLowerCase(message.charAt(0)) + message.substring(1) + " (see '"
                            + failed.getCommandSpec().qualifiedName() + " --help')");
            return failed.getCommandSpec().exitCodeOnInvalidInput();
        });
        cli.setExecutionExceptionHandler((e, line, parsed) -> {
            line.getErr().println("ppcvm: " + e.getMessage());
            return 70;
        });
        return cli.execute(args);
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getErr());
    }

    /** Version from the jar manifest, or "development" when run from classes. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"ppcvm " + (v == null ? "development" : v)};
        }
    }
}
