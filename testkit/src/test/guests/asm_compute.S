/* Pure computation in assembly, no libc: a sieve of Eratosthenes over 100000 numbers with
   byte stores and CTR loops (bdnz), 64-bit Fibonacci with addc/adde, a call through a table of
   function pointers with bctrl, a checksum with rotates, and a result returned as exit status 3
   after printing the numbers in hex.
   ppcvm-test: cflags="-nostdlib" opts=O0 exit=3 */
#include <asm/unistd.h>

        .bss
        .align  4
sieve:  .space  100000
hexbuf: .space  12

        .section .rodata
        .align  2
table:  .long   op_add, op_xor, op_rot
hexdig: .ascii  "0123456789abcdef"

        .text
/* puthex(r3): prints r3 as 8 hex digits and a newline. Clobbers r0, r3-r9. */
puthex:
        lis     4, hexbuf@ha
        addi    4, 4, hexbuf@l
        lis     5, hexdig@ha
        addi    5, 5, hexdig@l
        li      6, 8
        mtctr   6
        mr      7, 4
1:      rlwinm  3, 3, 4, 0, 31          /* rotate the next nibble into the low bits */
        rlwinm  8, 3, 0, 28, 31
        lbzx    9, 5, 8
        stb     9, 0(7)
        addi    7, 7, 1
        bdnz    1b
        li      9, '\n'
        stb     9, 0(7)
        li      0, __NR_write
        li      3, 1
        li      5, 9
        sc
        blr

op_add: add     3, 3, 4
        blr
op_xor: xor     3, 3, 4
        blr
op_rot: rotlw   3, 3, 4
        blr

        .globl  _start
_start:
        /* Sieve: sieve[i] = 1 for composites. */
        lis     20, sieve@ha
        addi    20, 20, sieve@l
        li      21, 2                   /* i */
        lis     22, 100000@ha
        addi    22, 22, 100000@l        /* N */
1:      mullw   23, 21, 21
        cmpw    23, 22
        bge     3f
        lbzx    24, 20, 21
        cmpwi   24, 0
        bne     2f
        li      25, 1
4:      stbx    25, 20, 23              /* mark i*i, i*i+i, ... */
        add     23, 23, 21
        cmpw    23, 22
        blt     4b
2:      addi    21, 21, 1
        b       1b
3:      li      26, 0                   /* count primes in [2, N) with a CTR loop */
        addi    6, 22, -2
        mtctr   6
        addi    7, 20, 1
5:      lbzu    8, 1(7)
        cmpwi   8, 0
        bne     6f
        addi    26, 26, 1
6:      bdnz    5b
        mr      3, 26
        bl      puthex                  /* 9592 primes = 0x2578 */

        /* Fibonacci(90) in 64 bits: (hi:lo) pairs with addc/adde. */
        li      10, 0                   /* a = 0 */
        li      11, 0
        li      12, 0                   /* b = 1 */
        li      13, 1
        li      6, 90
        mtctr   6
7:      addc    15, 11, 13              /* t = a + b */
        adde    14, 10, 12
        mr      10, 12
        mr      11, 13
        mr      12, 14
        mr      13, 15
        bdnz    7b
        mr      27, 11
        mr      3, 10
        bl      puthex                  /* fib(90) = 0x27f80dda_a1ba7878: high word */
        mr      3, 27
        bl      puthex

        /* Indirect calls through a table. */
        lis     28, table@ha
        addi    28, 28, table@l
        lis     29, 0x1234
        ori     29, 29, 0x5678
        li      30, 0
8:      cmpwi   30, 300
        bge     9f
        rlwinm  5, 30, 0, 30, 31        /* index = i & 3, with 3 folded to 0 (3 entries) */
        cmpwi   5, 3
        bne     10f
        li      5, 0
10:     slwi    5, 5, 2
        lwzx    6, 28, 5
        mtctr   6
        mr      3, 29
        addi    4, 30, 7
        bctrl
        mr      29, 3
        addi    30, 30, 1
        b       8b
9:      mr      3, 29
        bl      puthex

        li      0, __NR_exit
        li      3, 3
        sc
