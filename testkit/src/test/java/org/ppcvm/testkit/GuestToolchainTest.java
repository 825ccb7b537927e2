package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestToolchainTest {
    @TempDir
    Path dir;

    private Path write(String name, String text) throws Exception {
        return Files.writeString(dir.resolve(name), text);
    }

    private static FileTime mtime(Path p) throws Exception {
        return Files.getLastModifiedTime(p);
    }

    @Test
    void buildsAStaticPpc32ElfAndRebuildsOnlyWhenAnInputChanges() throws Exception {
        GuestToolchain toolchain = new GuestToolchain(dir.resolve("cache"));
        write("values.h", "#define VALUE 1\n");
        Path source = write("prog.c", "#include \"values.h\"\nint main(void) { return VALUE; }\n");

        Path binary = toolchain.build(source, OptLevel.O2);
        assertThat(binary).isEqualTo(dir.resolve("cache/prog-o2/prog"));
        String header = HostCommand.output(
                List.of(Tools.assumeAvailable("powerpc-linux-gnu-readelf").toString(), "-h", "-l", binary.toString()));
        assertThat(header).contains("ELF32", "big endian", "PowerPC").doesNotContain("INTERP");
        assertThat(QemuUser.fromPath()
                        .run(RunSpec.of(binary).withWorkingDir(dir))
                        .exitStatus())
                .isEqualTo(1);

        FileTime built = mtime(binary);
        Thread.sleep(20);
        assertThat(toolchain.build(source, OptLevel.O2)).isEqualTo(binary);
        assertThat(mtime(binary)).as("cached").isEqualTo(built);

        write("values.h", "#define VALUE 2\n");
        toolchain.build(source, OptLevel.O2);
        assertThat(mtime(binary)).as("a local header changed").isNotEqualTo(built);
        assertThat(QemuUser.fromPath()
                        .run(RunSpec.of(binary).withWorkingDir(dir))
                        .exitStatus())
                .isEqualTo(2);

        FileTime rebuilt = mtime(binary);
        Thread.sleep(20);
        toolchain.build(source, OptLevel.O2, List.of("-DUNUSED"));
        assertThat(mtime(binary)).as("flags changed").isNotEqualTo(rebuilt);
        assertThat(toolchain.build(source, OptLevel.O0)).isEqualTo(dir.resolve("cache/prog-o0/prog"));
    }

    @Test
    void buildsCxxAndAssembly() throws Exception {
        GuestToolchain toolchain = new GuestToolchain(dir.resolve("cache"));
        Path cxx = write("p.cc", "#include <string>\nint main() { return std::string(\"abc\").size(); }\n");
        assertThat(QemuUser.fromPath()
                        .run(RunSpec.of(toolchain.build(cxx, OptLevel.O0)).withWorkingDir(dir))
                        .exitStatus())
                .isEqualTo(3);
        Path asm = write("p.S", ".globl _start\n_start:\n li 0,1\n li 3,9\n sc\n");
        Path binary = toolchain.build(asm, OptLevel.O0, List.of("-nostdlib"));
        assertThat(QemuUser.fromPath()
                        .run(RunSpec.of(binary).withWorkingDir(dir))
                        .exitStatus())
                .isEqualTo(9);
    }

    @Test
    void reportsCompilerDiagnostics() throws Exception {
        GuestToolchain toolchain = new GuestToolchain(dir.resolve("cache"));
        Path source = write("broken.c", "int main(void) { return undeclared; }\n");
        assertThatThrownBy(() -> toolchain.build(source, OptLevel.O0))
                .isInstanceOf(GuestBuildException.class)
                .hasMessageContaining("undeclared");
    }

    @Test
    void buildsTheSameSourceNatively() throws Exception {
        GuestToolchain toolchain = new GuestToolchain(dir.resolve("cache"));
        Path source = write("n.c", "#include <stdio.h>\nint main(void) { printf(\"%d\\n\", 6 * 7); return 0; }\n");
        Path binary = toolchain.buildNative(source, OptLevel.O2, List.of());
        assertThat(binary).isEqualTo(dir.resolve("cache/native/n-o2/n"));
        assertThat(HostCommand.output(List.of(binary.toString()))).isEqualTo("42\n");
    }
}
