package org.ppcvm.testkit.random;

import java.util.Objects;

/**
 * One line (or a short run of lines) of a block's body.
 *
 * @param role why the line is there
 * @param ppcvmText the text in ppcvm's copy (empty: absent from it)
 * @param qemuText the text in qemu's copy (empty: absent from it); may span several lines
 * @param form for {@link Role#TESTED} lines, the instruction form under test (e.g. {@code addo.}),
 *     otherwise empty
 */
public record AsmLine(Role role, String ppcvmText, String qemuText, String form) {

    /** Why a line is in a block. */
    public enum Role {
        /** Prepares operands or addresses for the next instruction under test. */
        SETUP,
        /** A random instruction under test. */
        TESTED,
        /** Makes an architecturally undefined result defined again, in both copies. */
        FIXUP,
        /** A branch target. */
        LABEL,
        /** Present in qemu's copy only (see {@link QemuDeviation}). */
        QEMU_CORRECTION
    }

    public AsmLine {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(ppcvmText, "ppcvmText");
        Objects.requireNonNull(qemuText, "qemuText");
        Objects.requireNonNull(form, "form");
    }

    /** The text of this line in {@code variant}'s copy (possibly empty). */
    public String text(SourceVariant variant) {
        return variant == SourceVariant.PPCVM ? ppcvmText : qemuText;
    }
}
