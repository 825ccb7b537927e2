/*
 * Oracle for SeedDebugTable: fills the seed's table (seed_debug.h) through its fields and prints
 * the layout, the constants, each table's occupied slots as C reads them back, and each table's
 * bytes. Run under qemu-ppc: the bytes are the big-endian ABI.
 */
#include "seed_debug.h"
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define SLOT_COUNT (sizeof(((struct seed_guest_debug *)0)->arch.bp) / sizeof(((struct seed_guest_debug *)0)->arch.bp[0]))
#define SLOT_SIZE sizeof(((struct seed_guest_debug *)0)->arch.bp[0])
#define SLOT_OFFSET(field) (offsetof(struct seed_guest_debug, arch.bp[0].field) - offsetof(struct seed_guest_debug, arch.bp))

static struct seed_guest_debug t;

static void set(unsigned i, __u64 addr, __u32 type, __u32 length)
{
	t.arch.bp[i].addr = addr;
	t.arch.bp[i].type = type;
	t.arch.bp[i].pad1 = length;
}

static void print(const char *name)
{
	const unsigned char *p = (const unsigned char *)&t;
	printf("table %s control 0x%08x\n", name, t.control);
	for (unsigned i = 0; i < SLOT_COUNT; i++)
		if (t.arch.bp[i].type != SEED_DEBUG_NOTYPE)
			printf("slot %s %u addr 0x%016llx type 0x%08x length 0x%08x\n", name, i,
			       (unsigned long long)t.arch.bp[i].addr, t.arch.bp[i].type, t.arch.bp[i].pad1);
	printf("bytes %s ", name);
	for (size_t i = 0; i < sizeof t; i++)
		printf("%02x", p[i]);
	printf("\n");
	memset(&t, 0, sizeof t);
}

int main(void)
{
	printf("sizeof table %zu\n", sizeof(struct seed_guest_debug));
	printf("count slots %zu\n", SLOT_COUNT);
	printf("offsetof control %zu\n", offsetof(struct seed_guest_debug, control));
	printf("offsetof pad %zu\n", offsetof(struct seed_guest_debug, pad));
	printf("offsetof bp %zu\n", offsetof(struct seed_guest_debug, arch.bp));
	printf("sizeof slot %zu\n", SLOT_SIZE);
	printf("offsetof slot.addr %zu\n", SLOT_OFFSET(addr));
	printf("offsetof slot.type %zu\n", SLOT_OFFSET(type));
	printf("offsetof slot.pad1 %zu\n", SLOT_OFFSET(pad1));
	printf("offsetof slot.pad2 %zu\n", SLOT_OFFSET(pad2));
	printf("const ENABLE 0x%08x\n", (unsigned)SEED_GUESTDBG_ENABLE);
	printf("const SINGLESTEP 0x%08x\n", (unsigned)SEED_GUESTDBG_SINGLESTEP);
	printf("const USE_SW_BP 0x%08x\n", (unsigned)SEED_GUESTDBG_USE_SW_BP);
	printf("const USE_HW_BP 0x%08x\n", (unsigned)SEED_GUESTDBG_USE_HW_BP);
	printf("const USE_LENGTH 0x%08x\n", (unsigned)SEED_GUESTDBG_USE_LENGTH);
	printf("const NONE 0x%08x\n", (unsigned)SEED_DEBUG_NOTYPE);
	printf("const BREAKPOINT 0x%08x\n", (unsigned)SEED_DEBUG_BREAKPOINT);
	printf("const WATCH_WRITE 0x%08x\n", (unsigned)SEED_DEBUG_WATCH_WRITE);
	printf("const WATCH_READ 0x%08x\n", (unsigned)SEED_DEBUG_WATCH_READ);

	/* Without USE_LENGTH a watchpoint is the aligned word around addr; slots far apart. */
	t.control = SEED_GUESTDBG_ENABLE | SEED_GUESTDBG_USE_SW_BP | SEED_GUESTDBG_USE_HW_BP;
	set(0, 0x10000000, SEED_DEBUG_BREAKPOINT, 0);
	set(5, 0x20000003, SEED_DEBUG_WATCH_WRITE, 0);
	set(64, 0x00000000, SEED_DEBUG_WATCH_READ, 0);
	set(127, 0xfffffffd, SEED_DEBUG_WATCH_WRITE | SEED_DEBUG_WATCH_READ, 0);
	print("word");

	/* With USE_LENGTH: odd lengths and addresses, up to the top of memory, the longest length. */
	t.control = SEED_GUESTDBG_ENABLE | SEED_GUESTDBG_SINGLESTEP | SEED_GUESTDBG_USE_HW_BP | SEED_GUESTDBG_USE_LENGTH;
	set(1, 0x20000001, SEED_DEBUG_WATCH_WRITE, 7);
	set(2, 0x10000004, SEED_DEBUG_BREAKPOINT, 0);
	set(64, 0x30000000, SEED_DEBUG_WATCH_READ, 1);
	set(100, 0xfffffff0, SEED_DEBUG_WATCH_WRITE | SEED_DEBUG_WATCH_READ, 16);
	set(127, 0x00000000, SEED_DEBUG_WATCH_READ, 0x7fffffff);
	print("length");

	t.control = SEED_GUESTDBG_ENABLE | SEED_GUESTDBG_SINGLESTEP;
	print("step");
	return 0;
}
