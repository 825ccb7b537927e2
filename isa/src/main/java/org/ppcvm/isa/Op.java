package org.ppcvm.isa;

import static org.ppcvm.isa.Encoding.primary;
import static org.ppcvm.isa.Encoding.x;
import static org.ppcvm.isa.Encoding.xo;
import static org.ppcvm.isa.Flag.*;
import static org.ppcvm.isa.Operand.*;

import java.util.List;

/**
 * The decode table: one row per instruction, shared by the interpreter, the disassembler and the
 * JIT. A row names the base mnemonic (without "o", "." or "l" suffixes, which the word's OE, Rc
 * and LK bits select), its fixed bits, its flags and its operands in assembler order.
 *
 * <p>Rows are grouped by Power ISA chapter. {@link #ILLEGAL} is what {@link Decoder} returns for a
 * word no row matches.
 */
public enum Op {
    /** Not an instruction: any word that no row matches. */
    ILLEGAL("", new Encoding(0, 0), 0),

    // Integer arithmetic (Book I 3.3.9)
    /** Add Immediate. */
    ADDI("addi", primary(14), 0, RT, RA0, SI),
    /** Add. */
    ADD("add", xo(31, 266), OE | RC, RT, RA, RB),

    // Branch (Book I 2.4)
    /** Branch. */
    B("b", primary(18), LK | AA | ENDS_BLOCK, LI),

    // Logical (Book I 3.3.13)
    /** OR. */
    OR("or", x(31, 444), RC, RA, RT, RB),
    ;

    private final String mnemonic;
    private final Encoding encoding;
    private final int flags;
    private final List<Operand> operands;

    Op(String mnemonic, Encoding encoding, int flags, Operand... operands) {
        this.mnemonic = mnemonic;
        this.encoding = encoding;
        this.flags = flags;
        this.operands = List.of(operands);
    }

    public String mnemonic() {
        return mnemonic;
    }

    public Encoding encoding() {
        return encoding;
    }

    public int flags() {
        return flags;
    }

    public boolean has(int flag) {
        return (flags & flag) != 0;
    }

    public List<Operand> operands() {
        return operands;
    }
}
