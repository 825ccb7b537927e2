package org.ppcvm.isa;

/**
 * Instruction field extractors, named after the Power ISA fields. Bit numbers in comments are the
 * ISA's MSB-0 numbering: bit 0 is the most significant bit of the 32-bit instruction word.
 */
public final class Fields {
    private Fields() {}

    /** Primary opcode, bits 0-5. */
    public static int opcd(int w) {
        return w >>> 26;
    }

    /** Target register RT/RS/FRT/FRS/BO/crbD/TO, bits 6-10. */
    public static int rt(int w) {
        return (w >>> 21) & 31;
    }

    /** Source register RS (same bits as RT). */
    public static int rs(int w) {
        return (w >>> 21) & 31;
    }

    /** RA/FRA/BI/crbA, bits 11-15. */
    public static int ra(int w) {
        return (w >>> 16) & 31;
    }

    /** RB/FRB/crbB/SH, bits 16-20. */
    public static int rb(int w) {
        return (w >>> 11) & 31;
    }

    /** FRC / MB in M-form, bits 21-25. */
    public static int rc(int w) {
        return (w >>> 6) & 31;
    }

    /** ME in M-form, bits 26-30. */
    public static int me(int w) {
        return (w >>> 1) & 31;
    }

    /** MB in M-form, bits 21-25. */
    public static int mb(int w) {
        return (w >>> 6) & 31;
    }

    /** SH in M-form and X-form shifts, bits 16-20. */
    public static int sh(int w) {
        return (w >>> 11) & 31;
    }

    /** Signed 16-bit immediate SI/D, bits 16-31. */
    public static int si(int w) {
        return (short) w;
    }

    /** Unsigned 16-bit immediate UI, bits 16-31. */
    public static int ui(int w) {
        return w & 0xFFFF;
    }

    /** BO, bits 6-10. */
    public static int bo(int w) {
        return (w >>> 21) & 31;
    }

    /** BI, bits 11-15. */
    public static int bi(int w) {
        return (w >>> 16) & 31;
    }

    /** BH, bits 19-20. */
    public static int bh(int w) {
        return (w >>> 11) & 3;
    }

    /** Branch displacement BD||0b00, sign-extended, bits 16-29. */
    public static int bd(int w) {
        return (short) (w & 0xFFFC);
    }

    /** Branch displacement LI||0b00, sign-extended, bits 6-29. */
    public static int li(int w) {
        return (w << 6) >> 6 & ~3;
    }

    /** AA, bit 30. */
    public static boolean aa(int w) {
        return (w & 2) != 0;
    }

    /** LK, bit 31. */
    public static boolean lk(int w) {
        return (w & 1) != 0;
    }

    /** Rc, bit 31. */
    public static boolean rcBit(int w) {
        return (w & 1) != 0;
    }

    /** OE, bit 21. */
    public static boolean oe(int w) {
        return (w & 0x400) != 0;
    }

    /** BF (CR field target), bits 6-8. */
    public static int bf(int w) {
        return (w >>> 23) & 7;
    }

    /** BFA (CR field source), bits 11-13. */
    public static int bfa(int w) {
        return (w >>> 18) & 7;
    }

    /** L in compares, bit 10. */
    public static int l(int w) {
        return (w >>> 21) & 1;
    }

    /** SPR number with its two 5-bit halves swapped back, bits 11-20. */
    public static int spr(int w) {
        return ((w >>> 16) & 31) | (((w >>> 11) & 31) << 5);
    }

    /** TBR number (same encoding as SPR). */
    public static int tbr(int w) {
        return spr(w);
    }

    /** FXM field mask for mtcrf/mtocrf, bits 12-19. */
    public static int fxm(int w) {
        return (w >>> 12) & 0xFF;
    }

    /** FLM field mask for mtfsf, bits 7-14. */
    public static int flm(int w) {
        return (w >>> 17) & 0xFF;
    }

    /** U immediate of mtfsfi, bits 16-19. */
    public static int u(int w) {
        return (w >>> 12) & 0xF;
    }

    /** NB of lswi/stswi, bits 16-20 (0 means 32). */
    public static int nb(int w) {
        return (w >>> 11) & 31;
    }

    /** TO of tw/twi, bits 6-10. */
    public static int to(int w) {
        return (w >>> 21) & 31;
    }

    /** BC of isel, bits 21-25. */
    public static int iselBc(int w) {
        return (w >>> 6) & 31;
    }

    /** LEV of sc, bits 20-26. */
    public static int lev(int w) {
        return (w >>> 5) & 0x7F;
    }

    /** L of sync (0 sync, 1 lwsync, 2 ptesync), bits 9-10. */
    public static int syncL(int w) {
        return (w >>> 21) & 3;
    }

    /** MO of mbar, bits 6-10. */
    public static int mo(int w) {
        return (w >>> 21) & 31;
    }

    /** CT (TH) cache touch hint of dcbt, dcbtst and icbt, bits 6-10. */
    public static int ct(int w) {
        return (w >>> 21) & 31;
    }

    /** E of wrteei, bit 16. */
    public static int e(int w) {
        return (w >>> 15) & 1;
    }

    /** EH exclusive-access hint of lwarx, bit 31. */
    public static int eh(int w) {
        return w & 1;
    }

    /** L of mtfsf, bit 6: set the whole FPSCR from FRB. */
    public static int mtfsfL(int w) {
        return (w >>> 25) & 1;
    }

    /** W of mtfsf and mtfsfi, bit 15: select the upper word of a 64-bit FPSCR. */
    public static int w(int w) {
        return (w >>> 16) & 1;
    }

    /** RM of mffscrni, bits 19-20. */
    public static int rm(int w) {
        return (w >>> 11) & 3;
    }

    /** DRM of mffscdrni, bits 18-20. */
    public static int drm(int w) {
        return (w >>> 11) & 7;
    }

    /** Signed 5-bit immediate SIM of vspltis*, bits 11-15. */
    public static int sim(int w) {
        return (w << 11) >> 27;
    }

    /** SHB of vsldoi, bits 22-25. */
    public static int shb(int w) {
        return (w >>> 6) & 15;
    }

    /** VSX register XT = TX||T: T in bits 6-10, TX in bit 31. */
    public static int xt(int w) {
        return ((w & 1) << 5) | ((w >>> 21) & 31);
    }

    /** VSX register XA = AX||A: A in bits 11-15, AX in bit 29. */
    public static int xa(int w) {
        return ((w >>> 2) & 1) << 5 | ((w >>> 16) & 31);
    }

    /** VSX register XB = BX||B: B in bits 16-20, BX in bit 30. */
    public static int xb(int w) {
        return ((w >>> 1) & 1) << 5 | ((w >>> 11) & 31);
    }

    /** DM of xxpermdi, bits 22-23. */
    public static int dm(int w) {
        return (w >>> 8) & 3;
    }

    /**
     * The mask of rlwinm/rlwnm/rlwimi: ones from bit mb to bit me inclusive (MSB-0), wrapping when
     * mb &gt; me.
     */
    public static int maskMbMe(int mb, int me) {
        int fromMb = -1 >>> mb;
        int toMe = -1 << (31 - me);
        return mb <= me ? fromMb & toMe : fromMb | toMe;
    }
}
