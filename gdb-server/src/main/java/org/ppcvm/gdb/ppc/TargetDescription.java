package org.ppcvm.gdb.ppc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ppcvm.gdb.protocol.Packets;

/**
 * The XML target description gdb fetches with {@code qXfer:features:read}: {@code target.xml}
 * naming the architecture {@code powerpc:common} and including one file per feature.
 *
 * <p>gdb's PowerPC port recognises the standard features by name and insists on its own
 * register numbering: r0-r31 are 0-31, f0-f31 are 32-63, then pc, msr, cr, lr, ctr, xer (64-69) and
 * fpscr (70, 32 bits wide on a 32-bit target). In user mode the Linux feature adds orig_r3 (71)
 * and trap (72), which gdb uses to cancel a system call restart when it changes the PC, and the
 * OS ABI {@code GNU/Linux}. The classic FPU excludes SPE, so no {@code org.gnu.gdb.power.spe}.
 * Special purpose registers a program may read go in a feature of our own with {@code
 * group="spr"}, numbered after trap in both modes so a number never changes meaning; msr, lr, ctr
 * and xer are not repeated there since the core feature already has them.
 */
public final class TargetDescription {
    /** The document gdb asks for first. */
    public static final String TARGET_ANNEX = "target.xml";

    /** gdb's register number of r0; rN is {@code R0 + N}. */
    public static final int R0 = 0;

    /** gdb's register number of f0; fN is {@code F0 + N}. */
    public static final int F0 = 32;

    public static final int PC = 64;
    public static final int MSR = 65;
    public static final int CR = 66;
    public static final int LR = 67;
    public static final int CTR = 68;
    public static final int XER = 69;
    public static final int FPSCR = 70;
    public static final int ORIG_R3 = 71;
    public static final int TRAP = 72;

    /** The first SPR of the {@code spr} feature. */
    public static final int FIRST_SPR = 73;

    public static final String CORE_FEATURE = "org.gnu.gdb.power.core";
    public static final String FPU_FEATURE = "org.gnu.gdb.power.fpu";
    public static final String LINUX_FEATURE = "org.gnu.gdb.power.linux";
    public static final String SPR_FEATURE = "org.ppcvm.power.spr";

    /** The user-readable e500mc SPRs gdb shows under {@code info registers spr}, in regnum order. */
    private static final List<String> SPR_NAMES = List.of("vrsave", "sprg3", "tbl", "tbu", "pvr");

    private final boolean userMode;
    private final List<Feature> features;
    private final List<Register> registers;
    private final Map<String, String> documents;

    private TargetDescription(boolean userMode) {
        this.userMode = userMode;
        List<Feature> list = new ArrayList<>();
        list.add(core());
        list.add(fpu());
        if (userMode) {
            list.add(linux());
        }
        list.add(spr());
        this.features = List.copyOf(list);
        List<Register> all = new ArrayList<>();
        for (Feature f : features) {
            all.addAll(f.registers());
        }
        all.sort((a, b) -> Integer.compare(a.regnum(), b.regnum()));
        this.registers = List.copyOf(all);
        Map<String, String> docs = new LinkedHashMap<>();
        docs.put(TARGET_ANNEX, targetXml());
        for (Feature f : features) {
            docs.put(f.annex(), featureXml(f));
        }
        this.documents = Collections.unmodifiableMap(docs);
    }

    /** The description for Linux user mode: core, fpu, linux and spr features, OS ABI GNU/Linux. */
    public static TargetDescription userMode() {
        return new TargetDescription(true);
    }

    /** The description for a bare machine: core, fpu and spr features, no OS ABI. */
    public static TargetDescription systemMode() {
        return new TargetDescription(false);
    }

    public boolean isUserMode() {
        return userMode;
    }

    /** The features in the order {@code target.xml} includes them. */
    public List<Feature> features() {
        return features;
    }

    /** Every register of every feature in regnum order, which is the {@code g} packet order. */
    public List<Register> registers() {
        return registers;
    }

    /** The register with this gdb number, if the description has it. */
    public Optional<Register> register(int regnum) {
        for (Register r : registers) {
            if (r.regnum() == regnum) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The annexes gdb may fetch: {@code target.xml} first, then the feature files. */
    public List<String> annexes() {
        return List.copyOf(documents.keySet());
    }

    /** The XML text of an annex, if there is one by that name. */
    public Optional<String> document(String annex) {
        return Optional.ofNullable(documents.get(annex));
    }

    /**
     * The reply to {@code qXfer:features:read:annex:offset,length}: {@code m} and the requested
     * bytes when more follow, {@code l} and the bytes (possibly none) when they reach the end,
     * with the binary escape applied. An unknown annex gets {@code E00}, as gdbserver answers.
     *
     * @throws IllegalArgumentException if offset or length is negative
     */
    public byte[] read(String annex, long offset, long length) {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("negative offset or length: " + offset + "," + length);
        }
        String doc = documents.get(annex);
        if (doc == null) {
            return Packets.error(0).getBytes(StandardCharsets.US_ASCII);
        }
        byte[] bytes = doc.getBytes(StandardCharsets.UTF_8);
        int start = (int) Math.min(offset, bytes.length);
        int end = (int) Math.min(bytes.length, start + Math.min(length, Integer.MAX_VALUE));
        byte[] chunk = Packets.escape(Arrays.copyOfRange(bytes, start, end));
        byte[] reply = new byte[chunk.length + 1];
        reply[0] = (byte) (end < bytes.length ? 'm' : 'l');
        System.arraycopy(chunk, 0, reply, 1, chunk.length);
        return reply;
    }

    // ---- the features --------------------------------------------------------------------------

    private static Feature core() {
        List<Register> regs = new ArrayList<>();
        for (int n = 0; n < 32; n++) {
            regs.add(new Register("r" + n, R0 + n, 32, "uint32", "general"));
        }
        regs.add(new Register("pc", PC, 32, "code_ptr", "general"));
        regs.add(new Register("msr", MSR, 32, "uint32", "general"));
        regs.add(new Register("cr", CR, 32, "uint32", "general"));
        regs.add(new Register("lr", LR, 32, "code_ptr", "general"));
        regs.add(new Register("ctr", CTR, 32, "uint32", "general"));
        regs.add(new Register("xer", XER, 32, "uint32", "general"));
        return new Feature(CORE_FEATURE, "power-core.xml", regs);
    }

    private static Feature fpu() {
        List<Register> regs = new ArrayList<>();
        for (int n = 0; n < 32; n++) {
            regs.add(new Register("f" + n, F0 + n, 64, "ieee_double", "float"));
        }
        regs.add(new Register("fpscr", FPSCR, 32, "int", "float"));
        return new Feature(FPU_FEATURE, "power-fpu.xml", regs);
    }

    private static Feature linux() {
        return new Feature(
                LINUX_FEATURE,
                "power-linux.xml",
                List.of(
                        new Register("orig_r3", ORIG_R3, 32, "int", null),
                        new Register("trap", TRAP, 32, "int", null)));
    }

    private static Feature spr() {
        List<Register> regs = new ArrayList<>();
        for (int i = 0; i < SPR_NAMES.size(); i++) {
            regs.add(new Register(SPR_NAMES.get(i), FIRST_SPR + i, 32, "uint32", "spr"));
        }
        return new Feature(SPR_FEATURE, "power-spr.xml", regs);
    }

    // ---- XML -----------------------------------------------------------------------------------

    private String targetXml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n");
        sb.append("<!DOCTYPE target SYSTEM \"gdb-target.dtd\">\n");
        sb.append("<target version=\"1.0\">\n");
        sb.append("  <architecture>powerpc:common</architecture>\n");
        if (userMode) {
            sb.append("  <osabi>GNU/Linux</osabi>\n");
        }
        for (Feature f : features) {
            sb.append("  <xi:include href=\"").append(f.annex()).append("\"/>\n");
        }
        sb.append("</target>\n");
        return sb.toString();
    }

    private static String featureXml(Feature f) {
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\"?>\n");
        sb.append("<!DOCTYPE feature SYSTEM \"gdb-target.dtd\">\n");
        sb.append("<feature name=\"").append(f.name()).append("\">\n");
        for (Register r : f.registers()) {
            sb.append("  <reg name=\"").append(r.name()).append('"');
            sb.append(" bitsize=\"").append(r.bitsize()).append('"');
            sb.append(" regnum=\"").append(r.regnum()).append('"');
            sb.append(" type=\"").append(r.type()).append('"');
            if (r.group() != null) {
                sb.append(" group=\"").append(r.group()).append('"');
            }
            sb.append("/>\n");
        }
        sb.append("</feature>\n");
        return sb.toString();
    }
}
