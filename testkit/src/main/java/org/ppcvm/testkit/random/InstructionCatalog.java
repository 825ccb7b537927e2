package org.ppcvm.testkit.random;

import java.util.ArrayList;
import java.util.List;

/**
 * Every instruction form the generator must produce: mnemonic plus its OE ({@code o}) and Rc
 * ({@code .}) variants, each spelled as the assembler takes it. The coverage test checks that the
 * fixed seeds produce all of them.
 */
public final class InstructionCatalog {
    private InstructionCatalog() {}

    /** All required forms. */
    public static List<String> requiredForms() {
        List<String> forms = new ArrayList<>();
        List<String> withOeAndRc = new ArrayList<>(IntegerUnits.XO_THREE_OPERAND);
        withOeAndRc.addAll(IntegerUnits.XO_TWO_OPERAND);
        withOeAndRc.addAll(IntegerUnits.DIVIDES);
        for (String m : withOeAndRc) {
            forms.addAll(List.of(m, m + ".", m + "o", m + "o."));
        }
        List<String> withRc = new ArrayList<>(IntegerUnits.MULTIPLY_HIGH);
        withRc.addAll(IntegerUnits.LOGICAL);
        withRc.addAll(IntegerUnits.UNARY);
        withRc.addAll(List.of("rlwinm", "rlwnm", "rlwimi", "slw", "srw", "sraw", "srawi"));
        withRc.addAll(FloatingPointUnits.WITH_RECORD_FORM);
        for (String m : withRc) {
            forms.addAll(List.of(m, m + "."));
        }
        forms.addAll(IntegerUnits.D_FORM_ARITHMETIC);
        forms.addAll(IntegerUnits.LOGICAL_IMMEDIATE);
        forms.add("popcntb");
        forms.addAll(IntegerUnits.COMPARES);
        forms.addAll(RegisterMoveUnits.CR_LOGICAL);
        forms.addAll(List.of("mcrf", "isel", "mcrxr", "mfcr", "mtcrf", "mtocrf", "mfocrf"));
        forms.addAll(List.of("mfxer", "mtxer", "mflr", "mtlr", "mfctr", "mtctr"));
        forms.addAll(LoadStoreUnits.allForms());
        forms.addAll(List.of("bc", "bcl", "bclr", "bclrl", "bcctr", "bcctrl"));
        forms.addAll(FloatingPointUnits.WITHOUT_RECORD_FORM);
        return List.copyOf(forms);
    }

    /**
     * The mnemonic {@code objdump -M raw} prints for a form: the special-register moves are
     * extended mnemonics of {@code mfspr}/{@code mtspr}.
     */
    public static String rawDisassemblyMnemonic(String form) {
        return switch (form) {
            case "mfxer", "mflr", "mfctr" -> "mfspr";
            case "mtxer", "mtlr", "mtctr" -> "mtspr";
            default -> form;
        };
    }
}
