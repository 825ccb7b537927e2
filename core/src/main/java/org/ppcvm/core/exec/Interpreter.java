package org.ppcvm.core.exec;

import org.ppcvm.core.cpu.Branch;
import org.ppcvm.core.cpu.ConditionRegister;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.GuestInterrupt;
import org.ppcvm.core.cpu.IntegerOps;
import org.ppcvm.core.cpu.InterruptKind;
import org.ppcvm.core.cpu.LoadStore;
import org.ppcvm.core.cpu.SystemRegisters;
import org.ppcvm.core.debug.DebugEvent;
import org.ppcvm.core.debug.GuestDebug;
import org.ppcvm.core.debug.WatchpointHit;
import org.ppcvm.core.fpu.FloatingPoint;
import org.ppcvm.core.mem.AccessKind;
import org.ppcvm.core.mem.MemoryFault;
import org.ppcvm.core.vcpu.VcpuExit;
import org.ppcvm.isa.Decoder;
import org.ppcvm.isa.Fields;
import org.ppcvm.isa.Op;

/**
 * The reference execution engine: fetches pre-decoded instructions from {@link DecodedCode} and
 * dispatches each row of the decode table to its semantics, one method per instruction in the
 * chapter classes ({@link IntegerOps}, {@link LoadStore}, {@link Branch}, {@link
 * ConditionRegister}, {@link SystemRegisters}, {@link FloatingPoint}).
 *
 * <p>An instruction either completes (PC moves to {@link Cpu#nextPc}, the instruction count
 * grows) or raises an interrupt before changing any state, leaving the PC on it.
 */
public final class Interpreter implements ExecutionEngine {
    private final DecodedCode code;
    private final GuestDebug debug;

    public Interpreter(DecodedCode code, GuestDebug debug) {
        this.code = code;
        this.debug = debug;
    }

    @Override
    public VcpuExit execute(Cpu c, long limit) {
        try {
            while (c.instructionCount < limit) {
                int pc = c.pc;
                DecodedCode.Page page = code.page(pc);
                int slot = (pc >>> 2) & 1023;
                byte[] stops = page.stops();
                if (stops != null && stops[slot] != 0 && !debug.breakpointsSuppressed()) {
                    return new VcpuExit.Debug(debug.breakpointEvent(pc, stops[slot]));
                }
                Op op = page.ops()[slot];
                int w = page.words()[slot];
                if (op == Op.ILLEGAL
                        && w == GuestDebug.SOFTWARE_BREAKPOINT_INSTRUCTION
                        && debug.ownsPatchedBreakpoint(pc)) {
                    if (!debug.breakpointsSuppressed()) {
                        return new VcpuExit.Debug(debug.patchedBreakpointEvent(pc));
                    }
                    // Stepping off a breakpoint the debugger wrote: run the word it replaced.
                    w = debug.originalWord(pc);
                    op = Decoder.decodeForExecution(w);
                }
                c.nextPc = pc + 4;
                if (op == Op.SC) {
                    c.pc = c.nextPc;
                    c.instructionCount++;
                    return new VcpuExit.SystemCall(Fields.lev(w));
                }
                execute(c, op, w);
                c.pc = c.nextPc;
                c.instructionCount++;
            }
            return new VcpuExit.Interrupted(VcpuExit.Reason.DEADLINE);
        } catch (MemoryFault f) {
            return storageInterrupt(f);
        } catch (GuestInterrupt i) {
            return new VcpuExit.Exception(i.kind(), i.esr(), i.dear());
        } catch (WatchpointHit hit) {
            DebugEvent e = hit.event();
            return new VcpuExit.Debug(new DebugEvent(
                    e.cause(), e.exception(), c.pc, e.address(), e.accessAddress(), e.accessLength(), e.points()));
        }
    }

    private static VcpuExit storageInterrupt(MemoryFault f) {
        if (f.kind() == AccessKind.FETCH) {
            return new VcpuExit.Exception(InterruptKind.INSTRUCTION_STORAGE, 0, f.address());
        }
        int esr = f.kind() == AccessKind.WRITE ? org.ppcvm.core.cpu.Esr.ST : 0;
        return new VcpuExit.Exception(InterruptKind.DATA_STORAGE, esr, f.address());
    }

    /**
     * The dispatch: every row of the table, by chapter. A plain enum switch (no patterns, which
     * would compile to an invokedynamic classifier) keeps this a table jump; Error Prone's
     * MissingCasesInEnumSwitch, an error in this build, keeps it complete.
     */
    static void execute(Cpu c, Op op, int w) {
        switch (op) {
            case ILLEGAL -> throw GuestInterrupt.illegal();

            // Branch
            case B -> Branch.b(c, w);
            case BC -> Branch.bc(c, w);
            case BCLR -> Branch.bclr(c, w);
            case BCCTR -> Branch.bcctr(c, w);
            case SC -> throw new IllegalStateException("sc is handled by the dispatch loop");

            // Condition Register
            case CRAND -> ConditionRegister.crand(c, w);
            case CRNAND -> ConditionRegister.crnand(c, w);
            case CROR -> ConditionRegister.cror(c, w);
            case CRXOR -> ConditionRegister.crxor(c, w);
            case CRNOR -> ConditionRegister.crnor(c, w);
            case CREQV -> ConditionRegister.creqv(c, w);
            case CRANDC -> ConditionRegister.crandc(c, w);
            case CRORC -> ConditionRegister.crorc(c, w);
            case MCRF -> ConditionRegister.mcrf(c, w);
            case MCRXR -> ConditionRegister.mcrxr(c, w);
            case MFCR, MFOCRF -> ConditionRegister.mfcr(c, w);
            case MTCRF, MTOCRF -> ConditionRegister.mtcrf(c, w);

            // Fixed-point load and store
            case LBZ -> LoadStore.lbz(c, w);
            case LBZU -> LoadStore.lbzu(c, w);
            case LBZX -> LoadStore.lbzx(c, w);
            case LBZUX -> LoadStore.lbzux(c, w);
            case LHZ -> LoadStore.lhz(c, w);
            case LHZU -> LoadStore.lhzu(c, w);
            case LHZX -> LoadStore.lhzx(c, w);
            case LHZUX -> LoadStore.lhzux(c, w);
            case LHA -> LoadStore.lha(c, w);
            case LHAU -> LoadStore.lhau(c, w);
            case LHAX -> LoadStore.lhax(c, w);
            case LHAUX -> LoadStore.lhaux(c, w);
            case LWZ -> LoadStore.lwz(c, w);
            case LWZU -> LoadStore.lwzu(c, w);
            case LWZX -> LoadStore.lwzx(c, w);
            case LWZUX -> LoadStore.lwzux(c, w);
            case STB -> LoadStore.stb(c, w);
            case STBU -> LoadStore.stbu(c, w);
            case STBX -> LoadStore.stbx(c, w);
            case STBUX -> LoadStore.stbux(c, w);
            case STH -> LoadStore.sth(c, w);
            case STHU -> LoadStore.sthu(c, w);
            case STHX -> LoadStore.sthx(c, w);
            case STHUX -> LoadStore.sthux(c, w);
            case STW -> LoadStore.stw(c, w);
            case STWU -> LoadStore.stwu(c, w);
            case STWX -> LoadStore.stwx(c, w);
            case STWUX -> LoadStore.stwux(c, w);
            case LHBRX -> LoadStore.lhbrx(c, w);
            case LWBRX -> LoadStore.lwbrx(c, w);
            case STHBRX -> LoadStore.sthbrx(c, w);
            case STWBRX -> LoadStore.stwbrx(c, w);
            case LMW -> LoadStore.lmw(c, w);
            case STMW -> LoadStore.stmw(c, w);
            case LSWI -> LoadStore.lswi(c, w);
            case LSWX -> LoadStore.lswx(c, w);
            case STSWI -> LoadStore.stswi(c, w);
            case STSWX -> LoadStore.stswx(c, w);
            case LWARX -> LoadStore.lwarx(c, w);
            case STWCX_DOT -> LoadStore.stwcxRc(c, w);

            // Fixed-point arithmetic
            case ADDI -> IntegerOps.addi(c, w);
            case ADDIS -> IntegerOps.addis(c, w);
            case ADD -> IntegerOps.add(c, w);
            case SUBF -> IntegerOps.subf(c, w);
            case ADDIC -> IntegerOps.addic(c, w);
            case ADDIC_DOT -> IntegerOps.addicRc(c, w);
            case SUBFIC -> IntegerOps.subfic(c, w);
            case ADDC -> IntegerOps.addc(c, w);
            case SUBFC -> IntegerOps.subfc(c, w);
            case ADDE -> IntegerOps.adde(c, w);
            case SUBFE -> IntegerOps.subfe(c, w);
            case ADDME -> IntegerOps.addme(c, w);
            case SUBFME -> IntegerOps.subfme(c, w);
            case ADDZE -> IntegerOps.addze(c, w);
            case SUBFZE -> IntegerOps.subfze(c, w);
            case NEG -> IntegerOps.neg(c, w);
            case MULLI -> IntegerOps.mulli(c, w);
            case MULLW -> IntegerOps.mullw(c, w);
            case MULHW -> IntegerOps.mulhw(c, w);
            case MULHWU -> IntegerOps.mulhwu(c, w);
            case DIVW -> IntegerOps.divw(c, w);
            case DIVWU -> IntegerOps.divwu(c, w);

            // Fixed-point compare and trap
            case CMPI -> IntegerOps.cmpi(c, w);
            case CMP -> IntegerOps.cmp(c, w);
            case CMPLI -> IntegerOps.cmpli(c, w);
            case CMPL -> IntegerOps.cmpl(c, w);
            case TWI -> IntegerOps.twi(c, w);
            case TW -> IntegerOps.tw(c, w);
            case ISEL -> IntegerOps.isel(c, w);

            // Fixed-point logical
            case ANDI_DOT -> IntegerOps.andiRc(c, w);
            case ANDIS_DOT -> IntegerOps.andisRc(c, w);
            case ORI -> IntegerOps.ori(c, w);
            case ORIS -> IntegerOps.oris(c, w);
            case XORI -> IntegerOps.xori(c, w);
            case XORIS -> IntegerOps.xoris(c, w);
            case AND -> IntegerOps.and(c, w);
            case OR -> IntegerOps.or(c, w);
            case XOR -> IntegerOps.xor(c, w);
            case NAND -> IntegerOps.nand(c, w);
            case NOR -> IntegerOps.nor(c, w);
            case EQV -> IntegerOps.eqv(c, w);
            case ANDC -> IntegerOps.andc(c, w);
            case ORC -> IntegerOps.orc(c, w);
            case EXTSB -> IntegerOps.extsb(c, w);
            case EXTSH -> IntegerOps.extsh(c, w);
            case CNTLZW -> IntegerOps.cntlzw(c, w);
            case POPCNTB -> IntegerOps.popcntb(c, w);

            // Fixed-point rotate and shift
            case RLWINM -> IntegerOps.rlwinm(c, w);
            case RLWNM -> IntegerOps.rlwnm(c, w);
            case RLWIMI -> IntegerOps.rlwimi(c, w);
            case SLW -> IntegerOps.slw(c, w);
            case SRW -> IntegerOps.srw(c, w);
            case SRAWI -> IntegerOps.srawi(c, w);
            case SRAW -> IntegerOps.sraw(c, w);

            // Special-purpose registers and time base
            case MTSPR -> SystemRegisters.mtspr(c, w);
            case MFSPR -> SystemRegisters.mfspr(c, w);
            case MFTB -> SystemRegisters.mftb(c, w);

            // Floating-point load and store
            case LFS -> FloatingPoint.lfs(c, w);
            case LFSU -> FloatingPoint.lfsu(c, w);
            case LFSX -> FloatingPoint.lfsx(c, w);
            case LFSUX -> FloatingPoint.lfsux(c, w);
            case LFD -> FloatingPoint.lfd(c, w);
            case LFDU -> FloatingPoint.lfdu(c, w);
            case LFDX -> FloatingPoint.lfdx(c, w);
            case LFDUX -> FloatingPoint.lfdux(c, w);
            case STFS -> FloatingPoint.stfs(c, w);
            case STFSU -> FloatingPoint.stfsu(c, w);
            case STFSX -> FloatingPoint.stfsx(c, w);
            case STFSUX -> FloatingPoint.stfsux(c, w);
            case STFD -> FloatingPoint.stfd(c, w);
            case STFDU -> FloatingPoint.stfdu(c, w);
            case STFDX -> FloatingPoint.stfdx(c, w);
            case STFDUX -> FloatingPoint.stfdux(c, w);
            case STFIWX -> FloatingPoint.stfiwx(c, w);

            // Floating-point move, arithmetic, rounding, conversion and compare
            case FMR -> FloatingPoint.fmr(c, w);
            case FNEG -> FloatingPoint.fneg(c, w);
            case FABS -> FloatingPoint.fabs(c, w);
            case FNABS -> FloatingPoint.fnabs(c, w);
            case FADD -> FloatingPoint.fadd(c, w);
            case FADDS -> FloatingPoint.fadds(c, w);
            case FSUB -> FloatingPoint.fsub(c, w);
            case FSUBS -> FloatingPoint.fsubs(c, w);
            case FMUL -> FloatingPoint.fmul(c, w);
            case FMULS -> FloatingPoint.fmuls(c, w);
            case FDIV -> FloatingPoint.fdiv(c, w);
            case FDIVS -> FloatingPoint.fdivs(c, w);
            case FSQRT -> FloatingPoint.fsqrt(c, w);
            case FSQRTS -> FloatingPoint.fsqrts(c, w);
            case FRES -> FloatingPoint.fres(c, w);
            case FRSQRTE -> FloatingPoint.frsqrte(c, w);
            case FSEL -> FloatingPoint.fsel(c, w);
            case FMADD -> FloatingPoint.fmadd(c, w);
            case FMADDS -> FloatingPoint.fmadds(c, w);
            case FMSUB -> FloatingPoint.fmsub(c, w);
            case FMSUBS -> FloatingPoint.fmsubs(c, w);
            case FNMADD -> FloatingPoint.fnmadd(c, w);
            case FNMADDS -> FloatingPoint.fnmadds(c, w);
            case FNMSUB -> FloatingPoint.fnmsub(c, w);
            case FNMSUBS -> FloatingPoint.fnmsubs(c, w);
            case FRSP -> FloatingPoint.frsp(c, w);
            case FCTIW -> FloatingPoint.fctiw(c, w);
            case FCTIWZ -> FloatingPoint.fctiwz(c, w);
            case FCFID -> FloatingPoint.fcfid(c, w);
            case FCTID -> FloatingPoint.fctid(c, w);
            case FCTIDZ -> FloatingPoint.fctidz(c, w);
            case FRIN -> FloatingPoint.frin(c, w);
            case FRIZ -> FloatingPoint.friz(c, w);
            case FRIP -> FloatingPoint.frip(c, w);
            case FRIM -> FloatingPoint.frim(c, w);
            case FCMPU -> FloatingPoint.fcmpu(c, w);
            case FCMPO -> FloatingPoint.fcmpo(c, w);

            // Floating-point status and control
            case MFFS -> FloatingPoint.mffs(c, w);
            case MCRFS -> FloatingPoint.mcrfs(c, w);
            case MTFSFI -> FloatingPoint.mtfsfi(c, w);
            case MTFSF -> FloatingPoint.mtfsf(c, w);
            case MTFSB0 -> FloatingPoint.mtfsb0(c, w);
            case MTFSB1 -> FloatingPoint.mtfsb1(c, w);

            // Storage control: barriers and cache hints have no visible effect in this model,
            // whose memory is coherent and whose decoded code follows every write.
            case ICBI, ICBT, DCBT, DCBTST, DCBST, DCBF, DCBA, ISYNC, SYNC, MBAR -> {}
            case DCBZ -> LoadStore.dcbz(c, w);

            // Supervisor-only instructions: user (problem state) code gets a Program interrupt.
            case MFMSR, MTMSR, WRTEE, WRTEEI, RFI, RFCI, RFMCI, RFDI, DCBI, TLBIVAX, TLBRE, TLBWE, TLBSX, TLBSYNC ->
                throw GuestInterrupt.privileged();

            // Decoded for execution as other rows, or display-only: never dispatched here.
            case MFFSCE,
                    MFFSCDRN,
                    MFFSCDRNI,
                    MFFSCRN,
                    MFFSCRNI,
                    MFFSL,
                    LFIWZX,
                    LVX,
                    STVX,
                    LVSL,
                    LVSR,
                    VPERM,
                    VSLDOI,
                    VSLB,
                    VSPLTISW,
                    LXVD2X,
                    STXVD2X,
                    XXLOR,
                    XXLANDC,
                    XXLXOR,
                    XSCPSGNDP,
                    XXPERMDI,
                    TBEGIN_DOT,
                    TEND_DOT,
                    TABORT_DOT -> throw GuestInterrupt.illegal();
        }
    }
}
