package org.ppcvm.linux;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.ppcvm.core.mem.Memory;

/**
 * The files of the guest's own {@code /proc/self} (also reached as {@code /proc/4242} and {@code
 * /proc/thread-self}) that must describe the guest rather than the JVM running it: {@code maps}
 * and {@code cmdline} as contents, {@code exe} and {@code cwd} as links. The guest opens them
 * itself, and a debugger reads them ({@code info proc}); other {@code /proc} paths are the host's.
 */
final class ProcFiles {
    private final Memory memory;
    private final AddressSpace space;
    private final MemoryMaps maps;
    private final LinuxOptions options;

    ProcFiles(Memory memory, AddressSpace space, MemoryMaps maps, LinuxOptions options) {
        this.memory = memory;
        this.space = space;
        this.maps = maps;
        this.options = options;
    }

    /** The contents of {@code path} when it is one of the guest's own /proc files. */
    Optional<byte[]> contents(String path) {
        return switch (ownEntry(path)) {
            case "maps" -> Optional.of(maps.render(memory, space.heapStart(), space.heapEnd()));
            case "cmdline" -> Optional.of(commandLine());
            case null, default -> Optional.empty();
        };
    }

    /** The target of {@code path} when it is one of the guest's own /proc links. */
    Optional<String> link(String path) {
        return switch (ownEntry(path)) {
            case "exe" -> Optional.of(options.programPath());
            case "cwd" -> currentDirectory();
            case null, default -> Optional.empty();
        };
    }

    /** The name under the process's own /proc directory that {@code path} names, or null. */
    private static String ownEntry(String path) {
        for (String dir : new String[] {"/proc/self/", "/proc/thread-self/", "/proc/" + Syscalls.PID + "/"}) {
            if (path.startsWith(dir)) {
                String entry = path.substring(dir.length());
                return entry.indexOf('/') < 0 ? entry : null;
            }
        }
        return null;
    }

    /** argv, each argument ending in a zero byte, as Linux shows it. */
    private byte[] commandLine() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String arg : options.argv()) {
            out.writeBytes(arg.getBytes(StandardCharsets.UTF_8));
            out.write(0);
        }
        return out.toByteArray();
    }

    /** The working directory: the host process's, which the guest's chdir moves. */
    private static Optional<String> currentDirectory() {
        try {
            return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/cwd")).toString());
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return Optional.of(Path.of("").toAbsolutePath().toString());
        }
    }
}
