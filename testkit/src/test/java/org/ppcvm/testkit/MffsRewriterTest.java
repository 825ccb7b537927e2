package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The assembler and objdump are the oracle for which words are the ISA 3.0 mffs forms. */
class MffsRewriterTest {
    private static final Set<String> VARIANTS =
            Set.of("mffsce", "mffsl", "mffscrn", "mffscrni", "mffscdrn", "mffscdrni");
    private static final Pattern INSN =
            Pattern.compile("^\\s*([0-9a-f]+):\\s+((?:[0-9a-f]{2} ){4})\\s*(\\S+)\\s*(.*)$");

    private record Insn(long address, int word, String mnemonic, String operands) {}

    private static List<Insn> disassemble(Path object) throws IOException, InterruptedException {
        String text = HostCommand.output(List.of(
                Tools.assumeAvailable("powerpc-linux-gnu-objdump").toString(),
                "-d",
                "-M",
                "power9",
                object.toString()));
        List<Insn> insns = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            Matcher m = INSN.matcher(line);
            if (m.matches()) {
                int word = (int) Long.parseLong(m.group(2).replace(" ", ""), 16);
                insns.add(new Insn(
                        Long.parseLong(m.group(1), 16),
                        word,
                        m.group(3),
                        m.group(4).strip()));
            }
        }
        return insns;
    }

    @Test
    void classifiesEveryFormAsTheAssemblerEncodesIt(@TempDir Path dir) throws Exception {
        Path source = dir.resolve("forms.S");
        Files.writeString(source, """
                .text
                mffs 5
                mffs. 4
                mffsce 2
                mffsl 7
                mffscrn 3,4
                mffscrni 6,3
                mffscdrn 1,2
                mffscdrni 8,5
                fadd 1,2,3
                mtfsf 0xff,1
                """);
        Path object = dir.resolve("forms.o");
        HostCommand.output(List.of(
                Tools.assumeAvailable(GuestToolchain.GCC).toString(),
                "-c",
                "-Wa,-mpower9",
                source.toString(),
                "-o",
                object.toString()));
        List<Insn> insns = disassemble(object);
        assertThat(insns).hasSize(10);
        for (Insn insn : insns) {
            assertThat(MffsRewriter.isMffsVariant(insn.word()))
                    .as("%s %s", insn.mnemonic(), insn.operands())
                    .isEqualTo(VARIANTS.contains(insn.mnemonic()));
            if (VARIANTS.contains(insn.mnemonic())) {
                int plain = MffsRewriter.toPlainMffs(insn.word());
                assertThat(MffsRewriter.isMffsVariant(plain)).isFalse();
                // Same FRT: the first operand of the variant (objdump writes it as fN).
                String frt = insn.operands().split(",", -1)[0].strip().replaceFirst("^f", "");
                assertThat(plain >>> 21 & 31).isEqualTo(Integer.parseInt(frt));
            }
        }
    }

    @Test
    void rewritesExactlyTheVariantsInAStaticGlibcBinary(@TempDir Path dir) throws Exception {
        Path binary = HostCommand.probe(GuestToolchain.inDefaultCache());
        List<Insn> before = disassemble(binary);
        long variants =
                before.stream().filter(i -> VARIANTS.contains(i.mnemonic())).count();
        assertThat(variants).as("glibc's fenv code uses the ISA 3.0 forms").isPositive();

        byte[] image = Files.readAllBytes(binary);
        assertThat((long) MffsRewriter.countVariants(image)).isEqualTo(variants);
        byte[] rewritten = MffsRewriter.rewrite(image);
        assertThat(MffsRewriter.countVariants(rewritten)).isZero();
        assertThat(image).isEqualTo(Files.readAllBytes(binary)); // the input is untouched

        // Only the variant words changed, each into the plain mffs with its FRT.
        long changedWords = 0;
        ByteBuffer a = ByteBuffer.wrap(image);
        ByteBuffer b = ByteBuffer.wrap(rewritten);
        for (int at = 0; at + 4 <= image.length; at += 4) {
            if (a.getInt(at) != b.getInt(at)) {
                changedWords++;
                assertThat(b.getInt(at)).isEqualTo(MffsRewriter.toPlainMffs(a.getInt(at)));
            }
        }
        assertThat(changedWords).isEqualTo(variants);
        Path copy = Files.write(dir.resolve("probe"), rewritten);
        List<Insn> after = disassemble(copy);
        assertThat(after).noneMatch(i -> VARIANTS.contains(i.mnemonic()));
        assertThat(after.stream().filter(i -> i.mnemonic().equals("mffs")).count())
                .isEqualTo(
                        before.stream().filter(i -> i.mnemonic().equals("mffs")).count() + variants);
    }

    @Test
    void leavesOtherFilesAlone() {
        byte[] notElf = "#!/bin/sh\necho hi\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(MffsRewriter.rewrite(notElf)).isEqualTo(notElf);
        assertThat(MffsRewriter.countVariants(new byte[3])).isZero();
    }
}
