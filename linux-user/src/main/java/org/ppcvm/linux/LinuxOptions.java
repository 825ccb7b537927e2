package org.ppcvm.linux;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

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
 * @param sysroot where guest paths are looked up first (the program interpreter, the libraries it
 *     loads, files the guest opens), like qemu-ppc's {@code -L}; empty for the host's own files
 * @param childCommand how to start another ppcvm for a PowerPC program the guest executes: the
 *     command up to and including {@code run}, before ppcvm's options; empty when this embedding
 *     cannot (execve of a PowerPC program then fails with ENOEXEC)
 * @param inheritedFds guest descriptors (3 and up) this process starts with, at their numbers, as
 *     a parent ppcvm passed them
 * @param signalReportFd where to write the number of a signal that kills the guest instead of a
 *     shell's message (a parent ppcvm reads it), or -1
 */
public record LinuxOptions(
        Path program,
        List<String> argv,
        List<String> envp,
        boolean strace,
        boolean trace,
        boolean stats,
        PrintStream diagnostics,
        Optional<Path> sysroot,
        List<String> childCommand,
        List<Integer> inheritedFds,
        int signalReportFd) {
    public LinuxOptions {
        childCommand = List.copyOf(childCommand);
        inheritedFds = List.copyOf(inheritedFds);
    }

    /** The program's absolute path, as Linux names it in /proc/self/exe and the maps. */
    public String programPath() {
        return absolute(program);
    }

    /** A host file's absolute, normalised path. */
    static String absolute(Path file) {
        return file.toAbsolutePath().normalize().toString();
    }

    /** Options with a sysroot, run from a terminal (no parent ppcvm). */
    public LinuxOptions(
            Path program,
            List<String> argv,
            List<String> envp,
            boolean strace,
            boolean trace,
            boolean stats,
            PrintStream diagnostics,
            Optional<Path> sysroot) {
        this(program, argv, envp, strace, trace, stats, diagnostics, sysroot, List.of(), List.of(), -1);
    }

    /** Options without a sysroot. */
    public LinuxOptions(
            Path program,
            List<String> argv,
            List<String> envp,
            boolean strace,
            boolean trace,
            boolean stats,
            PrintStream diagnostics) {
        this(program, argv, envp, strace, trace, stats, diagnostics, Optional.empty());
    }

    /**
     * The host path for a path the guest names, for looking a file up: under the sysroot when it
     * exists there, else the path itself (a relative path is never redirected).
     */
    public byte[] lookup(byte[] guestPath) {
        if (sysroot.isEmpty() || guestPath.length == 0 || guestPath[0] != '/') {
            return guestPath;
        }
        byte[] root = sysroot.get().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] under = new byte[root.length + guestPath.length];
        System.arraycopy(root, 0, under, 0, root.length);
        System.arraycopy(guestPath, 0, under, root.length, guestPath.length);
        try {
            if (java.nio.file.Files.exists(
                    Path.of(new String(under, java.nio.charset.StandardCharsets.UTF_8)),
                    java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return under;
            }
        } catch (java.nio.file.InvalidPathException e) {
            // Not a name the host can have: the guest's own path fails the same way later.
        }
        return guestPath;
    }
}
