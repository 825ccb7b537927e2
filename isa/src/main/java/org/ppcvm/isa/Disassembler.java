package org.ppcvm.isa;

import static org.ppcvm.isa.Fields.*;
import static org.ppcvm.isa.Op.*;
import static org.ppcvm.isa.Operand.*;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import java.util.function.IntUnaryOperator;

/**
 * Disassembles instruction words into the text that {@code powerpc-linux-gnu-objdump -d} (binutils
 * 2.40, default dialect) prints in its instruction column, so that traces and debugger listings
 * can be compared with objdump's line for line.
 *
 * <p>The text is built in three steps, all driven by tables:
 *
 * <ol>
 *   <li>{@link Decoder} picks the {@link Op} row; a word no row matches prints as {@code .long},
 *       except the few invalid PowerPC forms objdump prints under their {@link #POWER_NAMES POWER
 *       names}.
 *   <li>The first {@link #SIMPLIFIED simplified-mnemonic rule} of the row whose condition holds
 *       replaces the mnemonic and operands ({@code ori 0,0,0} is {@code nop}, {@code or} with RS =
 *       RB is {@code mr}). Conditional branches are named from their BO and BI fields by {@link
 *       #BRANCH_CONDITIONS}, with objdump's {@code +}/{@code -} prediction hints.
 *   <li>The row's OE, Rc, LK and AA bits add their suffixes, and the operands are printed in
 *       objdump's style: {@code r3}, {@code f1}, {@code cr7}, {@code 4*cr1+eq}, {@code -8(r1)}, and
 *       branch targets as {@code 10000188 <abort+0x8>}. Optional operands are left out when they
 *       are zero and nothing after them needs their position.
 * </ol>
 */
public final class Disassembler {
    private Disassembler() {}

    /**
     * The instruction text of {@code word} at address {@code pc}, naming branch targets through
     * {@code symbols}.
     */
    public static String disassemble(int word, int pc, SymbolLookup symbols) {
        Op op = Decoder.decode(word);
        Text text;
        if (op == ILLEGAL) {
            text = invalid(word);
        } else if (op == BC || op == BCLR || op == BCCTR) {
            text = conditionalBranch(op, word);
        } else {
            text = simplified(op, word);
        }
        return text.render(word, pc, symbols);
    }

    /** The short form for traces: the same text, with branch targets as bare addresses. */
    public static String disassemble(int word, int pc) {
        return disassemble(word, pc, SymbolLookup.NONE);
    }

    // ---------------------------------------------------------------------------------------
    // Operands
    // ---------------------------------------------------------------------------------------

    /** How objdump prints an operand's value. */
    private enum Style {
        GPR,
        /** A GPR where register 0 means the value zero: printed "0". */
        GPR_OR_ZERO,
        FPR,
        VR,
        VSR,
        CR_FIELD,
        /** A CR bit: "lt".."so" in CR0, "4*cr5+eq" elsewhere. */
        CR_BIT,
        NUMBER,
        /** The D(RA|0) of a D-form load or store; the value is D. */
        DISPLACEMENT,
        /** A branch target; the value is the displacement, relative unless AA is set. */
        TARGET,
    }

    /**
     * One printed operand: its value in the word and its style. An optional operand is left out
     * when its value is {@code omittedValue}, if it is last or a required operand follows it.
     */
    private record Arg(IntUnaryOperator value, Style style, boolean optional, int omittedValue) {
        Arg omittedWhenZero() {
            return new Arg(value, style, true, 0);
        }

        Arg omittedWhen(int defaultValue) {
            return new Arg(value, style, true, defaultValue);
        }

        boolean omittable(int word) {
            return optional && value.applyAsInt(word) == omittedValue;
        }
    }

    private static Arg of(IntUnaryOperator value, Style style) {
        return new Arg(value, style, false, 0);
    }

    private static Arg number(IntUnaryOperator value) {
        return of(value, Style.NUMBER);
    }

    /** The printed form of a row operand. */
    private static Arg arg(Operand operand) {
        return switch (operand) {
            case RT, RS -> of(Fields::rt, Style.GPR);
            case RA -> of(Fields::ra, Style.GPR);
            case RA0 -> of(Fields::ra, Style.GPR_OR_ZERO);
            case RB -> of(Fields::rb, Style.GPR);
            case SI -> number(Fields::si);
            case UI -> number(Fields::ui);
            case D_RA -> of(Fields::si, Style.DISPLACEMENT);
            case NB -> number(w -> nb(w) == 0 ? 32 : nb(w));
            case SH -> number(Fields::sh);
            case MB -> number(Fields::mb);
            case ME -> number(Fields::me);
            case TO -> number(Fields::to);
            case LEV -> number(Fields::lev).omittedWhenZero();
            case LI -> of(Fields::li, Style.TARGET);
            case BD -> of(Fields::bd, Style.TARGET);
            case BO -> number(Fields::bo);
            case BI -> of(Fields::bi, Style.CR_BIT);
            case BH -> number(Fields::bh).omittedWhenZero();
            case BF -> of(Fields::bf, Style.CR_FIELD);
            case BFA -> of(Fields::bfa, Style.CR_FIELD);
            case BT -> of(Fields::rt, Style.CR_BIT);
            case BA -> of(Fields::ra, Style.CR_BIT);
            case BB -> of(Fields::rb, Style.CR_BIT);
            case ISEL_BC -> of(Fields::iselBc, Style.CR_BIT);
            case FXM -> number(Fields::fxm);
            case FRT, FRS -> of(Fields::rt, Style.FPR);
            case FRA -> of(Fields::ra, Style.FPR);
            case FRB -> of(Fields::rb, Style.FPR);
            case FRC -> of(Fields::rc, Style.FPR);
            case FLM -> number(Fields::flm);
            case L -> number(Fields::mtfsfL).omittedWhenZero();
            case W -> number(Fields::w).omittedWhenZero();
            case BF_FPSCR -> number(Fields::bf);
            case BT_FPSCR -> number(Fields::rt);
            case U -> number(Fields::u);
            case RM -> number(Fields::rm);
            case DRM -> number(Fields::drm);
            case SPR -> number(Fields::spr);
            case TBR -> number(Fields::tbr);
            case CT -> number(Fields::ct).omittedWhenZero();
            case SYNC_L -> number(Fields::syncL);
            case MO -> number(Fields::mo);
            case E -> number(Fields::e);
            case EH -> number(Fields::eh).omittedWhenZero();
            case VRT, VRS -> of(Fields::rt, Style.VR);
            case VRA -> of(Fields::ra, Style.VR);
            case VRB -> of(Fields::rb, Style.VR);
            case VRC -> of(Fields::rc, Style.VR);
            case SIM -> number(Fields::sim);
            case SHB -> number(Fields::shb);
            case XT -> of(Fields::xt, Style.VSR);
            case XA -> of(Fields::xa, Style.VSR);
            case XB -> of(Fields::xb, Style.VSR);
            case DM -> number(Fields::dm);
            case TM_R -> number(Fields::rt).omittedWhenZero();
            case TM_A -> number(w -> rt(w) >>> 4).omittedWhenZero();
        };
    }

    private static List<Arg> args(Operand... operands) {
        List<Arg> list = new ArrayList<>(operands.length);
        for (Operand operand : operands) {
            list.add(arg(operand));
        }
        return list;
    }

    // ---------------------------------------------------------------------------------------
    // Simplified mnemonics, in objdump's order of preference
    // ---------------------------------------------------------------------------------------

    /** A simplified mnemonic: for a word of {@code op} satisfying {@code when}, print this instead. */
    private record Rule(Op op, IntPredicate when, String mnemonic, List<Arg> args) {}

    private static Rule rule(Op op, IntPredicate when, String mnemonic, Operand... operands) {
        return new Rule(op, when, mnemonic, args(operands));
    }

    private static Rule ruleWith(Op op, IntPredicate when, String mnemonic, Arg... args) {
        return new Rule(op, when, mnemonic, List.of(args));
    }

    /** Names of the CR bits within a field, and of their complements, as branch conditions use them. */
    private static final String[] TRUE_CONDITIONS = {"lt", "gt", "eq", "so"};

    private static final String[] FALSE_CONDITIONS = {"ge", "le", "ne", "ns"};

    /** A trap condition TO with a name: tw{name}, tw{name}i. */
    private record TrapCondition(int to, String name) {}

    private static final List<TrapCondition> TRAP_CONDITIONS = List.of(
            new TrapCondition(16, "lt"),
            new TrapCondition(20, "le"),
            new TrapCondition(4, "eq"),
            new TrapCondition(12, "ge"),
            new TrapCondition(8, "gt"),
            new TrapCondition(24, "ne"),
            new TrapCondition(2, "llt"),
            new TrapCondition(6, "lle"),
            new TrapCondition(5, "lge"),
            new TrapCondition(1, "lgt"),
            new TrapCondition(31, "u"));

    private static final List<Rule> SIMPLIFIED = buildSimplified();

    private static List<Rule> buildSimplified() {
        List<Rule> rules = new ArrayList<>();

        // Fixed-point arithmetic and logical
        rules.add(rule(ADDI, w -> ra(w) == 0, "li", RT, SI));
        rules.add(rule(ADDIS, w -> ra(w) == 0, "lis", RT, SI));
        rules.add(rule(ORI, w -> (w & 0x03FF_FFFF) == 0, "nop"));
        rules.add(rule(XORI, w -> (w & 0x03FF_FFFF) == 0, "xnop"));
        rules.add(rule(OR, w -> rs(w) == rb(w), "mr", RA, RS));
        rules.add(rule(NOR, w -> rs(w) == rb(w), "not", RA, RS));

        // Rotates
        rules.add(rule(RLWINM, w -> mb(w) == 0 && me(w) == 31, "rotlwi", RA, RS, SH));
        rules.add(rule(RLWINM, w -> sh(w) == 0 && me(w) == 31, "clrlwi", RA, RS, MB));
        rules.add(rule(RLWINM, w -> mb(w) == 0 && me(w) == 31 - sh(w), "slwi", RA, RS, SH));
        rules.add(rule(RLWINM, w -> me(w) == 31 && sh(w) == 32 - mb(w), "srwi", RA, RS, MB));
        rules.add(ruleWith(RLWINM, w -> sh(w) == 0 && mb(w) == 0, "clrrwi", arg(RA), arg(RS), number(w -> 31 - me(w))));
        rules.add(rule(RLWNM, w -> mb(w) == 0 && me(w) == 31, "rotlw", RA, RS, RB));

        // Compares: 32-bit forms, CR0 left out
        rules.add(ruleWith(CMPI, w -> true, "cmpwi", arg(BF).omittedWhenZero(), arg(RA), arg(SI)));
        rules.add(ruleWith(CMP, w -> true, "cmpw", arg(BF).omittedWhenZero(), arg(RA), arg(RB)));
        rules.add(ruleWith(CMPLI, w -> true, "cmplwi", arg(BF).omittedWhenZero(), arg(RA), arg(UI)));
        rules.add(ruleWith(CMPL, w -> true, "cmplw", arg(BF).omittedWhenZero(), arg(RA), arg(RB)));

        // Traps
        rules.add(rule(TW, w -> to(w) == 31 && ra(w) == 0 && rb(w) == 0, "trap"));
        for (TrapCondition c : TRAP_CONDITIONS) {
            rules.add(rule(TW, w -> to(w) == c.to(), "tw" + c.name(), RA, RB));
            rules.add(rule(TWI, w -> to(w) == c.to(), "tw" + c.name() + "i", RA, SI));
        }

        // Condition register logical
        rules.add(rule(CRXOR, w -> rt(w) == ra(w) && ra(w) == rb(w), "crclr", BT));
        rules.add(rule(CREQV, w -> rt(w) == ra(w) && ra(w) == rb(w), "crset", BT));
        rules.add(rule(CROR, w -> ra(w) == rb(w), "crmove", BT, BA));
        rules.add(rule(CRNOR, w -> ra(w) == rb(w), "crnot", BT, BA));

        // Integer select on a CR0 bit
        for (int bit = 0; bit < 3; bit++) {
            int bc = bit;
            rules.add(rule(ISEL, w -> iselBc(w) == bc, "isel" + TRUE_CONDITIONS[bit], RT, RA0, RB));
        }

        // Moves to and from system registers
        rules.add(rule(MTCRF, w -> fxm(w) == 0xFF, "mtcr", RS));
        rules.add(rule(MFTB, w -> tbr(w) == 268, "mftb", RT));
        rules.add(rule(MFTB, w -> tbr(w) == 269, "mftbu", RT));
        for (SprNames.SprName s : SprNames.ALL) {
            IntPredicate isThisSpr = w -> spr(w) == s.spr();
            if (s.index() >= 0) {
                Arg index = number(w -> s.index());
                rules.add(ruleWith(MFSPR, isThisSpr, "mf" + s.name(), arg(RT), index));
                rules.add(ruleWith(MTSPR, isThisSpr, "mt" + s.name(), index, arg(RS)));
                continue;
            }
            if (s.access().reads()) {
                rules.add(rule(MFSPR, isThisSpr, "mf" + s.name(), RT));
            }
            if (s.access().writes()) {
                rules.add(rule(MTSPR, isThisSpr, "mt" + s.name(), RS));
            }
        }

        // Storage control and synchronization
        rules.add(rule(SYNC, w -> syncL(w) == 0, "hwsync"));
        rules.add(rule(SYNC, w -> syncL(w) == 1, "lwsync"));
        rules.add(rule(SYNC, w -> syncL(w) == 2, "ptesync"));
        rules.add(rule(MBAR, w -> mo(w) == 0, "eieio"));
        addTouchRules(rules, DCBT, "dcbt", true);
        addTouchRules(rules, DCBTST, "dcbtst", false);

        // Transactional memory and VSX (display only)
        rules.add(rule(TEND_DOT, w -> rt(w) >>> 4 == 1, "tendall."));
        rules.add(rule(XXLOR, w -> xa(w) == xb(w), "xxmr", XT, XA));
        rules.add(ruleWith(XXPERMDI, w -> xa(w) == xb(w) && dm(w) == 0, "xxspltd", arg(XT), arg(XA), number(w -> 0)));
        rules.add(ruleWith(XXPERMDI, w -> xa(w) == xb(w) && dm(w) == 3, "xxspltd", arg(XT), arg(XA), number(w -> 1)));
        rules.add(rule(XXPERMDI, w -> xa(w) == xb(w) && dm(w) == 2, "xxswapd", XT, XA));
        rules.add(rule(XXPERMDI, w -> dm(w) == 0, "xxmrghd", XT, XA, XB));
        rules.add(rule(XXPERMDI, w -> dm(w) == 3, "xxmrgld", XT, XA, XB));
        return List.copyOf(rules);
    }

    /**
     * dcbt and dcbtst print in the server operand order (RA, RB, TH) and are named by their touch
     * hint TH: 0-7 "ct" (cache level), 8-15 "ds" (data stream), 16 "t" (transient), and for dcbt
     * 17 "dcbna" (no allocate).
     */
    private static void addTouchRules(List<Rule> rules, Op op, String name, boolean hasNoAllocate) {
        Arg th = number(Fields::ct);
        rules.add(ruleWith(op, w -> ct(w) < 8, name + "ct", arg(RA0), arg(RB), th.omittedWhenZero()));
        rules.add(ruleWith(op, w -> ct(w) < 16, name + "ds", arg(RA0), arg(RB), th.omittedWhen(8)));
        rules.add(rule(op, w -> ct(w) == 16, name + "t", RA0, RB));
        if (hasNoAllocate) {
            rules.add(rule(op, w -> ct(w) == 17, "dcbna", RA0, RB));
        }
        rules.add(ruleWith(op, w -> true, name, arg(RA0), arg(RB), th));
    }

    private static final Map<Op, List<Rule>> RULES_BY_OP = indexRules();

    private static Map<Op, List<Rule>> indexRules() {
        Map<Op, List<Rule>> byOp = new EnumMap<>(Op.class);
        for (Rule rule : SIMPLIFIED) {
            byOp.computeIfAbsent(rule.op(), op -> new ArrayList<>()).add(rule);
        }
        return byOp;
    }

    /** The row's text, or that of its first simplified mnemonic whose condition holds. */
    private static Text simplified(Op op, int word) {
        String suffix = (op.has(Flag.OE) && oe(word) ? "o" : "")
                + (op.has(Flag.RC) && rcBit(word) ? "." : "")
                + (op.has(Flag.LK) && lk(word) ? "l" : "")
                + (op.has(Flag.AA) && aa(word) ? "a" : "");
        for (Rule rule : RULES_BY_OP.getOrDefault(op, List.of())) {
            if (rule.when().test(word)) {
                return new Text(rule.mnemonic() + suffix, rule.args());
            }
        }
        return new Text(op.mnemonic() + suffix, args(op.operands().toArray(Operand[]::new)));
    }

    // ---------------------------------------------------------------------------------------
    // Conditional branches
    // ---------------------------------------------------------------------------------------

    /** What a branch mnemonic says about BI. */
    private enum Condition {
        /** BI is printed as a CR bit: bdnzf lt,target. */
        BIT,
        /** BI's field is printed, its bit is in the name: bne cr1,target. */
        TRUE_BIT_NAMED,
        FALSE_BIT_NAMED,
        /** BI must be 0 and is not printed: bdnz target. */
        NONE,
    }

    /**
     * A family of BO values (those with {@code (bo & boMask) == boValue}, the others being hint
     * bits) with its extended mnemonic. {@code decrementsCtr} families do not apply to bcctr, and
     * {@code always} (branch unconditionally) does not apply to bc, which objdump keeps as raw bc.
     */
    private record BranchCondition(
            int boMask, int boValue, String name, Condition condition, boolean decrementsCtr, boolean always) {}

    private static final List<BranchCondition> BRANCH_CONDITIONS = List.of(
            new BranchCondition(0b11110, 0b00000, "bdnzf", Condition.BIT, true, false),
            new BranchCondition(0b11110, 0b00010, "bdzf", Condition.BIT, true, false),
            new BranchCondition(0b11100, 0b00100, "b", Condition.FALSE_BIT_NAMED, false, false),
            new BranchCondition(0b11110, 0b01000, "bdnzt", Condition.BIT, true, false),
            new BranchCondition(0b11110, 0b01010, "bdzt", Condition.BIT, true, false),
            new BranchCondition(0b11100, 0b01100, "b", Condition.TRUE_BIT_NAMED, false, false),
            new BranchCondition(0b10110, 0b10000, "bdnz", Condition.NONE, true, false),
            new BranchCondition(0b10110, 0b10010, "bdz", Condition.NONE, true, false),
            new BranchCondition(0b11111, 0b10100, "b", Condition.NONE, false, true));

    /** BO values whose "at" bits predict not taken (-) or taken (+). */
    private static final int PREDICT_NOT_TAKEN = 1 << 6 | 1 << 14 | 1 << 24 | 1 << 26;

    private static final int PREDICT_TAKEN = 1 << 7 | 1 << 15 | 1 << 25 | 1 << 27;

    /**
     * BO values whose low bit objdump reads as the pre-2.03 "y" bit (predict taken) on bclr and
     * bcctr only; on bc it depends on the displacement's sign and objdump shows no hint.
     */
    private static final int Y_BIT_SET = 1 << 1 | 1 << 3 | 1 << 5 | 1 << 9 | 1 << 11 | 1 << 13 | 1 << 17 | 1 << 19;

    private static String hint(Op op, int bo) {
        if ((PREDICT_NOT_TAKEN & 1 << bo) != 0) {
            return "-";
        }
        if ((PREDICT_TAKEN & 1 << bo) != 0 || (op != BC && (Y_BIT_SET & 1 << bo) != 0)) {
            return "+";
        }
        return "";
    }

    private static Text conditionalBranch(Op op, int word) {
        int bo = bo(word);
        int bi = bi(word);
        String target = op == BCLR ? "lr" : op == BCCTR ? "ctr" : "";
        String suffix = (lk(word) ? "l" : "") + (op == BC && aa(word) ? "a" : "") + hint(op, bo);
        Arg last = op == BC ? arg(BD) : arg(BH);
        for (BranchCondition c : BRANCH_CONDITIONS) {
            if ((bo & c.boMask()) != c.boValue()
                    || (c.decrementsCtr() && op == BCCTR)
                    || (c.always() && op == BC)
                    || ((c.condition() == Condition.NONE) && bi != 0)) {
                continue;
            }
            List<Arg> args = new ArrayList<>();
            String name = c.name();
            switch (c.condition()) {
                case BIT -> args.add(arg(BI));
                case TRUE_BIT_NAMED -> {
                    name += TRUE_CONDITIONS[bi & 3];
                    args.add(of(w -> bi(w) >>> 2, Style.CR_FIELD).omittedWhenZero());
                }
                case FALSE_BIT_NAMED -> {
                    name += FALSE_CONDITIONS[bi & 3];
                    args.add(of(w -> bi(w) >>> 2, Style.CR_FIELD).omittedWhenZero());
                }
                case NONE -> {}
            }
            args.add(last);
            return new Text(name + target + suffix, args);
        }
        return new Text(op.mnemonic() + suffix, List.of(arg(BO), arg(BI), last));
    }

    // ---------------------------------------------------------------------------------------
    // Invalid forms
    // ---------------------------------------------------------------------------------------

    /** A POWER architecture mnemonic for a PowerPC row, with its operands as objdump prints them. */
    private record PowerName(Op op, String mnemonic, List<Operand> operands) {}

    /**
     * objdump falls back to the POWER architecture's mnemonics for a few invalid PowerPC forms (an
     * update with RA = 0 or RA = RT, lmw over its base, a string load into its base).
     */
    private static final List<PowerName> POWER_NAMES = List.of(
            new PowerName(LWZU, "lu", List.of(RT, D_RA)),
            new PowerName(LWZUX, "lux", List.of(RT, RA, RB)),
            new PowerName(STWU, "stu", List.of(RS, D_RA)),
            new PowerName(STWUX, "stux", List.of(RS, RA0, RB)),
            new PowerName(LMW, "lm", List.of(RT, D_RA)),
            new PowerName(LSWI, "lsi", List.of(RT, RA0, NB)),
            new PowerName(LSWX, "lsx", List.of(RT, RA, RB)));

    private static Text invalid(int word) {
        for (PowerName power : POWER_NAMES) {
            if (power.op().encoding().matches(word)) {
                return new Text(power.mnemonic(), args(power.operands().toArray(Operand[]::new)));
            }
        }
        return new Text(String.format(".long 0x%x", word), List.of());
    }

    // ---------------------------------------------------------------------------------------
    // Rendering
    // ---------------------------------------------------------------------------------------

    /** A mnemonic with all its suffixes, and its operands before optional ones are left out. */
    private record Text(String mnemonic, List<Arg> args) {
        String render(int word, int pc, SymbolLookup symbols) {
            int count = args.size();
            while (count > 0 && args.get(count - 1).omittable(word)) {
                count--;
            }
            List<String> printed = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Arg arg = args.get(i);
                boolean requiredFollows = i + 1 < count && !args.get(i + 1).optional();
                if (arg.omittable(word) && requiredFollows) {
                    continue;
                }
                printed.add(format(arg, word, pc, symbols));
            }
            if (printed.isEmpty()) {
                return mnemonic;
            }
            return String.format("%-7s %s", mnemonic, String.join(",", printed));
        }
    }

    private static String format(Arg arg, int word, int pc, SymbolLookup symbols) {
        int value = arg.value().applyAsInt(word);
        return switch (arg.style()) {
            case GPR -> "r" + value;
            case GPR_OR_ZERO -> value == 0 ? "0" : "r" + value;
            case FPR -> "f" + value;
            case VR -> "v" + value;
            case VSR -> "vs" + value;
            case CR_FIELD -> "cr" + value;
            case CR_BIT -> crBit(value);
            case NUMBER -> Integer.toString(value);
            case DISPLACEMENT -> value + "(" + (ra(word) == 0 ? "0" : "r" + ra(word)) + ")";
            case TARGET -> target(aa(word) ? value : pc + value, symbols);
        };
    }

    private static String crBit(int bit) {
        String name = TRUE_CONDITIONS[bit & 3];
        return bit < 4 ? name : "4*cr" + (bit >>> 2) + "+" + name;
    }

    private static String target(int address, SymbolLookup symbols) {
        String hex = Integer.toHexString(address);
        return symbols.describe(address).map(name -> hex + " <" + name + ">").orElse("0x" + hex);
    }
}
