package org.ppcvm.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * One benchmark program and the settings its {@code ppcvm-bench:} header declares.
 *
 * @param name the source's file name without extension
 * @param source the C source
 * @param args the guest's {@code argv[1..]} for a full run
 * @param quickArgs the same for a {@code --quick} run (a smaller input)
 * @param cflags extra compiler flags, for the PowerPC and the native build alike
 */
public record BenchProgram(String name, Path source, List<String> args, List<String> quickArgs, List<String> cflags) {

    public BenchProgram {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(source, "source");
        args = List.copyOf(args);
        quickArgs = List.copyOf(quickArgs);
        cflags = List.copyOf(cflags);
    }

    /** The arguments for a full or a quick run. */
    public List<String> args(boolean quick) {
        return quick ? quickArgs : args;
    }

    @Override
    public String toString() {
        return name;
    }
}
