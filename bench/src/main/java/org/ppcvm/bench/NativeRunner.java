package org.ppcvm.bench;

import java.util.ArrayList;
import java.util.List;
import org.ppcvm.testkit.GuestRunner;
import org.ppcvm.testkit.HostProcess;
import org.ppcvm.testkit.RunResult;
import org.ppcvm.testkit.RunSpec;

/**
 * Runs a host executable (the program built with the host compiler) from a {@link RunSpec}, as the
 * guest runners do: stdin from the spec, stdout and stderr captured through files, the environment
 * replaced by the spec's, killed at the timeout.
 */
public final class NativeRunner implements GuestRunner {

    @Override
    public String describe() {
        return "native";
    }

    @Override
    public RunResult run(RunSpec spec) {
        List<String> command = new ArrayList<>();
        command.add(spec.program().toString());
        command.addAll(spec.args());
        return HostProcess.run(command, spec);
    }
}
