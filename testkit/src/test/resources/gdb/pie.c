/*
 * A static position-independent executable for the gdb tests (built -static-pie -nostdlib).
 * Debian's powerpc glibc ships no rcrt1.o, so this program has its own _start and touches no
 * global data: calls are PC-relative and there are no relocations to apply, wherever it loads.
 * A debugger finds where it loaded from the auxiliary vector (AT_ENTRY).
 *
 * main(argc) returns pie_outer(argc) = 2 * pie_leaf(argc + 1) = 2 * ((argc + 1)^2 + 1): with no
 * arguments (argc 1) the exit status is 10.
 */
__asm__(".text\n"
        ".p2align 2\n"
        ".globl _start\n"
        ".type _start, @function\n"
        "_start:\n"
        "    lwz 3, 0(1)\n"      /* argc */
        "    addi 4, 1, 4\n"     /* argv */
        "    clrrwi 1, 1, 4\n"   /* a 16-byte aligned stack */
        "    li 0, 0\n"
        "    stwu 0, -16(1)\n"   /* and a null back chain, where gdb's backtrace ends */
        "    bl main\n"
        "    li 0, 1\n"          /* exit(main's value) */
        "    sc\n"
        ".size _start, . - _start\n");

__attribute__((noinline)) static int pie_leaf(int n) {
    int squared = n * n; /* @pie_leaf_body */
    return squared + 1;
}

__attribute__((noinline)) static int pie_outer(int n) {
    int from_leaf = pie_leaf(n + 1); /* @pie_outer_call */
    return 2 * from_leaf;
}

int main(int argc, char **argv) {
    (void)argv;
    int result = pie_outer(argc); /* @pie_main_call */
    return result;
}
