package org.ppcvm.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds guest programs with the Debian cross compiler ({@code powerpc-linux-gnu-gcc}/{@code g++})
 * into static ppc32 ELF executables, and the same sources natively with the host compiler.
 *
 * <p>Builds are cached under {@link #cacheDir()} as {@code <stem>-<opt>/<stem>} (native builds under
 * {@code native/}). A build is redone only when the SHA-256 over the compiler command line, the
 * source and the local headers it includes (transitively, {@code #include "..."}) differs from the
 * one recorded beside the output, so editing a program rebuilds it and nothing else.
 *
 * <p>Guest flags: {@code -O0|-O2 -g -static}, C++ also {@code -static-libstdc++}, the program's own
 * flags, and {@code -lm} after the source for C and C++. Assembly ({@code .S}) gets no libraries: a
 * program that has its own {@code _start} says {@code -nostdlib} in its flags.
 */
public final class GuestToolchain {
    public static final String GCC = "powerpc-linux-gnu-gcc";
    public static final String GXX = "powerpc-linux-gnu-g++";
    public static final String HOST_GCC = "gcc";
    public static final String HOST_GXX = "g++";

    private static final Pattern LOCAL_INCLUDE =
            Pattern.compile("^\\s*#\\s*include\\s*\"([^\"]+)\"", Pattern.MULTILINE);
    private static final long COMPILE_TIMEOUT_SECONDS = 300;

    private final Path cacheDir;

    /** Caches builds under {@code cacheDir} (created on first build). */
    public GuestToolchain(Path cacheDir) {
        this.cacheDir = cacheDir.toAbsolutePath();
    }

    /** Caches builds under {@code target/guests} of the current (module) directory. */
    public static GuestToolchain inDefaultCache() {
        return new GuestToolchain(Path.of("target", "guests"));
    }

    public Path cacheDir() {
        return cacheDir;
    }

    /** How a guest program is linked. */
    public enum Linkage {
        /** {@code -static}: runs without a sysroot (the default). */
        STATIC,
        /** Against the cross libc's shared libraries: needs ld.so from the sysroot to run. */
        DYNAMIC
    }

    /** Debian's cross sysroot: ld.so and the shared libraries a dynamic guest loads. */
    public static final Path SYSROOT = Path.of("/usr/powerpc-linux-gnu");

    /** Builds {@code source} for the guest at {@code opt} with no extra flags. */
    public Path build(Path source, OptLevel opt) {
        return build(source, opt, List.of());
    }

    /**
     * Builds {@code source} into a static ppc32 executable (or returns the cached one) and returns
     * its path. Skips the calling test if the cross compiler is absent (fails it under CI).
     */
    public Path build(Path source, OptLevel opt, List<String> extraFlags) {
        return build(source, opt, extraFlags, Linkage.STATIC);
    }

    /** {@link #build(Path, OptLevel, List)} with the given linkage (dynamic builds cache apart). */
    public Path build(Path source, OptLevel opt, List<String> extraFlags, Linkage linkage) {
        GuestLanguage language = GuestLanguage.of(source);
        Path compiler = Tools.assumeAvailable(language == GuestLanguage.CXX ? GXX : GCC);
        String stem = GuestLanguage.stem(source);
        String suffix = linkage == Linkage.DYNAMIC ? "-dynamic" : "";
        Path output = cacheDir.resolve(stem + "-" + opt.name().toLowerCase(Locale.ROOT) + suffix)
                .resolve(stem);
        return compileCached(source, output, guestCommand(compiler, language, source, opt, extraFlags, linkage));
    }

    /** Builds {@code source} (C) into a shared library {@code lib<stem>.so} for a dynamic guest to load. */
    public Path buildSharedLibrary(Path source, OptLevel opt) {
        Path compiler = Tools.assumeAvailable(GCC);
        String stem = GuestLanguage.stem(source);
        Path output = cacheDir.resolve(stem + "-" + opt.name().toLowerCase(Locale.ROOT) + "-shared")
                .resolve("lib" + stem + ".so");
        return compileCached(
                source,
                output,
                List.of(
                        compiler.toString(),
                        opt.flag(),
                        "-g",
                        "-fPIC",
                        "-shared",
                        source.toAbsolutePath().toString()));
    }

    /**
     * Builds {@code source} (C or C++) with the host compiler, dynamically linked, for comparing
     * ppcvm's speed with native code. Skips the calling test if the host compiler is absent.
     */
    public Path buildNative(Path source, OptLevel opt, List<String> extraFlags) {
        GuestLanguage language = GuestLanguage.of(source);
        if (language == GuestLanguage.ASSEMBLY) {
            throw new IllegalArgumentException("PowerPC assembly cannot be built natively: " + source);
        }
        Path compiler = Tools.assumeAvailable(language == GuestLanguage.CXX ? HOST_GXX : HOST_GCC);
        String stem = GuestLanguage.stem(source);
        Path output = cacheDir.resolve("native")
                .resolve(stem + "-" + opt.name().toLowerCase(Locale.ROOT))
                .resolve(stem);
        List<String> command = new ArrayList<>(List.of(compiler.toString(), opt.flag(), "-g"));
        command.addAll(extraFlags);
        command.add(source.toAbsolutePath().toString());
        command.add("-lm");
        return compileCached(source, output, command);
    }

    /** The cross-compiler command line for {@code source}, without {@code -o}. */
    static List<String> guestCommand(
            Path compiler, GuestLanguage language, Path source, OptLevel opt, List<String> extraFlags) {
        return guestCommand(compiler, language, source, opt, extraFlags, Linkage.STATIC);
    }

    static List<String> guestCommand(
            Path compiler,
            GuestLanguage language,
            Path source,
            OptLevel opt,
            List<String> extraFlags,
            Linkage linkage) {
        List<String> command = new ArrayList<>(List.of(compiler.toString(), opt.flag(), "-g"));
        if (linkage == Linkage.STATIC) {
            command.add("-static");
            if (language == GuestLanguage.CXX) {
                command.add("-static-libstdc++");
            }
        }
        command.addAll(extraFlags);
        command.add(source.toAbsolutePath().toString());
        if (language != GuestLanguage.ASSEMBLY) {
            command.add("-lm");
        }
        return command;
    }

    private synchronized Path compileCached(Path source, Path output, List<String> command) {
        try {
            String hash = hash(source, command);
            Path stamp = output.resolveSibling(output.getFileName() + ".sha256");
            if (Files.isRegularFile(output)
                    && Files.isRegularFile(stamp)
                    && Files.readString(stamp).strip().equals(hash)) {
                return output;
            }
            Files.createDirectories(output.getParent());
            Path partial = output.resolveSibling(output.getFileName() + ".partial");
            List<String> full = new ArrayList<>(command);
            full.addAll(List.of("-o", partial.toString()));
            compile(full);
            Files.move(partial, output, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.writeString(stamp, hash + "\n");
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot build " + source, e);
        }
    }

    private static void compile(List<String> command) throws IOException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().close();
        byte[] diagnostics = process.getInputStream().readAllBytes();
        boolean finished;
        try {
            finished = process.waitFor(COMPILE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new GuestBuildException("interrupted: " + String.join(" ", command), e);
        }
        if (!finished) {
            process.destroyForcibly();
            throw new GuestBuildException("compiler timed out: " + String.join(" ", command));
        }
        if (process.exitValue() != 0) {
            throw new GuestBuildException("compiler failed (exit " + process.exitValue() + "): "
                    + String.join(" ", command) + "\n" + new String(diagnostics, StandardCharsets.UTF_8));
        }
    }

    /** SHA-256 over the command line and every input file's name and contents. */
    static String hash(Path source, List<String> command) throws IOException {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (String arg : command) {
            digest.update(arg.getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
        }
        for (Path input : inputs(source)) {
            digest.update(input.toString().getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            byte[] content = Files.readAllBytes(input);
            digest.update(Integer.toString(content.length).getBytes(StandardCharsets.UTF_8));
            digest.update((byte) 0);
            digest.update(content);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** {@code source} and the local headers it includes, transitively. */
    static Set<Path> inputs(Path source) throws IOException {
        Set<Path> seen = new LinkedHashSet<>();
        collect(source.toAbsolutePath().normalize(), seen);
        return seen;
    }

    private static void collect(Path file, Set<Path> seen) throws IOException {
        if (!seen.add(file)) {
            return;
        }
        Matcher m = LOCAL_INCLUDE.matcher(Files.readString(file, StandardCharsets.ISO_8859_1));
        while (m.find()) {
            Path included = file.resolveSibling(m.group(1)).normalize();
            if (Files.isRegularFile(included)) {
                collect(included, seen);
            }
        }
    }
}
