/* The smallest program: no libc, its own _start, write(1, msg, len) and exit(0) by sc.
   ppcvm-test: cflags="-nostdlib" opts=O0 */
#include <asm/unistd.h>

        .section .rodata
msg:    .ascii  "Hello from _start via sc\n"
        .set    msglen, . - msg

        .text
        .globl  _start
_start:
        li      0, __NR_write
        li      3, 1
        lis     4, msg@ha
        addi    4, 4, msg@l
        li      5, msglen
        sc
        li      0, __NR_exit
        li      3, 0
        sc
