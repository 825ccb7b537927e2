package org.ppcvm.core.fpu;

/** Instruction words for the tests (Power ISA encodings: primary opcode 63 double, 59 single). */
final class Encode {
    private Encode() {}

    static final int PRIMARY_DOUBLE = 63;
    static final int PRIMARY_SINGLE = 59;

    /** A-form: FRT, FRA, FRB, FRC, XO (5 bits), Rc. */
    static int aForm(int primary, int frt, int fra, int frb, int frc, int xo, boolean rc) {
        return (primary << 26) | (frt << 21) | (fra << 16) | (frb << 11) | (frc << 6) | (xo << 1) | (rc ? 1 : 0);
    }

    /** X-form: RT, RA, RB, XO (10 bits), Rc. */
    static int xForm(int primary, int rt, int ra, int rb, int xo, boolean rc) {
        return (primary << 26) | (rt << 21) | (ra << 16) | (rb << 11) | (xo << 1) | (rc ? 1 : 0);
    }

    /** D-form: RT, RA, D. */
    static int dForm(int primary, int rt, int ra, int d) {
        return (primary << 26) | (rt << 21) | (ra << 16) | (d & 0xFFFF);
    }

    static int fadd(int t, int a, int b) {
        return aForm(PRIMARY_DOUBLE, t, a, b, 0, 21, false);
    }

    static int fadds(int t, int a, int b) {
        return aForm(PRIMARY_SINGLE, t, a, b, 0, 21, false);
    }

    static int fsub(int t, int a, int b) {
        return aForm(PRIMARY_DOUBLE, t, a, b, 0, 20, false);
    }

    static int fmul(int t, int a, int c) {
        return aForm(PRIMARY_DOUBLE, t, a, 0, c, 25, false);
    }

    static int fmuls(int t, int a, int c) {
        return aForm(PRIMARY_SINGLE, t, a, 0, c, 25, false);
    }

    static int fdiv(int t, int a, int b) {
        return aForm(PRIMARY_DOUBLE, t, a, b, 0, 18, false);
    }

    static int fmadd(int t, int a, int c, int b) {
        return aForm(PRIMARY_DOUBLE, t, a, b, c, 29, false);
    }

    static int fnmadd(int t, int a, int c, int b) {
        return aForm(PRIMARY_DOUBLE, t, a, b, c, 31, false);
    }

    static int fres(int t, int b) {
        return aForm(PRIMARY_SINGLE, t, 0, b, 0, 24, false);
    }

    static int frsp(int t, int b) {
        return xForm(PRIMARY_DOUBLE, t, 0, b, 12, false);
    }

    static int fctiw(int t, int b) {
        return xForm(PRIMARY_DOUBLE, t, 0, b, 14, false);
    }

    static int fcmpu(int bf, int a, int b) {
        return xForm(PRIMARY_DOUBLE, bf << 2, a, b, 0, false);
    }

    static int fcmpo(int bf, int a, int b) {
        return xForm(PRIMARY_DOUBLE, bf << 2, a, b, 32, false);
    }

    static int fmr(int t, int b) {
        return xForm(PRIMARY_DOUBLE, t, 0, b, 72, false);
    }

    static int mffs(int t) {
        return xForm(PRIMARY_DOUBLE, t, 0, 0, 583, false);
    }

    static int mtfsf(int flm, int b) {
        return (PRIMARY_DOUBLE << 26) | (flm << 17) | (b << 11) | (711 << 1);
    }

    static int mtfsfi(int bf, int u) {
        return (PRIMARY_DOUBLE << 26) | (bf << 23) | (u << 12) | (134 << 1);
    }

    static int mtfsb0(int bt) {
        return xForm(PRIMARY_DOUBLE, bt, 0, 0, 70, false);
    }

    static int mtfsb1(int bt) {
        return xForm(PRIMARY_DOUBLE, bt, 0, 0, 38, false);
    }

    static int mcrfs(int bf, int bfa) {
        return xForm(PRIMARY_DOUBLE, bf << 2, bfa << 2, 0, 64, false);
    }

    /** The Rc=1 form of an A- or X-form word. */
    static int record(int w) {
        return w | 1;
    }
}
