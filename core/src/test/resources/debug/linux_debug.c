/*
 * Oracle for LinuxDebugTable: fills Linux's struct kvm_guest_debug (powerpc asm/kvm.h) through
 * its fields and prints the layout, the constants, each table's occupied slots as C reads them
 * back, and each table's bytes. Run under qemu-ppc: the bytes are the big-endian ABI.
 */
#include <linux/kvm.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#define SLOT_COUNT (sizeof(((struct kvm_guest_debug *)0)->arch.bp) / sizeof(((struct kvm_guest_debug *)0)->arch.bp[0]))
#define SLOT_SIZE sizeof(((struct kvm_guest_debug *)0)->arch.bp[0])
#define SLOT_OFFSET(field) (offsetof(struct kvm_guest_debug, arch.bp[0].field) - offsetof(struct kvm_guest_debug, arch.bp))

static struct kvm_guest_debug t;

static void set(unsigned i, __u64 addr, __u32 type)
{
	t.arch.bp[i].addr = addr;
	t.arch.bp[i].type = type;
}

static void print(const char *name)
{
	const unsigned char *p = (const unsigned char *)&t;
	printf("table %s control 0x%08x\n", name, t.control);
	for (unsigned i = 0; i < SLOT_COUNT; i++)
		if (t.arch.bp[i].type != KVMPPC_DEBUG_NONE)
			printf("slot %s %u addr 0x%016llx type 0x%08x length 0x%08x\n", name, i,
			       (unsigned long long)t.arch.bp[i].addr, t.arch.bp[i].type, 0u);
	printf("bytes %s ", name);
	for (size_t i = 0; i < sizeof t; i++)
		printf("%02x", p[i]);
	printf("\n");
	memset(&t, 0, sizeof t);
}

int main(void)
{
	printf("sizeof table %zu\n", sizeof(struct kvm_guest_debug));
	printf("count slots %zu\n", SLOT_COUNT);
	printf("offsetof control %zu\n", offsetof(struct kvm_guest_debug, control));
	printf("offsetof pad %zu\n", offsetof(struct kvm_guest_debug, pad));
	printf("offsetof bp %zu\n", offsetof(struct kvm_guest_debug, arch.bp));
	printf("sizeof slot %zu\n", SLOT_SIZE);
	printf("offsetof slot.addr %zu\n", SLOT_OFFSET(addr));
	printf("offsetof slot.type %zu\n", SLOT_OFFSET(type));
	printf("offsetof slot.reserved %zu\n", SLOT_OFFSET(reserved));
	printf("const ENABLE 0x%08x\n", (unsigned)KVM_GUESTDBG_ENABLE);
	printf("const SINGLESTEP 0x%08x\n", (unsigned)KVM_GUESTDBG_SINGLESTEP);
	printf("const USE_SW_BP 0x%08x\n", (unsigned)KVM_GUESTDBG_USE_SW_BP);
	printf("const USE_HW_BP 0x%08x\n", (unsigned)KVM_GUESTDBG_USE_HW_BP);
	printf("const NONE 0x%08x\n", (unsigned)KVMPPC_DEBUG_NONE);
	printf("const BREAKPOINT 0x%08x\n", (unsigned)KVMPPC_DEBUG_BREAKPOINT);
	printf("const WATCH_WRITE 0x%08x\n", (unsigned)KVMPPC_DEBUG_WATCH_WRITE);
	printf("const WATCH_READ 0x%08x\n", (unsigned)KVMPPC_DEBUG_WATCH_READ);

	/* Every type, holes between them, addresses at both ends of the 32-bit space. */
	t.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_SINGLESTEP | KVM_GUESTDBG_USE_SW_BP | KVM_GUESTDBG_USE_HW_BP;
	set(0, 0x10000100, KVMPPC_DEBUG_BREAKPOINT);
	set(2, 0x10020002, KVMPPC_DEBUG_WATCH_WRITE);
	set(3, 0xfffffffc, KVMPPC_DEBUG_WATCH_READ);
	set(7, 0x7ffffff1, KVMPPC_DEBUG_WATCH_WRITE | KVMPPC_DEBUG_WATCH_READ);
	set(15, 0xfffffffc, KVMPPC_DEBUG_BREAKPOINT);
	print("mixed");

	/* No hole: the last slot is read too. */
	t.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP;
	for (unsigned i = 0; i < SLOT_COUNT; i++) {
		static const __u32 types[] = {
			KVMPPC_DEBUG_BREAKPOINT, KVMPPC_DEBUG_WATCH_WRITE, KVMPPC_DEBUG_WATCH_READ,
			KVMPPC_DEBUG_WATCH_WRITE | KVMPPC_DEBUG_WATCH_READ,
		};
		set(i, 0x00400000 + 0x100 * i + (i % 4 == 0 ? 0 : i % 4), types[i % 4]);
	}
	print("full");

	/* The same point twice: two slots, one breakpoint; two addresses in one watched word. */
	t.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_HW_BP;
	set(4, 0x10000000, KVMPPC_DEBUG_BREAKPOINT);
	set(9, 0x10000000, KVMPPC_DEBUG_BREAKPOINT);
	set(5, 0x20000000, KVMPPC_DEBUG_WATCH_WRITE);
	set(6, 0x20000003, KVMPPC_DEBUG_WATCH_WRITE);
	print("duplicate");

	/* Software breakpoints only: the table is not read. */
	t.control = KVM_GUESTDBG_ENABLE | KVM_GUESTDBG_USE_SW_BP;
	print("swonly");

	t.control = 0;
	print("off");
	return 0;
}
