// Load-and-reserve / store-conditional: lwarx/stwcx. loops for fetch-and-add, compare-and-swap
// and exchange, CR0 after stwcx. (EQ on success, SO copied from XER), a stwcx. without a
// reservation (fails, stores nothing), a second stwcx. after a successful one (the reservation is
// gone), plus the compiler's __atomic/__sync builtins and C11 <stdatomic.h>, which expand to the
// same loops.
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static uint32_t fetch_add(volatile uint32_t *p, uint32_t v) {
    uint32_t old, tmp;
    __asm__ volatile("1: lwarx %0,0,%2\n\tadd %1,%0,%3\n\tstwcx. %1,0,%2\n\tbne- 1b"
                     : "=&r"(old), "=&r"(tmp)
                     : "r"(p), "r"(v)
                     : "cr0", "memory");
    return old;
}

static int cas(volatile uint32_t *p, uint32_t expected, uint32_t desired) {
    uint32_t old;
    __asm__ volatile("1: lwarx %0,0,%1\n\tcmpw %0,%2\n\tbne- 2f\n\tstwcx. %3,0,%1\n\tbne- 1b\n2:"
                     : "=&r"(old)
                     : "r"(p), "r"(expected), "r"(desired)
                     : "cr0", "memory");
    return old == expected;
}

static uint32_t exchange(volatile uint32_t *p, uint32_t v) {
    uint32_t old;
    __asm__ volatile("1: lwarx %0,0,%1\n\tstwcx. %2,0,%1\n\tbne- 1b" : "=&r"(old) : "r"(p), "r"(v) : "cr0", "memory");
    return old;
}

int main(void) {
    static volatile uint32_t word = 0;
    uint32_t sum = 0;
    for (uint32_t i = 1; i <= 10000; i++) sum += fetch_add(&word, i);
    printf("fetch_add: word=%u sum of olds=%u\n", word, sum);
    printf("cas(expected right)=%d word=%u\n", cas(&word, word, 7), word);
    printf("cas(expected wrong)=%d word=%u\n", cas(&word, 8, 9), word);
    printf("exchange old=%u new=%u\n", exchange(&word, 0xdeadbeef), word);

    /* stwcx. outcomes: with a reservation, then again without one, and with XER[SO] set. */
    uint32_t cr_a, cr_b, cr_c, val;
    word = 1;
    __asm__ volatile("li 0,0\n\tmtxer 0\n\tlwarx %0,0,%3\n\taddi %0,%0,1\n\tstwcx. %0,0,%3\n\tmfcr %1\n\t"
                     "addi %0,%0,100\n\tstwcx. %0,0,%3\n\tmfcr %2"
                     : "=&r"(val), "=&r"(cr_a), "=&r"(cr_b)
                     : "b"(&word)
                     : "r0", "cr0", "xer", "memory");
    printf("stwcx. with reservation cr0=%x, second stwcx. cr0=%x, word=%u\n", cr_a >> 28, cr_b >> 28, word);
    __asm__ volatile("lis 0,0x8000\n\tmtxer 0\n\tlwarx %0,0,%2\n\tstwcx. %0,0,%2\n\tmfcr %1\n\tli 0,0\n\tmtxer 0"
                     : "=&r"(val), "=&r"(cr_c)
                     : "b"(&word)
                     : "r0", "cr0", "xer", "memory");
    printf("stwcx. with XER[SO] set cr0=%x\n", cr_c >> 28);

    /* Compiler builtins and C11 atomics. */
    static uint32_t u = 5;
    static uint8_t byte = 200;
    static uint16_t half = 65000;
    printf("__sync_fetch_and_add=%u __sync_add_and_fetch=%u __sync_val_compare_and_swap=%u\n",
           __sync_fetch_and_add(&u, 10), __sync_add_and_fetch(&u, 1), __sync_val_compare_and_swap(&u, 16, 99));
    printf("__atomic_fetch_or=%u __atomic_fetch_and=%u __atomic_exchange_n=%u final=%u\n",
           __atomic_fetch_or(&u, 0x100, __ATOMIC_SEQ_CST), __atomic_fetch_and(&u, 0xff, __ATOMIC_ACQ_REL),
           __atomic_exchange_n(&u, 3, __ATOMIC_SEQ_CST), u);
    printf("byte fetch_add=%u -> %u, half fetch_sub=%u -> %u\n", __atomic_fetch_add(&byte, 100, __ATOMIC_RELAXED), byte,
           __atomic_fetch_sub(&half, 1000, __ATOMIC_RELAXED), half);
    uint32_t expect = 3;
    int ok = __atomic_compare_exchange_n(&u, &expect, 77, 0, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST);
    printf("compare_exchange ok=%d value=%u always_lock_free(4)=%d\n", ok, u, (int)__atomic_always_lock_free(4, 0));
    atomic_int ai = ATOMIC_VAR_INIT(40);
    atomic_fetch_add(&ai, 2);
    int exp = 42;
    atomic_compare_exchange_strong(&ai, &exp, 100);
    atomic_flag flag = ATOMIC_FLAG_INIT;
    int first = atomic_flag_test_and_set(&flag), second = atomic_flag_test_and_set(&flag);
    atomic_thread_fence(memory_order_seq_cst);
    printf("stdatomic: %d, flag %d then %d\n", atomic_load(&ai), first, second);
    return 0;
}
