package org.ppcvm.core.fpu;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ppcvm.core.cpu.Cpu;
import org.ppcvm.core.cpu.Esr;
import org.ppcvm.core.cpu.GuestInterrupt;
import org.ppcvm.core.mem.Memory;
import org.ppcvm.core.mem.MemoryFault;
import org.ppcvm.core.mem.Perm;

/** The instruction layer: register fields, CR1, the enabled-exception interrupt, FPSCR moves, loads, stores. */
class FloatingPointTest {
    private static final Memory MEMORY = new Memory();
    private static final int DATA = 0x0002_0000;
    private static final int UNMAPPED = 0x7000_0000;

    private final Cpu cpu = new Cpu(MEMORY);

    @BeforeAll
    static void mapData() {
        MEMORY.map(DATA, Memory.PAGE_SIZE, Perm.RW);
    }

    private static long d(double x) {
        return Double.doubleToRawLongBits(x);
    }

    // ---- CR1 and the enabled-exception interrupt -------------------------------------------------

    @Test
    void onlyRecordingFormsTouchCr1() {
        cpu.cr = 0x1234_5678;
        cpu.fpr[1] = d(1);
        cpu.fpr[2] = d(0x1p-60);
        FloatingPoint.fadd(cpu, Encode.fadd(3, 1, 2)); // fadd f3,f1,f2: inexact
        assertThat(cpu.cr).isEqualTo(0x1234_5678);
        FloatingPoint.fadd(cpu, Encode.record(Encode.fadd(3, 1, 2))); // fadd. f3,f1,f2
        assertThat(cpu.cr).isEqualTo(0x1834_5678); // CR1 = FX FEX VX OX = 1000
        FloatingPoint.fmr(cpu, Encode.record(Encode.fmr(4, 3))); // fmr. copies CR1 from the FPSCR too
        assertThat(cpu.crField(1)).isEqualTo(0b1000);
    }

    @Test
    void anEnabledExceptionIsPendingWhileMsrFeIsZero() {
        cpu.fpscr = Fpscr.VE;
        cpu.fpr[1] = Fpu.INFINITY;
        cpu.fpr[3] = 42;
        FloatingPoint.fsub(cpu, Encode.fsub(3, 1, 1)); // ∞ − ∞
        assertThat(cpu.fpr[3]).isEqualTo(42);
        assertThat(cpu.fpscr & Fpscr.FEX).isEqualTo(Fpscr.FEX);
    }

    @Test
    void anEnabledExceptionInterruptsAfterTheInstructionCompletes() {
        cpu.msr = Cpu.MSR_FE0;
        cpu.fpscr = Fpscr.XE;
        cpu.fpr[1] = d(1);
        cpu.fpr[2] = d(3);
        assertThatThrownBy(() -> FloatingPoint.fdiv(cpu, Encode.fdiv(3, 1, 2)))
                .isInstanceOfSatisfying(
                        GuestInterrupt.class, e -> assertThat(e.esr()).isEqualTo(Esr.FP));
        // Inexact does not suppress the result.
        assertThat(cpu.fpr[3]).isEqualTo(d(1.0 / 3));
        assertThat(cpu.fpscr & (Fpscr.XX | Fpscr.FEX | Fpscr.FX)).isEqualTo(Fpscr.XX | Fpscr.FEX | Fpscr.FX);
        // FEX stays set, so the next FPSCR-updating instruction interrupts too; a move does not.
        FloatingPoint.fmr(cpu, Encode.fmr(4, 3));
        assertThatThrownBy(() -> FloatingPoint.fadd(cpu, Encode.fadd(5, 1, 1))).isInstanceOf(GuestInterrupt.class);
        assertThat(cpu.fpr[5]).isEqualTo(d(2));
    }

    @Test
    void theTargetMayBeASource() {
        cpu.fpr[7] = d(1.5);
        FloatingPoint.fadd(cpu, Encode.fadd(7, 7, 7));
        assertThat(cpu.fpr[7]).isEqualTo(d(3));
        FloatingPoint.fmadd(cpu, Encode.fmadd(7, 7, 7, 7)); // 3 × 3 + 3
        assertThat(cpu.fpr[7]).isEqualTo(d(12));
    }

    @Test
    void compareWritesTheNamedCrField() {
        cpu.fpr[1] = d(-1);
        cpu.fpr[2] = d(1);
        FloatingPoint.fcmpu(cpu, Encode.fcmpu(3, 1, 2));
        assertThat(cpu.cr).isEqualTo(0b1000 << (28 - 12));
        assertThat(cpu.fpscr).isEqualTo(0b1000 << Fpscr.FPRF_SHIFT);
    }

    // ---- FPSCR moves ------------------------------------------------------------------------

    @Test
    void mffsZeroExtendsTheFpscr() {
        cpu.fpscr = 0x8200_4003;
        FloatingPoint.mffs(cpu, Encode.mffs(9));
        assertThat(cpu.fpr[9]).isEqualTo(0x8200_4003L);
        // The ISA 3.0 variants (mffsl: bits 11-15 = 0b11000) run as plain mffs.
        FloatingPoint.mffs(cpu, Encode.mffs(10) | (0b11000 << 16));
        assertThat(cpu.fpr[10]).isEqualTo(0x8200_4003L);
    }

    @Test
    void mtfsfCannotSetFexOrVxAndSetsFxOnlyExplicitly() {
        cpu.fpr[1] = 0xFFFF_FFFFL;
        FloatingPoint.mtfsf(cpu, Encode.mtfsf(0xFF, 1));
        // Everything but the reserved bit 20; FEX and VX are summaries of what was set.
        assertThat(cpu.fpscr).isEqualTo(0xFFFF_F7FF);
        cpu.fpr[1] = Fpscr.FEX | Fpscr.VX | Fpscr.OX;
        FloatingPoint.mtfsf(cpu, Encode.mtfsf(0xFF, 1));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.OX); // no FX either: mtfsf sets it only from FRB
        cpu.fpr[1] = 0;
        FloatingPoint.mtfsf(cpu, Encode.mtfsf(0x01, 1)); // field 7 only: RN and NI, XE
        assertThat(cpu.fpscr).isEqualTo(Fpscr.OX);
    }

    @Test
    void mtfsfWithLSetsAllFieldsAndWithWSetsNone() {
        cpu.fpr[1] = Fpscr.XX | Fpscr.ROUND_UP;
        FloatingPoint.mtfsf(cpu, Encode.mtfsf(0, 1) | 0x0200_0000); // L=1, FLM ignored
        assertThat(cpu.fpscr).isEqualTo(Fpscr.XX | Fpscr.ROUND_UP);
        cpu.fpr[1] = 0;
        FloatingPoint.mtfsf(cpu, Encode.mtfsf(0xFF, 1) | 0x0001_0000); // W=1: FPSCR[0:31], not held
        assertThat(cpu.fpscr).isEqualTo(Fpscr.XX | Fpscr.ROUND_UP);
    }

    @Test
    void mtfsfiOfFieldZeroSetsFxAndOxExplicitly() {
        FloatingPoint.mtfsfi(cpu, Encode.mtfsfi(0, 0b1111));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.OX);
        FloatingPoint.mtfsfi(cpu, Encode.mtfsfi(7, 0b0011));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FX | Fpscr.OX | Fpscr.ROUND_DOWN);
        FloatingPoint.mtfsfi(cpu, Encode.mtfsfi(6, 0b0100)); // OE with OX set: FEX
        assertThat(cpu.fpscr & Fpscr.FEX).isEqualTo(Fpscr.FEX);
    }

    @Test
    void mtfsbCannotTouchFexOrVx() {
        FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(1));
        FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(2));
        assertThat(cpu.fpscr).isZero();
        cpu.fpscr = Fpscr.VXSNAN | Fpscr.VX | Fpscr.VE | Fpscr.FEX;
        FloatingPoint.mtfsb0(cpu, Encode.mtfsb0(2));
        FloatingPoint.mtfsb0(cpu, Encode.mtfsb0(1));
        assertThat(cpu.fpscr).isEqualTo(Fpscr.VXSNAN | Fpscr.VX | Fpscr.VE | Fpscr.FEX);
        FloatingPoint.mtfsb0(cpu, Encode.mtfsb0(7)); // VXSNAN off: VX and FEX follow
        assertThat(cpu.fpscr).isEqualTo(Fpscr.VE);
    }

    @Test
    void enablingAPendingExceptionInterrupts() {
        cpu.msr = Cpu.MSR_FE1;
        cpu.fpscr = Fpscr.ZX;
        assertThatThrownBy(() -> FloatingPoint.mtfsb1(cpu, Encode.mtfsb1(27))) // ZE
                .isInstanceOf(GuestInterrupt.class);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.ZX | Fpscr.ZE | Fpscr.FEX);
    }

    @Test
    void mcrfsCopiesAFieldAndClearsItsExceptionBits() {
        cpu.fpscr = Fpscr.FX | Fpscr.OX | Fpscr.UX | Fpscr.XX | Fpscr.VXSNAN | Fpscr.FI | Fpscr.VX;
        FloatingPoint.mcrfs(cpu, Encode.mcrfs(2, 0)); // FX FEX VX OX
        assertThat(cpu.crField(2)).isEqualTo(0b1011);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.UX | Fpscr.XX | Fpscr.VXSNAN | Fpscr.FI | Fpscr.VX);
        FloatingPoint.mcrfs(cpu, Encode.mcrfs(3, 1)); // UX ZX XX VXSNAN
        assertThat(cpu.crField(3)).isEqualTo(0b1011);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FI); // VX follows VXSNAN
        FloatingPoint.mcrfs(cpu, Encode.mcrfs(4, 3)); // VXVC FR FI C: only VXVC is an exception bit
        assertThat(cpu.crField(4)).isEqualTo(0b0010);
        assertThat(cpu.fpscr).isEqualTo(Fpscr.FI);
    }

    // ---- Loads and stores -------------------------------------------------------------------

    private static int dForm(int primary, int rt, int ra, int disp) {
        return Encode.dForm(primary, rt, ra, disp);
    }

    private static int xForm(int xo, int rt, int ra, int rb) {
        return Encode.xForm(31, rt, ra, rb, xo, false);
    }

    @Test
    void loadsConvertSinglesAndUpdateFormsWriteTheAddress() {
        MEMORY.store32(DATA + 8, 0x0000_0001); // smallest single denormal
        MEMORY.store64(DATA + 16, d(-2.5));
        cpu.gpr[4] = DATA;
        FloatingPoint.lfs(cpu, dForm(48, 1, 4, 8)); // lfs f1,8(r4)
        assertThat(cpu.fpr[1]).isEqualTo(d(0x1p-149));
        FloatingPoint.lfsu(cpu, dForm(49, 2, 4, 8)); // lfsu f2,8(r4)
        assertThat(cpu.fpr[2]).isEqualTo(d(0x1p-149));
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 8);
        cpu.gpr[5] = 8;
        FloatingPoint.lfdx(cpu, xForm(599, 3, 4, 5)); // lfdx f3,r4,r5
        assertThat(cpu.fpr[3]).isEqualTo(d(-2.5));
        FloatingPoint.lfdux(cpu, xForm(631, 6, 4, 5)); // lfdux f6,r4,r5
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 16);
        cpu.gpr[5] = DATA + 8;
        FloatingPoint.lfsx(cpu, xForm(535, 7, 0, 5)); // lfsx f7,0,r5: RA=0 means 0
        assertThat(cpu.fpr[7]).isEqualTo(d(0x1p-149));
        cpu.gpr[4] = DATA;
        FloatingPoint.lfdu(cpu, dForm(51, 8, 4, 16)); // lfdu f8,16(r4)
        assertThat(cpu.fpr[8]).isEqualTo(d(-2.5));
        cpu.gpr[4] = DATA + 4;
        cpu.gpr[5] = 4;
        FloatingPoint.lfsux(cpu, xForm(567, 9, 4, 5)); // lfsux f9,r4,r5
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 8);
        cpu.gpr[4] = DATA;
        FloatingPoint.lfd(cpu, dForm(50, 10, 4, 16));
        assertThat(cpu.fpr[10]).isEqualTo(d(-2.5));
        assertThat(cpu.fpscr).isZero();
    }

    @Test
    void storesConvertWithoutRoundingAndStfiwxStoresTheLowWord() {
        cpu.gpr[4] = DATA;
        cpu.fpr[1] = d(1 + 0x1p-30);
        FloatingPoint.stfs(cpu, dForm(52, 1, 4, 0)); // stfs f1,0(r4): truncated
        assertThat(MEMORY.load32(DATA)).isEqualTo(0x3F80_0000);
        FloatingPoint.stfsu(cpu, dForm(53, 1, 4, 4));
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 4);
        assertThat(MEMORY.load32(DATA + 4)).isEqualTo(0x3F80_0000);
        cpu.fpr[2] = 0x1122_3344_5566_7788L;
        cpu.gpr[5] = 8;
        FloatingPoint.stfdx(cpu, xForm(727, 2, 4, 5)); // stfdx f2,r4,r5
        assertThat(MEMORY.load64(DATA + 12)).isEqualTo(0x1122_3344_5566_7788L);
        FloatingPoint.stfiwx(cpu, xForm(983, 2, 4, 5)); // stfiwx f2,r4,r5
        assertThat(MEMORY.load32(DATA + 12)).isEqualTo(0x5566_7788);
        FloatingPoint.stfdux(cpu, xForm(759, 2, 4, 5));
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 12);
        FloatingPoint.stfsux(cpu, xForm(695, 1, 4, 5));
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 20);
        FloatingPoint.stfdu(cpu, dForm(55, 2, 4, 8));
        assertThat(cpu.gpr[4]).isEqualTo(DATA + 28);
        cpu.gpr[5] = DATA + 40;
        FloatingPoint.stfsx(cpu, xForm(663, 1, 0, 5));
        cpu.gpr[6] = DATA;
        FloatingPoint.stfd(cpu, dForm(54, 2, 6, 48));
        assertThat(MEMORY.load32(DATA + 40)).isEqualTo(0x3F80_0000);
        assertThat(MEMORY.load64(DATA + 48)).isEqualTo(0x1122_3344_5566_7788L);
    }

    @Test
    void aFaultingUpdateFormLeavesRaAlone() {
        cpu.gpr[4] = UNMAPPED;
        assertThatThrownBy(() -> FloatingPoint.lfsu(cpu, dForm(49, 1, 4, 8))).isInstanceOf(MemoryFault.class);
        assertThatThrownBy(() -> FloatingPoint.stfdu(cpu, dForm(55, 1, 4, 8))).isInstanceOf(MemoryFault.class);
        assertThat(cpu.gpr[4]).isEqualTo(UNMAPPED);
    }
}
