/* A static position-independent executable (ET_DYN without PT_INTERP), built with -static-pie.

   Linux loads such a program at a base of its choosing (ELF_ET_DYN_BASE, 0x400000 for 32-bit
   PowerPC, when address randomisation is off) and reports where through AT_PHDR and AT_ENTRY; a
   position-independent program finds itself from those. Debian's powerpc glibc ships no rcrt1.o,
   so this program is its own libc: PC-relative code only, no relocations to apply.

   Output, one hex word a line: main - AT_PHDR, AT_ENTRY - AT_PHDR, AT_PHDR, AT_BASE (0: no
   interpreter), and _start - AT_ENTRY as found PC-relatively (0 when AT_ENTRY is right). */
#include <asm/unistd.h>

        .text
        .p2align 2
        .globl  _start
        .type   _start, @function
_start:
        lwz     3, 0(1)                 /* argc */
        slwi    3, 3, 2
        add     4, 1, 3
        addi    4, 4, 8                 /* envp = sp + 4 + 4 * argc + 4 */
1:      lwz     5, 0(4)
        addi    4, 4, 4
        cmpwi   5, 0
        bne     1b                      /* r4 = auxv */
        li      14, 0                   /* AT_PHDR */
        li      15, 0                   /* AT_ENTRY */
        li      16, -1                  /* AT_BASE */
2:      lwz     5, 0(4)
        lwz     6, 4(4)
        addi    4, 4, 8
        cmpwi   5, 3
        bne     3f
        mr      14, 6
3:      cmpwi   5, 9
        bne     4f
        mr      15, 6
4:      cmpwi   5, 7
        bne     5f
        mr      16, 6
5:      cmpwi   5, 0
        bne     2b
        bcl     20, 31, 6f              /* where am I? */
6:      mflr    17
        addi    18, 17, main - 6b       /* r18 = &main */
        addi    19, 17, _start - 6b     /* r19 = &_start */
        subf    3, 14, 18
        bl      print_hex
        subf    3, 14, 15
        bl      print_hex
        mr      3, 14
        bl      print_hex
        mr      3, 16
        bl      print_hex
        subf    3, 15, 19
        bl      print_hex
        bl      main
        li      0, __NR_exit
        sc
        .size   _start, . - _start

        .globl  main
        .type   main, @function
main:   li      3, 0
        blr
        .size   main, . - main

/* write(1, 8 hex digits of r3 and a newline) */
        .type   print_hex, @function
print_hex:
        stwu    1, -32(1)
        li      8, 8
        mtctr   8
        addi    9, 1, 8
7:      rlwinm  10, 3, 4, 28, 31
        rotlwi  3, 3, 4
        addi    10, 10, '0'
        cmpwi   10, '9'
        ble     8f
        addi    10, 10, 'a' - '9' - 1
8:      stb     10, 0(9)
        addi    9, 9, 1
        bdnz    7b
        li      10, '\n'
        stb     10, 0(9)
        li      0, __NR_write
        li      3, 1
        addi    4, 1, 8
        li      5, 9
        sc
        addi    1, 1, 32
        blr
        .size   print_hex, . - print_hex
