/* A few instructions with a loop (three bdnz iterations, the last one falling through) and
   symbols mid-function, for comparing ppcvm's --trace with objdump and with qemu's own record of
   the executed addresses. */
#include <asm/unistd.h>

        .text
        .p2align 2
        .globl  _start
_start:
        li      3, 3
        mtctr   3
        li      4, 0
loop:   addi    4, 4, 1
        rlwinm  5, 4, 2, 0, 29
        bdnz    loop
        cmpwi   cr7, 4, 3
        beq     cr7, done
        li      4, 99
done:   li      0, __NR_exit
        mr      3, 4
        sc
