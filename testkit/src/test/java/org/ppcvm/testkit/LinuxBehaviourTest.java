package org.ppcvm.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ppcvm.elf.ElfException;
import org.ppcvm.elf.ElfFile;
import org.ppcvm.elf.ProgramHeader;
import org.ppcvm.elf.Symbol;

/**
 * The places where qemu-ppc is not the oracle (design.md §3 and §6): what a program sees from Linux
 * on an e500mc, checked under ppcvm against the facts each test states.
 *
 * <p>Each test also runs the program under qemu-ppc 7.2 and asserts that qemu still shows the
 * difference the test documents (or still agrees, where it does). Such an assertion failing means
 * qemu changed, not ppcvm: update design.md §6, the differential harness's corrections, and the
 * test. The guest programs are in {@code src/test/resources/linux-behaviour}, apart from the
 * differential corpus, because comparing them with qemu's output would be wrong.
 */
class LinuxBehaviourTest {
    private static final Path SOURCES = Path.of("src", "test", "resources", "linux-behaviour");
    private static final GuestToolchain TOOLCHAIN = new GuestToolchain(Path.of("target", "guests", "linux-behaviour"));
    private static final String E500MC = "e500mc";

    private static final int EINVAL = 22;

    /** The reminder on every assertion about qemu. */
    private static final String QEMU_CHANGED =
            "qemu-ppc no longer shows the difference this test documents; update design.md §6 and the test: ";

    // Auxiliary vector types (linux/auxvec.h, asm/auxvec.h)
    private static final int AT_NULL = 0;
    private static final int AT_PHDR = 3;
    private static final int AT_PHENT = 4;
    private static final int AT_PHNUM = 5;
    private static final int AT_PAGESZ = 6;
    private static final int AT_BASE = 7;
    private static final int AT_FLAGS = 8;
    private static final int AT_ENTRY = 9;
    private static final int AT_PLATFORM = 15;
    private static final int AT_HWCAP = 16;
    private static final int AT_CLKTCK = 17;
    private static final int AT_DCACHEBSIZE = 19;
    private static final int AT_ICACHEBSIZE = 20;
    private static final int AT_UCACHEBSIZE = 21;
    private static final int AT_IGNOREPPC = 22;
    private static final int AT_SECURE = 23;
    private static final int AT_BASE_PLATFORM = 24;
    private static final int AT_RANDOM = 25;
    private static final int AT_HWCAP2 = 26;
    private static final int AT_EXECFN = 31;

    /** PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU | PPC_FEATURE_BOOKE (asm/cputable.h). */
    private static final long E500MC_HWCAP = 0x8000_0000L | 0x0800_0000 | 0x0400_0000 | 0x0000_8000;
    /** PPC_FEATURE2_HAS_ISEL. */
    private static final long E500MC_HWCAP2 = 0x0800_0000;

    @TempDir
    Path work;

    // ---- Initial process state -------------------------------------------------------------------

    @Test
    void auxiliaryVectorIsLinuxsOnAnE500mc() throws IOException, ElfException {
        Path binary = build("auxv.c");
        ElfFile elf = ElfFile.parse(Files.readAllBytes(binary));

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        List<AuxEntry> auxv = auxv(ppcvm.stdoutText());
        // ARCH_DLINFO comes first: glibc needs a value above 16 at the first 16-byte-aligned slot.
        assertThat(auxv.subList(0, 5))
                .extracting(AuxEntry::type, AuxEntry::value)
                .containsExactly(
                        tuple(AT_IGNOREPPC, AT_IGNOREPPC),
                        tuple(AT_IGNOREPPC, AT_IGNOREPPC),
                        tuple(AT_DCACHEBSIZE, 64),
                        tuple(AT_ICACHEBSIZE, 64),
                        tuple(AT_UCACHEBSIZE, 0));
        assertThat(auxv.getLast().type()).isEqualTo(AT_NULL);
        Map<Integer, AuxEntry> byType = byType(auxv);
        assertThat(byType.get(AT_HWCAP).value()).isEqualTo(E500MC_HWCAP);
        assertThat(byType.get(AT_HWCAP2).value()).isEqualTo(E500MC_HWCAP2);
        assertThat(byType.get(AT_PLATFORM).text()).isEqualTo("ppce500mc");
        assertThat(byType.get(AT_BASE_PLATFORM).text()).isEqualTo("ppce500mc");
        assertThat(byType.get(AT_PAGESZ).value()).isEqualTo(4096);
        assertThat(byType.get(AT_CLKTCK).value()).as("USER_HZ").isEqualTo(100);
        assertThat(byType.get(AT_BASE).value()).as("no interpreter").isZero();
        assertThat(byType.get(AT_FLAGS).value()).isZero();
        assertThat(byType.get(AT_SECURE).value()).isZero();
        // The program headers as loaded, as binfmt_elf finds them: in the PT_LOAD holding e_phoff.
        assertThat(byType.get(AT_PHDR).value()).isEqualTo(phdrAddress(elf));
        assertThat(byType.get(AT_PHENT).value()).isEqualTo(32);
        assertThat(byType.get(AT_PHNUM).value()).isEqualTo(elf.programHeaders().size());
        assertThat(byType.get(AT_ENTRY).value()).isEqualTo(Integer.toUnsignedLong(elf.entry()));
        assertThat(byType.get(AT_RANDOM).text()).matches("([0-9a-f]{2} ){15}[0-9a-f]{2}");
        assertThat(fields(ppcvm.stdoutText())).containsEntry("random_between_argc_and_strings", "1");
        assertThat(byType.get(AT_EXECFN).text()).isEqualTo(binary.toString());
        assertThat(fields(ppcvm.stdoutText())).containsEntry("credentials_match", "1");
        // getauxval (glibc's copy, taken at start) agrees with the walk.
        getauxval(ppcvm.stdoutText())
                .forEach((type, value) -> assertThat(value)
                        .as("getauxval(%d)", type)
                        .isEqualTo(byType.get(type).value()));

        // qemu-ppc 7.2, even as an e500mc, announces neither the platform nor Book E.
        RunResult qemu = qemu(E500MC).run(spec(binary));
        assertThat(qemu.exitStatus()).isZero();
        Map<Integer, AuxEntry> qemuByType = byType(auxv(qemu.stdoutText()));
        assertThat(qemuByType).as(QEMU_CHANGED + "AT_PLATFORM").doesNotContainKeys(AT_PLATFORM, AT_BASE_PLATFORM);
        assertThat(qemuByType.get(AT_HWCAP).value())
                .as(QEMU_CHANGED + "AT_HWCAP")
                .isEqualTo(0x0800_0000);
    }

    @Test
    void auxvCredentialsAreTheProcesss() throws IOException {
        Path binary = build("auxv.c");

        RunResult r = isRoot() ? asNobody(binary) : ppcvm(binary);

        assertThat(r.exitStatus()).as(r.stderrText()).isZero();
        assertThat(fields(r.stdoutText())).containsEntry("credentials_match", "1");
    }

    @Test
    void registersAtEntryAreLinuxs() {
        Path binary = build("entry_state.c", "-Wl,-e,_entry");

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        Map<String, String> state = fields(ppcvm.stdoutText());
        assertThat(state)
                .containsEntry("sp_mod_16", "0")
                .containsEntry("sp_points_at_argc", "1")
                .containsEntry("nonzero_gprs", "none")
                .containsEntry("cr", "00000000")
                .containsEntry("xer", "00000000")
                .containsEntry("lr", "00000000")
                .containsEntry("ctr", "00000000")
                .containsEntry("fpscr", "00000000")
                .containsEntry("nonzero_fprs", "none");
        // Linux emulates mfpvr for user code and returns the core's PVR: e500mc is version 0x8023.
        assertThat(state.get("pvr")).startsWith("8023");

        // qemu-ppc agrees on the registers; its mfpvr gives the emulated model's PVR, and its
        // default model is not an e500mc.
        Map<String, String> qemuDefault = fields(qemu(null).run(spec(binary)).stdoutText());
        assertThat(withoutKey(qemuDefault, "pvr")).isEqualTo(withoutKey(state, "pvr"));
        assertThat(qemuDefault.get("pvr")).as(QEMU_CHANGED + "default PVR").doesNotStartWith("8023");
        assertThat(fields(qemu(E500MC).run(spec(binary)).stdoutText()).get("pvr"))
                .isEqualTo(state.get("pvr"));
    }

    // ---- Instructions Linux or the e500mc treat differently from qemu ----------------------------

    @Test
    void powerPcProgramsStartedByTheGuestRunInAChildPpcvm() {
        Path binary = build("spawn_powerpc.c");

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.stdoutText()).isEqualTo("""
                        exit_status=7
                        killed_by=11 core=1
                        write5_status=0 read=13 through five
                        child argv[0]=renamed argv[2]=two words FOO=bar
                        vfork_status=0 sigchld_seen=1
                        """);
        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        // qemu-ppc hands execve to the host kernel, which cannot run a PowerPC program without
        // binfmt_misc: the child fails to start (exit 127 from posix_spawn's child).
        RunResult qemu = qemu(GuestCorpus.DEFAULT_QEMU_CPU).run(spec(binary));
        assertThat(qemu.stdoutText()).startsWith("exit_status=127\n");
    }

    @Test
    void dcbzZeroesTheAnnounced64ByteLine() {
        Path binary = build("dcbz_line.c");

        RunResult ppcvm = ppcvm(binary);

        assertThat(fields(ppcvm.stdoutText()))
                .containsEntry("dcachebsize", "64")
                .containsEntry("zeroed_from", "256")
                .containsEntry("zeroed_count", "64");

        // qemu-ppc's default model has 32-byte lines (which is why the corpus runs qemu as an
        // e500mc); it is consistent with its own auxv.
        Map<String, String> qemuDefault = fields(qemu(null).run(spec(binary)).stdoutText());
        assertThat(qemuDefault)
                .as(QEMU_CHANGED + "default CPU's line size")
                .containsEntry("dcachebsize", "32")
                .containsEntry("zeroed_from", "256")
                .containsEntry("zeroed_count", "32");
        assertThat(qemu(E500MC).run(spec(binary)).stdoutText()).isEqualTo(ppcvm.stdoutText());
    }

    @Test
    void isa30MffsFormsExecuteAsPlainMffs() {
        Path binary = build("mffs_forms.c");
        List<String> forms = List.of("mffsce", "mffscdrn", "mffscdrni", "mffscrn", "mffscrni", "mffsl");

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        Map<String, String> values = fields(ppcvm.stdoutText());
        // The program set RN = 01 and OE; no form may change or hide them.
        assertThat(values.get("mffs")).isEqualTo("00000041");
        for (String form : forms) {
            assertThat(values.get(form)).as(form).isEqualTo(values.get("mffs"));
        }
        assertThat(values.get("after")).as("FPSCR after all forms").isEqualTo(values.get("mffs"));

        // qemu-ppc 7.2 raises SIGILL on each form, on the binary as built.
        for (String form : forms) {
            RunResult qemu = rawQemu(List.of("-cpu", E500MC), binary, form);
            assertThat(qemu.exitStatus()).as(QEMU_CHANGED + form).isEqualTo(128 + 4);
            assertThat(qemu.stderrText())
                    .as(QEMU_CHANGED + form)
                    .contains("qemu: uncaught target signal 4 (Illegal instruction)");
            assertThat(qemu.stdoutText()).doesNotContain(form + " ");
        }
        // ... and the harness's rewrite to plain mffs (QemuUser) makes it behave as the e500mc does.
        assertThat(qemu(E500MC).run(spec(binary)).stdoutText()).isEqualTo(ppcvm.stdoutText());
    }

    // ---- Floating-point exceptions ---------------------------------------------------------------

    @Test
    void divisionByZeroWithoutEnablesGivesInfinity() {
        Path binary = build("fp_exceptions.c");

        RunResult ppcvm = ppcvm(binary, "default");

        assertThat(ppcvm.stdoutText()).isEqualTo("PR_GET_FPEXC 0 0\n1/0 inf\nZX 1\n");
        assertThat(ppcvm.stderrText()).isEmpty();
        assertThat(ppcvm.exitStatus()).isZero();

        // qemu-ppc agrees on the arithmetic, but does not implement PR_GET_FPEXC (-1, EINVAL).
        RunResult qemu = qemu(E500MC).run(spec(binary, "default"));
        assertThat(qemu.stdoutText()).as(QEMU_CHANGED + "prctl").isEqualTo("PR_GET_FPEXC -1 0\n1/0 inf\nZX 1\n");
        assertThat(qemu.exitStatus()).isZero();
    }

    @Test
    void feenableexceptMakesDivisionByZeroRaiseSigfpe() {
        Path binary = build("fp_exceptions.c");

        RunResult ppcvm = ppcvm(binary, "feenableexcept");

        // PR_FP_EXC_PRECISE (3): feenableexcept asked for precise traps through prctl.
        assertThat(ppcvm.stdoutText()).isEqualTo("feenableexcept 0\nPR_GET_FPEXC 0 3\n");
        assertThat(ppcvm.stderrText()).isEqualTo("Floating point exception (core dumped)\n");
        assertThat(ppcvm.exitStatus()).isEqualTo(136);

        // qemu-ppc dies the same way (as a shell reports it), though its prctl failed.
        RunResult qemu = qemu(E500MC).run(spec(binary, "feenableexcept"));
        assertThat(qemu.stdoutText()).isEqualTo("feenableexcept 0\nPR_GET_FPEXC -1 0\n");
        assertThat(qemu.stderrText()).isEqualTo(ppcvm.stderrText());
        assertThat(qemu.exitStatus()).isEqualTo(136);
    }

    @Test
    void anEnableInTheFpscrAloneDoesNotTrap() {
        Path binary = build("fp_exceptions.c");

        RunResult ppcvm = ppcvm(binary, "fpscr-only");

        // MSR[FE0,FE1] = 0 without the prctl: no interrupt, ZX set, the target (7.0) unchanged.
        assertThat(ppcvm.stdoutText()).isEqualTo("ZE set without prctl\nPR_GET_FPEXC 0 0\n1/0 7\nZX 1\n");
        assertThat(ppcvm.stderrText()).isEmpty();
        assertThat(ppcvm.exitStatus()).isZero();

        // qemu-ppc raises SIGFPE as soon as FPSCR[ZE] is set, prctl or not (design.md §6).
        RunResult qemu = qemu(E500MC).run(spec(binary, "fpscr-only"));
        assertThat(qemu.exitStatus())
                .as(QEMU_CHANGED + "SIGFPE without PR_SET_FPEXC")
                .isEqualTo(136);
        assertThat(qemu.stderrText()).isEqualTo("Floating point exception (core dumped)\n");
        assertThat(qemu.stdoutText()).isEqualTo("ZE set without prctl\nPR_GET_FPEXC -1 0\n");
    }

    // ---- Loading -----------------------------------------------------------------------------------

    @Test
    void staticPieFindsItselfThroughTheAuxv() throws IOException, ElfException {
        Path binary = build("static_pie.S", "-nostdlib", "-static-pie");
        ElfFile elf = ElfFile.parse(Files.readAllBytes(binary));
        assertThat(elf.isPositionIndependent()).isTrue();
        assertThat(elf.interpreter()).isEmpty();
        long phdr = phdrAddress(elf);
        long main = Integer.toUnsignedLong(symbol(elf, "main").value());
        long entry = Integer.toUnsignedLong(elf.entry());

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        List<Long> words = hexWords(ppcvm.stdoutText());
        assertThat(words).hasSize(5);
        assertThat(words.get(0)).as("main - AT_PHDR").isEqualTo(main - phdr);
        assertThat(words.get(1)).as("AT_ENTRY - AT_PHDR").isEqualTo(entry - phdr);
        long bias = words.get(2) - phdr;
        // Linux's ELF_ET_DYN_BASE for 32-bit PowerPC, without address randomisation.
        assertThat(bias).as("load bias").isEqualTo(0x40_0000 - lowestLoad(elf));
        assertThat(words.get(3)).as("AT_BASE").isZero();
        assertThat(words.get(4)).as("_start found PC-relatively - AT_ENTRY").isZero();

        // qemu-ppc loads it elsewhere (another base), with the same layout.
        List<Long> qemuWords = hexWords(qemu(null).run(spec(binary)).stdoutText());
        assertThat(qemuWords).hasSize(5);
        assertThat(List.of(qemuWords.get(0), qemuWords.get(1), qemuWords.get(3), qemuWords.get(4)))
                .isEqualTo(List.of(words.get(0), words.get(1), words.get(3), words.get(4)));
        assertThat((qemuWords.get(2) - phdr) % 4096)
                .as("qemu's bias is page-aligned")
                .isZero();
    }

    // ---- System calls and descriptors --------------------------------------------------------------

    @Test
    void unknownSystemCallIsEnosysAndReportedOnce() {
        Path binary = build("unknown_syscall.c");

        RunResult ppcvm = ppcvm(binary);

        String twice = "syscall(1000) = -1 errno 38 ENOSYS\n".repeat(2);
        assertThat(ppcvm.stdoutText()).isEqualTo(twice);
        assertThat(ppcvm.exitStatus()).isZero();
        List<String> report = ppcvm.stderrText().lines().toList();
        assertThat(report).hasSize(1);
        assertThat(report.getFirst()).startsWith("ppcvm: ").contains("1000").contains("ENOSYS");

        // qemu-ppc is silent about it (unless asked with -d unimp).
        RunResult qemu = qemu(E500MC).run(spec(binary));
        assertThat(qemu.stdoutText()).isEqualTo(twice);
        assertThat(qemu.stderrText()).isEmpty();
    }

    @Test
    void socketEpollAndStatfsDetailsAreLinuxs() {
        Path binary = build("socket_abi.c");

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        assertThat(fields(ppcvm.stdoutText()))
                // getsockopt stores min(optlen, sizeof(int)) bytes of the int as it lies in memory:
                // on a big-endian machine the high bytes of SO_TYPE's 1.
                .containsEntry("sockopt_short", "2 00 00")
                // A type beyond SOCK_MAX is EINVAL before any protocol is looked for.
                .containsEntry("socket_bad_type", Integer.toString(EINVAL))
                // No room for a descriptor after the 12-byte cmsghdr: none is installed, no control
                // data is reported and MSG_CTRUNC is set (scm_detach_fds).
                .containsEntry("scm_rights_no_room", "0 1")
                .containsEntry("epoll_pwait2", "1")
                // statfs64 and fstatfs64 insist on sizeof(struct statfs64), 88 on ppc32.
                .containsEntry("statfs64_size", Integer.toString(-EINVAL))
                .containsEntry("fstatfs64_size", Integer.toString(-EINVAL));

        // qemu-ppc 7.2 writes the int's value into the first byte, refuses the type with
        // EPROTONOSUPPORT, reports the cmsghdr as control data without MSG_CTRUNC, lacks
        // epoll_pwait2 (ENOSYS) and ignores statfs64's size argument.
        Map<String, String> qemu = fields(qemu(E500MC).run(spec(binary)).stdoutText());
        assertThat(qemu)
                .as(QEMU_CHANGED + "socket_abi.c")
                .containsEntry("sockopt_short", "2 01 aa")
                .containsEntry("socket_bad_type", "93")
                .containsEntry("scm_rights_no_room", "12 0")
                .containsEntry("epoll_pwait2", "-38")
                .containsEntry("statfs64_size", "0")
                .containsEntry("fstatfs64_size", "0");
    }

    @Test
    void theGuestsOwnProcFilesAreReadOnly() {
        Path binary = build("proc_write.c");
        final String eacces = "13";

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        assertThat(fields(ppcvm.stdoutText()))
                .containsEntry("maps_write", eacces)
                .containsEntry("cmdline_write", eacces);
        // qemu-ppc 7.2 makes the files up in writable temporary files and lets both opens succeed.
        Map<String, String> qemu = fields(qemu(E500MC).run(spec(binary)).stdoutText());
        assertThat(qemu)
                .as(QEMU_CHANGED + "proc_write.c")
                .containsEntry("maps_write", "0")
                .containsEntry("cmdline_write", "0");
    }

    @Test
    void closingStdoutLeavesStderrAndTheJvmAlone() {
        Path binary = build("close_stdout.c");
        String guestStderr = "write(1) after close = -1 errno 9 EBADF\nopen(/dev/null) = 1\n";

        // --stats prints on the JVM's stderr after the guest has closed its own fds 1 and 2.
        RunResult ppcvm = ppcvm(List.of("--stats"), binary);

        assertThat(ppcvm.exitStatus()).as(ppcvm.stderrText()).isZero();
        assertThat(ppcvm.stdoutText()).isEqualTo("before close\n");
        assertThat(ppcvm.stderrText()).startsWith(guestStderr);
        assertThat(ppcvm.stderrText().substring(guestStderr.length()))
                .matches("ppcvm: \\d+ instructions in [0-9.]+ s \\([0-9.]+ million per second\\)\n");

        RunResult qemu = qemu(E500MC).run(spec(binary));
        assertThat(qemu.stdoutText()).isEqualTo("before close\n");
        assertThat(qemu.stderrText()).isEqualTo(guestStderr);
        assertThat(qemu.exitStatus()).isZero();
    }

    // ---- Fatal signals -----------------------------------------------------------------------------

    @Test
    void jumpToUnmappedMemoryIsASegmentationFault() {
        Path binary = build("jump_unmapped.c");

        RunResult ppcvm = ppcvm(binary);

        assertThat(ppcvm.stdoutText()).isEqualTo("calling 0x7000\n");
        assertThat(ppcvm.stderrText()).isEqualTo("Segmentation fault (core dumped)\n");
        assertThat(ppcvm.exitStatus()).isEqualTo(139);

        // qemu-ppc reports the signal its own way and kills itself with it; the harness turns
        // that into what a shell prints.
        RunResult raw = rawQemu(List.of("-cpu", E500MC), binary);
        assertThat(raw.stderrText())
                .as(QEMU_CHANGED + "fatal-signal line")
                .isEqualTo("qemu: uncaught target signal 11 (Segmentation fault) - core dumped\n");
        assertThat(raw.exitStatus()).isEqualTo(139);
        assertThat(qemu(E500MC).run(spec(binary))).isEqualTo(ppcvm);
    }

    // ---- Diagnostics -------------------------------------------------------------------------------

    private static final Pattern TRACE_LINE = Pattern.compile("([0-9a-f]{8})(?: <([^>]+)>)?: ([0-9a-f]{8})  (.*)");
    private static final Pattern OBJDUMP_INSN = Pattern.compile("\\s*([0-9a-f]+):\\t((?:[0-9a-f]{2} ){4})\\t(.*)");
    private static final Pattern OBJDUMP_LABEL = Pattern.compile("([0-9a-f]{8}) <([^>]+)>:");
    private static final Pattern QEMU_EXEC = Pattern.compile("Trace \\d+: 0x[0-9a-f]+ \\[[0-9a-f]+/([0-9a-f]+)/");

    /** One instruction as objdump shows it, with the symbol+offset objdump's labels give it. */
    record Disassembled(String word, String text, String where) {}

    @Test
    void traceIsObjdumpsDisassemblyInExecutionOrder() {
        Path binary = build("trace_loop.S", "-nostdlib");

        RunResult ppcvm = ppcvm(List.of("--trace"), binary);

        assertThat(ppcvm.exitStatus()).as("r4 after three iterations").isEqualTo(3);
        Map<Long, Disassembled> objdump = objdump(binary);
        List<Long> executed = new ArrayList<>();
        for (String line : ppcvm.stderrText().lines().toList()) {
            Matcher m = TRACE_LINE.matcher(line);
            assertThat(m.matches()).as("trace line '%s'", line).isTrue();
            long pc = Long.parseLong(m.group(1), 16);
            Disassembled expected = objdump.get(pc);
            assertThat(expected).as("objdump has %08x", pc).isNotNull();
            assertThat(new Disassembled(m.group(3), m.group(4), m.group(2))).isEqualTo(expected);
            executed.add(pc);
        }

        // The order: qemu's own record of every instruction it executed, one per block.
        RunResult qemu = rawQemu(List.of("-singlestep", "-d", "nochain,exec"), binary);
        assertThat(qemu.exitStatus()).isEqualTo(3);
        List<Long> qemuExecuted = new ArrayList<>();
        Matcher m = QEMU_EXEC.matcher(qemu.stderrText());
        while (m.find()) {
            qemuExecuted.add(Long.parseLong(m.group(1), 16));
        }
        assertThat(executed).as("executed addresses").hasSize(17).isEqualTo(qemuExecuted);
    }

    /** objdump -d: address to (word, text, symbol+offset). */
    private Map<Long, Disassembled> objdump(Path binary) {
        RunResult r = HostProcess.run(
                List.of(Tools.assumeAvailable("powerpc-linux-gnu-objdump").toString(), "-d", binary.toString()),
                spec(binary));
        assertThat(r.exitStatus()).as(r.stderrText()).isZero();
        Map<Long, Disassembled> map = new TreeMap<>();
        String label = null;
        long labelAddress = 0;
        for (String line : r.stdoutText().lines().toList()) {
            Matcher l = OBJDUMP_LABEL.matcher(line);
            if (l.matches()) {
                label = l.group(2);
                labelAddress = Long.parseLong(l.group(1), 16);
                continue;
            }
            Matcher i = OBJDUMP_INSN.matcher(line);
            if (i.matches()) {
                long address = Long.parseLong(i.group(1), 16);
                long offset = address - labelAddress;
                String where = label == null ? null : offset == 0 ? label : label + "+0x" + Long.toHexString(offset);
                map.put(
                        address,
                        new Disassembled(i.group(2).replace(" ", ""), i.group(3).strip(), where));
            }
        }
        assertThat(map).as("objdump's instructions").isNotEmpty();
        return map;
    }

    // ---- Running -----------------------------------------------------------------------------------

    private static Path build(String file, String... flags) {
        Path source = SOURCES.resolve(file);
        assertThat(source).as("guest source").isRegularFile();
        return TOOLCHAIN.build(source, OptLevel.O2, List.of(flags));
    }

    private RunSpec spec(Path binary, String... args) {
        return RunSpec.of(binary, args).withEnv(GuestCorpus.BASE_ENV).withWorkingDir(work);
    }

    private RunResult ppcvm(Path binary, String... args) {
        return ppcvm(List.of(), binary, args);
    }

    private RunResult ppcvm(List<String> options, Path binary, String... args) {
        return PpcvmRunner.fromThisJvm().withRunOptions(options).run(spec(binary, args));
    }

    /** qemu-ppc through the harness (mffs forms rewritten, fatal signals as a shell reports them). */
    private static QemuUser qemu(String cpu) {
        QemuUser qemu = QemuUser.fromPath();
        return cpu == null ? qemu : qemu.withCpu(cpu);
    }

    /** qemu-ppc itself on the binary as built, without core files. */
    private RunResult rawQemu(List<String> options, Path binary, String... args) {
        List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", "ulimit -c 0; exec \"$@\"", "sh"));
        command.add(Tools.assumeAvailable(QemuUser.QEMU_PPC).toString());
        command.addAll(options);
        command.add(binary.toString());
        command.addAll(List.of(args));
        return HostProcess.run(command, spec(binary, args));
    }

    private static boolean isRoot() {
        try {
            return "root".equals(Files.getOwner(Path.of("/proc/self")).getName());
        } catch (IOException | UnsupportedOperationException e) {
            return false;
        }
    }

    /**
     * ppcvm as user nobody (uid 65534), through {@code setpriv}: the class path is copied where
     * nobody can read it (Maven's repository under /root is not), and the guest with it.
     */
    private RunResult asNobody(Path binary) throws IOException {
        Path setpriv = Tools.assumeAvailable("setpriv");
        Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path copies = Files.createDirectory(work.resolve("classpath"));
        List<String> classPath = new ArrayList<>();
        int n = 0;
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator, -1)) {
            if (entry.isEmpty()) {
                continue;
            }
            Path source = Path.of(entry);
            Path copy = copies.resolve(n + "-" + source.getFileName());
            n++;
            copyTree(source, copy);
            classPath.add(copy.toString());
        }
        Path guest = work.resolve(binary.getFileName());
        Files.copy(binary, guest);
        try (Stream<Path> tree = Files.walk(work)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Files.setPosixFilePermissions(
                        p,
                        PosixFilePermissions.fromString(
                                Files.isDirectory(p) || p.equals(guest) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        Path java = work.resolve("java-as-nobody");
        Files.writeString(
                java,
                "#!/bin/sh\nexec " + setpriv + " --reuid=65534 --regid=65534 --clear-groups "
                        + Path.of(System.getProperty("java.home"), "bin", "java") + " \"$@\"\n",
                StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        return new PpcvmRunner(java, String.join(File.pathSeparator, classPath), List.of("-XX:+UseSerialGC"), List.of())
                .run(spec(guest));
    }

    private static void copyTree(Path source, Path target) throws IOException {
        if (Files.isRegularFile(source)) {
            Files.copy(source, target);
            return;
        }
        if (!Files.isDirectory(source)) {
            return;
        }
        try (Stream<Path> tree = Files.walk(source)) {
            for (Path p : (Iterable<Path>) tree::iterator) {
                Path t = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }

    // ---- Reading the guests' output ----------------------------------------------------------------

    /** One auxiliary vector entry as auxv.c prints it: "aux TYPE VALUE [text]". */
    record AuxEntry(int type, long value, String text) {}

    private static List<AuxEntry> auxv(String stdout) {
        List<AuxEntry> entries = new ArrayList<>();
        for (String line : stdout.lines().toList()) {
            String[] parts = line.split(" ", 4);
            if (parts[0].equals("aux")) {
                entries.add(new AuxEntry(
                        Integer.parseInt(parts[1]), Long.parseLong(parts[2], 16), parts.length > 3 ? parts[3] : ""));
            }
        }
        assertThat(entries).as("auxv lines in:%n%s", stdout).isNotEmpty();
        return entries;
    }

    /** Entries by type; only AT_IGNOREPPC may repeat. */
    private static Map<Integer, AuxEntry> byType(List<AuxEntry> auxv) {
        Map<Integer, AuxEntry> map = new LinkedHashMap<>();
        for (AuxEntry e : auxv) {
            AuxEntry old = map.put(e.type(), e);
            assertThat(old == null || e.type() == AT_IGNOREPPC)
                    .as("AT type %d appears twice", e.type())
                    .isTrue();
        }
        return map;
    }

    private static Map<Integer, Long> getauxval(String stdout) {
        Map<Integer, Long> values = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            String[] parts = line.split(" ", -1);
            if (parts[0].equals("getauxval")) {
                values.put(Integer.parseInt(parts[1]), Long.parseLong(parts[2], 16));
            }
        }
        return values;
    }

    /** "key rest-of-line" lines; the first occurrence of a key wins. */
    private static Map<String, String> fields(String stdout) {
        Map<String, String> map = new LinkedHashMap<>();
        for (String line : stdout.lines().toList()) {
            int space = line.indexOf(' ');
            if (space > 0) {
                map.putIfAbsent(line.substring(0, space), line.substring(space + 1));
            }
        }
        return map;
    }

    private static Map<String, String> withoutKey(Map<String, String> map, String key) {
        Map<String, String> copy = new LinkedHashMap<>(map);
        copy.remove(key);
        return copy;
    }

    private static List<Long> hexWords(String stdout) {
        return stdout.lines().map(HexFormat::fromHexDigitsToLong).toList();
    }

    private static org.assertj.core.groups.Tuple tuple(int type, long value) {
        return org.assertj.core.groups.Tuple.tuple(type, value);
    }

    // ---- The ELF side ------------------------------------------------------------------------------

    /** Where the program headers are in memory (unbiased): PT_PHDR, or the PT_LOAD holding e_phoff. */
    private static long phdrAddress(ElfFile elf) {
        for (ProgramHeader ph : elf.programHeaders()) {
            if (ph.type() == ProgramHeader.PT_PHDR) {
                return Integer.toUnsignedLong(ph.vaddr());
            }
        }
        long phoff = Integer.toUnsignedLong(elf.programHeaderOffset());
        for (ProgramHeader ph : elf.programHeaders()) {
            long offset = Integer.toUnsignedLong(ph.offset());
            if (ph.type() == ProgramHeader.PT_LOAD
                    && phoff >= offset
                    && phoff < offset + Integer.toUnsignedLong(ph.filesz())) {
                return Integer.toUnsignedLong(ph.vaddr()) + phoff - offset;
            }
        }
        throw new AssertionError("the program headers are not loaded");
    }

    private static long lowestLoad(ElfFile elf) {
        return elf.programHeaders().stream()
                .filter(ph -> ph.type() == ProgramHeader.PT_LOAD)
                .mapToLong(ph -> Integer.toUnsignedLong(ph.vaddr()) & ~0xFFFL)
                .min()
                .orElseThrow();
    }

    private static Symbol symbol(ElfFile elf, String name) {
        return elf.symbols().stream()
                .filter(s -> s.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no symbol " + name));
    }
}
