package org.ppcvm.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.elf.ElfFile;

/** The initial stack read back from guest memory, as a static glibc start-up code reads it. */
class InitialStackTest {
    private final Memory memory = new Memory();

    private static ElfFile example() throws Exception {
        Path hello = Path.of("..", "examples", "hello");
        return ElfFile.parse(Files.readAllBytes(hello));
    }

    private String string(int addr) {
        return new String(memory.readCString(addr, 4096), StandardCharsets.UTF_8);
    }

    @Test
    void argcArgvEnvpAndAuxvAreWhereLinuxPutsThem() throws Exception {
        LoadedImage image = ElfLoader.load(example(), memory);
        byte[] random = new byte[16];
        for (int i = 0; i < 16; i++) {
            random[i] = (byte) (i * 17);
        }
        InitialStack.Result result = InitialStack.build(
                memory,
                AddressSpace.STACK_TOP,
                image,
                0,
                List.of("prog", "a b", ""),
                List.of("HOME=/root", "X="),
                "/tmp/prog",
                random,
                new InitialStack.Credentials(1000, 1001, 100, 101));
        int sp = result.sp();
        assertThat(sp & 15).isZero();
        assertThat(memory.load32(sp)).isEqualTo(3);
        List<String> argv = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            argv.add(string(memory.load32(sp + 4 + 4 * i)));
        }
        assertThat(argv).containsExactly("prog", "a b", "");
        assertThat(memory.load32(sp + 16)).isZero();
        assertThat(string(memory.load32(sp + 20))).isEqualTo("HOME=/root");
        assertThat(string(memory.load32(sp + 24))).isEqualTo("X=");
        assertThat(memory.load32(sp + 28)).isZero();

        Map<Integer, Integer> aux = new LinkedHashMap<>();
        List<Integer> order = new ArrayList<>();
        for (int at = sp + 32; ; at += 8) {
            int type = memory.load32(at);
            order.add(type);
            aux.putIfAbsent(type, memory.load32(at + 4));
            if (type == Auxv.AT_NULL) {
                break;
            }
        }
        assertThat(order.subList(0, 5))
                .containsExactly(
                        Auxv.AT_IGNOREPPC,
                        Auxv.AT_IGNOREPPC,
                        Auxv.AT_DCACHEBSIZE,
                        Auxv.AT_ICACHEBSIZE,
                        Auxv.AT_UCACHEBSIZE);
        assertThat(aux.get(Auxv.AT_DCACHEBSIZE)).isEqualTo(64);
        assertThat(aux.get(Auxv.AT_UCACHEBSIZE)).isZero();
        assertThat(List.of(aux.get(Auxv.AT_UID), aux.get(Auxv.AT_EUID), aux.get(Auxv.AT_GID), aux.get(Auxv.AT_EGID)))
                .containsExactly(1000, 1001, 100, 101);
        assertThat(aux.get(Auxv.AT_HWCAP)).isEqualTo(0x8C00_8000);
        assertThat(aux.get(Auxv.AT_HWCAP2)).isEqualTo(0x0800_0000);
        assertThat(aux.get(Auxv.AT_PAGESZ)).isEqualTo(4096);
        assertThat(aux.get(Auxv.AT_ENTRY)).isEqualTo(example().entry());
        assertThat(aux.get(Auxv.AT_PHNUM)).isEqualTo(example().programHeaders().size());
        assertThat(memory.load32(aux.get(Auxv.AT_PHDR)))
                .isEqualTo(example().programHeaders().get(0).type());
        assertThat(string(aux.get(Auxv.AT_PLATFORM))).isEqualTo("ppce500mc");
        assertThat(string(aux.get(Auxv.AT_BASE_PLATFORM))).isEqualTo("ppce500mc");
        assertThat(string(aux.get(Auxv.AT_EXECFN))).isEqualTo("/tmp/prog");
        assertThat(memory.readRaw(aux.get(Auxv.AT_RANDOM), 16)).isEqualTo(random);
        assertThat(result.auxv()).hasSize(8 * order.size());
    }

    @Test
    void segmentsGetTheirPermissionsAndBssIsZero() throws Exception {
        ElfFile elf = example();
        LoadedImage image = ElfLoader.load(elf, memory);
        assertThat(image.bias()).isZero();
        assertThat(memory.permissions(elf.entry()) & org.ppcvm.core.mem.Perm.EXEC)
                .isNotZero();
        assertThat(memory.permissions(elf.entry()) & org.ppcvm.core.mem.Perm.WRITE)
                .isZero();
        int lastByte = image.end() - 1;
        assertThat(memory.permissions(lastByte) & org.ppcvm.core.mem.Perm.WRITE).isNotZero();
        assertThat(memory.load8(lastByte)).isZero();
    }
}
