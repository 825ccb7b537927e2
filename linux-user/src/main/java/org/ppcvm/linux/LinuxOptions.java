package org.ppcvm.linux;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * How to start a Linux user-mode process: the program, its arguments and environment, and the
 * diagnostics to print.
 *
 * @param program the host path of the ELF executable
 * @param argv the guest's argv, argv[0] included
 * @param envp the guest's environment as NAME=VALUE strings
 * @param strace print each system call and its result on {@code diagnostics}
 * @param trace print each executed instruction, disassembled, on {@code diagnostics}
 * @param stats print the instruction count and speed on {@code diagnostics} at the end
 * @param diagnostics where ppcvm's own messages go (the host's stderr)
 */
public record LinuxOptions(
        Path program,
        List<String> argv,
        List<String> envp,
        boolean strace,
        boolean trace,
        boolean stats,
        PrintStream diagnostics) {}
