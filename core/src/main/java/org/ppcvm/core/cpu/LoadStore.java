package org.ppcvm.core.cpu;

import static org.ppcvm.isa.Fields.*;

import org.ppcvm.core.mem.AccessKind;
import org.ppcvm.core.mem.Memory;

/**
 * Fixed-point loads and stores (Power ISA Book I 3.3.2 to 3.3.7), the reservation pair
 * lwarx/stwcx. (Book II 4.4.2) and the cache-management instructions with a visible effect
 * (dcbz). Update forms write RA only after the access succeeded, so a fault leaves every register
 * as it was.
 */
public final class LoadStore {
    /** The data-cache block size that the auxiliary vector announces (e500mc: 64 bytes). */
    public static final int CACHE_LINE = 64;

    private LoadStore() {}

    private static int eaD(Cpu c, int w) {
        return IntegerOps.raOrZero(c, w) + si(w);
    }

    private static int eaX(Cpu c, int w) {
        return IntegerOps.raOrZero(c, w) + c.gpr[rb(w)];
    }

    private static int eaDUpdate(Cpu c, int w) {
        return c.gpr[ra(w)] + si(w);
    }

    private static int eaXUpdate(Cpu c, int w) {
        return c.gpr[ra(w)] + c.gpr[rb(w)];
    }

    // ---- Byte ----------------------------------------------------------------------------------

    /** Load Byte and Zero. */
    public static void lbz(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load8(eaD(c, w));
    }

    /** Load Byte and Zero with Update. */
    public static void lbzu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load8(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Byte and Zero Indexed. */
    public static void lbzx(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load8(eaX(c, w));
    }

    /** Load Byte and Zero with Update Indexed. */
    public static void lbzux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load8(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Store Byte. */
    public static void stb(Cpu c, int w) {
        c.memory.store8(eaD(c, w), c.gpr[rs(w)]);
    }

    /** Store Byte with Update. */
    public static void stbu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.memory.store8(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    /** Store Byte Indexed. */
    public static void stbx(Cpu c, int w) {
        c.memory.store8(eaX(c, w), c.gpr[rs(w)]);
    }

    /** Store Byte with Update Indexed. */
    public static void stbux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.memory.store8(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    // ---- Halfword ------------------------------------------------------------------------------

    /** Load Halfword and Zero. */
    public static void lhz(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load16(eaD(c, w));
    }

    /** Load Halfword and Zero with Update. */
    public static void lhzu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load16(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Halfword and Zero Indexed. */
    public static void lhzx(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load16(eaX(c, w));
    }

    /** Load Halfword and Zero with Update Indexed. */
    public static void lhzux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load16(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Halfword Algebraic. */
    public static void lha(Cpu c, int w) {
        c.gpr[rt(w)] = (short) c.memory.load16(eaD(c, w));
    }

    /** Load Halfword Algebraic with Update. */
    public static void lhau(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.gpr[rt(w)] = (short) c.memory.load16(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Halfword Algebraic Indexed. */
    public static void lhax(Cpu c, int w) {
        c.gpr[rt(w)] = (short) c.memory.load16(eaX(c, w));
    }

    /** Load Halfword Algebraic with Update Indexed. */
    public static void lhaux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.gpr[rt(w)] = (short) c.memory.load16(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Store Halfword. */
    public static void sth(Cpu c, int w) {
        c.memory.store16(eaD(c, w), c.gpr[rs(w)]);
    }

    /** Store Halfword with Update. */
    public static void sthu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.memory.store16(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    /** Store Halfword Indexed. */
    public static void sthx(Cpu c, int w) {
        c.memory.store16(eaX(c, w), c.gpr[rs(w)]);
    }

    /** Store Halfword with Update Indexed. */
    public static void sthux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.memory.store16(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    // ---- Word ----------------------------------------------------------------------------------

    /** Load Word and Zero. */
    public static void lwz(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load32(eaD(c, w));
    }

    /** Load Word and Zero with Update. */
    public static void lwzu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load32(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Load Word and Zero Indexed. */
    public static void lwzx(Cpu c, int w) {
        c.gpr[rt(w)] = c.memory.load32(eaX(c, w));
    }

    /** Load Word and Zero with Update Indexed. */
    public static void lwzux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.gpr[rt(w)] = c.memory.load32(ea);
        c.gpr[ra(w)] = ea;
    }

    /** Store Word. */
    public static void stw(Cpu c, int w) {
        c.memory.store32(eaD(c, w), c.gpr[rs(w)]);
    }

    /** Store Word with Update. */
    public static void stwu(Cpu c, int w) {
        int ea = eaDUpdate(c, w);
        c.memory.store32(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    /** Store Word Indexed. */
    public static void stwx(Cpu c, int w) {
        c.memory.store32(eaX(c, w), c.gpr[rs(w)]);
    }

    /** Store Word with Update Indexed. */
    public static void stwux(Cpu c, int w) {
        int ea = eaXUpdate(c, w);
        c.memory.store32(ea, c.gpr[rs(w)]);
        c.gpr[ra(w)] = ea;
    }

    // ---- Byte-reversed -------------------------------------------------------------------------

    /** Load Halfword Byte-Reverse Indexed. */
    public static void lhbrx(Cpu c, int w) {
        c.gpr[rt(w)] = Short.reverseBytes((short) c.memory.load16(eaX(c, w))) & 0xFFFF;
    }

    /** Load Word Byte-Reverse Indexed. */
    public static void lwbrx(Cpu c, int w) {
        c.gpr[rt(w)] = Integer.reverseBytes(c.memory.load32(eaX(c, w)));
    }

    /** Store Halfword Byte-Reverse Indexed. */
    public static void sthbrx(Cpu c, int w) {
        c.memory.store16(eaX(c, w), Short.reverseBytes((short) c.gpr[rs(w)]));
    }

    /** Store Word Byte-Reverse Indexed. */
    public static void stwbrx(Cpu c, int w) {
        c.memory.store32(eaX(c, w), Integer.reverseBytes(c.gpr[rs(w)]));
    }

    // ---- Multiple and string -------------------------------------------------------------------

    /** Load Multiple Word: RT..r31 from consecutive words; the whole range is checked first. */
    public static void lmw(Cpu c, int w) {
        int ea = eaD(c, w);
        int first = rt(w);
        c.memory.checkAccess(ea, 4 * (32 - first), AccessKind.READ);
        for (int r = first; r < 32; r++, ea += 4) {
            c.gpr[r] = c.memory.load32(ea);
        }
    }

    /** Store Multiple Word. */
    public static void stmw(Cpu c, int w) {
        int ea = eaD(c, w);
        int first = rs(w);
        c.memory.checkAccess(ea, 4 * (32 - first), AccessKind.WRITE);
        for (int r = first; r < 32; r++, ea += 4) {
            c.memory.store32(ea, c.gpr[r]);
        }
    }

    /**
     * Loads {@code n} bytes into registers starting at {@code rt}, four per register from the
     * most significant byte, wrapping from r31 to r0; the last register's unused bytes become 0.
     */
    private static void loadString(Cpu c, int ea, int n, int rt) {
        Memory m = c.memory;
        m.checkAccess(ea, n, AccessKind.READ);
        int r = rt - 1;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) {
                r = (r + 1) & 31;
                c.gpr[r] = 0;
            }
            c.gpr[r] |= m.load8(ea + i) << (24 - 8 * (i % 4));
        }
    }

    private static void storeString(Cpu c, int ea, int n, int rs) {
        Memory m = c.memory;
        m.checkAccess(ea, n, AccessKind.WRITE);
        int r = rs - 1;
        for (int i = 0; i < n; i++) {
            if (i % 4 == 0) {
                r = (r + 1) & 31;
            }
            m.store8(ea + i, c.gpr[r] >>> (24 - 8 * (i % 4)));
        }
    }

    private static int immediateCount(int w) {
        return nb(w) == 0 ? 32 : nb(w);
    }

    /** Load String Word Immediate. */
    public static void lswi(Cpu c, int w) {
        loadString(c, IntegerOps.raOrZero(c, w), immediateCount(w), rt(w));
    }

    /** Load String Word Indexed: the byte count is XER[25:31]. */
    public static void lswx(Cpu c, int w) {
        loadString(c, eaX(c, w), c.xer & Cpu.XER_BYTE_COUNT, rt(w));
    }

    /** Store String Word Immediate. */
    public static void stswi(Cpu c, int w) {
        storeString(c, IntegerOps.raOrZero(c, w), immediateCount(w), rs(w));
    }

    /** Store String Word Indexed. */
    public static void stswx(Cpu c, int w) {
        storeString(c, eaX(c, w), c.xer & Cpu.XER_BYTE_COUNT, rs(w));
    }

    // ---- Reservation ---------------------------------------------------------------------------

    /** Load Word and Reserve Indexed; an unaligned address is an Alignment interrupt. */
    public static void lwarx(Cpu c, int w) {
        int ea = eaX(c, w);
        if ((ea & 3) != 0) {
            throw GuestInterrupt.alignment(ea, false);
        }
        c.gpr[rt(w)] = c.memory.load32(ea);
        c.reserved = true;
        c.reservationAddress = ea;
    }

    /**
     * Store Word Conditional Indexed. The store happens only while the reservation made by lwarx
     * at the same address holds; CR0 says whether it did. A failing stwcx. writes nothing.
     */
    public static void stwcxRc(Cpu c, int w) {
        int ea = eaX(c, w);
        if ((ea & 3) != 0) {
            throw GuestInterrupt.alignment(ea, true);
        }
        boolean success = c.reserved && c.reservationAddress == ea;
        if (success) {
            c.memory.store32(ea, c.gpr[rs(w)]);
        }
        c.reserved = false;
        int so = (c.xer & Cpu.XER_SO) != 0 ? 1 : 0;
        c.setCrField(0, (success ? 2 : 0) | so);
    }

    // ---- Cache management ----------------------------------------------------------------------

    /** Data Cache Block set to Zero: zeroes the whole aligned cache line as one write. */
    public static void dcbz(Cpu c, int w) {
        int line = eaX(c, w) & -CACHE_LINE;
        c.memory.checkAccess(line, CACHE_LINE, AccessKind.WRITE);
        for (int i = 0; i < CACHE_LINE; i += 8) {
            c.memory.store64(line + i, 0);
        }
    }
}
