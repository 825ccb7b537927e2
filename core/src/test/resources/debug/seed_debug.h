/*
 * The seed's set-debug argument, as ppcvm implements it (design.md §2.2): the 2010 kvm-ppc
 * proposal "[PATCH 1/4] kvmppc: guest debug definitions" with bp[] grown in review to 128 padded
 * slots ("only 3kb"), plus ppcvm's USE_LENGTH control flag that makes pad1 a watchpoint's length.
 * Big-endian, 3080 bytes. The Java codec is org.ppcvm.core.debug.abi.SeedDebugTable; the oracle
 * test compiles seed_debug.c against this header to check its sizes, offsets and bytes.
 */
#ifndef PPCVM_SEED_DEBUG_H
#define PPCVM_SEED_DEBUG_H

#include <linux/types.h>

/* Control flags: Linux's values. */
#define SEED_GUESTDBG_ENABLE     0x00000001
#define SEED_GUESTDBG_SINGLESTEP 0x00000002
#define SEED_GUESTDBG_USE_SW_BP  0x00010000
#define SEED_GUESTDBG_USE_HW_BP  0x00020000
/* ppcvm, seed layout only: a watchpoint slot's pad1 is its length in bytes. */
#define SEED_GUESTDBG_USE_LENGTH 0x00040000

/* Slot types (the seed's KVMPPC_DEBUG_*); access = WATCH_WRITE | WATCH_READ. */
#define SEED_DEBUG_NOTYPE      0x0
#define SEED_DEBUG_BREAKPOINT  (1UL << 1)
#define SEED_DEBUG_WATCH_WRITE (1UL << 2)
#define SEED_DEBUG_WATCH_READ  (1UL << 3)

struct seed_guest_debug_arch {
	struct {
		__u64 addr;
		__u32 type;
		__u32 pad1; /* zero, or the length with SEED_GUESTDBG_USE_LENGTH */
		__u64 pad2; /* zero */
	} bp[128];
};

struct seed_guest_debug {
	__u32 control;
	__u32 pad;
	struct seed_guest_debug_arch arch;
};

#endif
