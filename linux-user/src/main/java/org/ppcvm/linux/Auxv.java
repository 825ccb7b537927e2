package org.ppcvm.linux;

/** Auxiliary vector entry types (Linux include/uapi/linux/auxvec.h and powerpc's asm/auxvec.h). */
public final class Auxv {
    private Auxv() {}

    public static final int AT_NULL = 0;
    public static final int AT_PHDR = 3;
    public static final int AT_PHENT = 4;
    public static final int AT_PHNUM = 5;
    public static final int AT_PAGESZ = 6;
    public static final int AT_BASE = 7;
    public static final int AT_FLAGS = 8;
    public static final int AT_ENTRY = 9;
    public static final int AT_UID = 11;
    public static final int AT_EUID = 12;
    public static final int AT_GID = 13;
    public static final int AT_EGID = 14;
    public static final int AT_PLATFORM = 15;
    public static final int AT_HWCAP = 16;
    public static final int AT_CLKTCK = 17;
    public static final int AT_DCACHEBSIZE = 19;
    public static final int AT_ICACHEBSIZE = 20;
    public static final int AT_UCACHEBSIZE = 21;
    public static final int AT_IGNOREPPC = 22;
    public static final int AT_SECURE = 23;
    public static final int AT_BASE_PLATFORM = 24;
    public static final int AT_RANDOM = 25;
    public static final int AT_HWCAP2 = 26;
    public static final int AT_EXECFN = 31;

    /** PPC_FEATURE_32 | PPC_FEATURE_HAS_FPU | PPC_FEATURE_HAS_MMU | PPC_FEATURE_BOOKE: an e500mc. */
    public static final int E500MC_HWCAP = 0x8000_0000 | 0x0800_0000 | 0x0400_0000 | 0x0000_8000;
    /** PPC_FEATURE2_HAS_ISEL. */
    public static final int E500MC_HWCAP2 = 0x0800_0000;

    public static final String E500MC_PLATFORM = "ppce500mc";
}
