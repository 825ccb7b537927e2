/* Raw system calls from assembly: the initial stack (argc, argv), brk growth, an anonymous
   mmap2/munmap, a failing call (close(-1): positive errno in r3 with CR0[SO] set), getpid,
   reading stdin to EOF and echoing it upper-cased, and exit_group with status 7. Numbers are
   printed by a small decimal routine.
   ppcvm-test: cflags="-nostdlib" opts=O0 args="first second" stdin="echo me, please\nline two\n" exit=7 */
#include <asm/unistd.h>

        .section .rodata
s_argc: .asciz  "argc="
s_arg:  .asciz  "arg: "
s_brk:  .asciz  "brk grew by 65536 and the new memory is usable: "
s_mmap: .asciz  "mmap2 anonymous page zeroed and writable: "
s_unmap:.asciz  "munmap returned "
s_err:  .asciz  "close(-1) errno="
s_so:   .asciz  " cr0.so="
s_pid:  .asciz  "getpid positive: "
s_yes:  .asciz  "yes"
s_no:   .asciz  "no"
s_nl:   .asciz  "\n"
s_echo: .asciz  "stdin bytes="

        .bss
        .align  4
numbuf: .space  16
inbuf:  .space  4096

        .text
/* puts(r3 = NUL-terminated string); clobbers r0, r3-r6 */
puts:
        mr      6, 3
        li      5, 0
1:      lbzx    4, 6, 5
        cmpwi   4, 0
        beq     2f
        addi    5, 5, 1
        b       1b
2:      mr      4, 6
        li      3, 1
        li      0, __NR_write
        sc
        blr

/* putnum(r3 = unsigned value) in decimal; clobbers r0, r3-r9 */
putnum:
        lis     7, numbuf@ha
        addi    7, 7, numbuf@l
        addi    8, 7, 15
        li      9, 0
        stb     9, 0(8)
        li      9, 10
1:      divwu   5, 3, 9
        mullw   6, 5, 9
        subf    6, 6, 3
        addi    6, 6, '0'
        stbu    6, -1(8)
        mr.     3, 5
        bne     1b
        mr      3, 8
        b       puts

/* yesno(r3 = condition): prints "yes\n" or "no\n" */
yesno:
        mflr    10
        cmpwi   3, 0
        lis     3, s_yes@ha
        addi    3, 3, s_yes@l
        bne     1f
        lis     3, s_no@ha
        addi    3, 3, s_no@l
1:      bl      puts
        lis     3, s_nl@ha
        addi    3, 3, s_nl@l
        bl      puts
        mtlr    10
        blr

#define PUTS(label) lis 3, label@ha; addi 3, 3, label@l; bl puts

        .globl  _start
_start:
        mr      31, 1                   /* initial stack: argc, argv[], NULL, envp[] */
        PUTS(s_argc)
        lwz     3, 0(31)
        bl      putnum
        PUTS(s_nl)
        li      30, 1                   /* print argv[1..argc-1] */
3:      lwz     4, 0(31)
        cmpw    30, 4
        bge     4f
        PUTS(s_arg)
        slwi    4, 30, 2
        addi    4, 4, 4
        lwzx    3, 31, 4
        bl      puts
        PUTS(s_nl)
        addi    30, 30, 1
        b       3b
4:
        li      0, __NR_brk             /* brk(0) gives the current break */
        li      3, 0
        sc
        mr      29, 3
        addis   3, 29, 1                /* +65536 */
        li      0, __NR_brk
        sc
        addis   4, 29, 1
        cmpw    3, 4
        li      3, 0
        bne     5f
        li      5, 0x5a
        stb     5, 0(29)
        stb     5, -1(4)
        lbz     6, 0(29)
        lbz     7, -1(4)
        add     6, 6, 7
        cmpwi   6, 0xb4
        bne     5f
        li      3, 1
5:      mr      28, 3
        PUTS(s_brk)
        mr      3, 28
        bl      yesno

        li      0, __NR_mmap2           /* mmap2(0, 8192, RW, PRIVATE|ANON, -1, 0) */
        li      3, 0
        li      4, 8192
        li      5, 3
        li      6, 0x22
        li      7, -1
        li      8, 0
        sc
        mr      27, 3
        li      28, 0
        bso     6f                      /* failed */
        lwz     4, 4096(27)             /* fresh page reads as zero */
        cmpwi   4, 0
        bne     6f
        li      4, 1234
        stw     4, 4100(27)
        lwz     5, 4100(27)
        cmpwi   5, 1234
        bne     6f
        li      28, 1
6:      PUTS(s_mmap)
        mr      3, 28
        bl      yesno
        li      0, __NR_munmap
        mr      3, 27
        li      4, 8192
        sc
        mr      28, 3
        PUTS(s_unmap)
        mr      3, 28
        bl      putnum
        PUTS(s_nl)

        li      0, __NR_close           /* close(-1): fails with EBADF */
        li      3, -1
        sc
        mfcr    26
        mr      25, 3
        PUTS(s_err)
        mr      3, 25
        bl      putnum
        PUTS(s_so)
        rlwinm  3, 26, 4, 31, 31        /* CR0[SO] is bit 3 */
        bl      putnum
        PUTS(s_nl)

        li      0, __NR_getpid
        sc
        mr      25, 3
        PUTS(s_pid)
        li      3, 0
        cmpwi   25, 0
        ble     7f
        li      3, 1
7:      bl      yesno

        li      24, 0                   /* read stdin to EOF, upper-case, echo */
8:      li      0, __NR_read
        li      3, 0
        lis     4, inbuf@ha
        addi    4, 4, inbuf@l
        li      5, 7                    /* small reads: several calls */
        sc
        bso     10f
        cmpwi   3, 0
        beq     10f
        add     24, 24, 3
        mr      5, 3
        mtctr   3
        lis     4, inbuf@ha
        addi    4, 4, inbuf@l
        addi    6, 4, -1
9:      lbzu    7, 1(6)
        cmplwi  7, 'a'
        blt     11f
        cmplwi  7, 'z'
        bgt     11f
        addi    7, 7, -32
        stb     7, 0(6)
11:     bdnz    9b
        li      0, __NR_write
        li      3, 1
        sc
        b       8b
10:     PUTS(s_echo)
        mr      3, 24
        bl      putnum
        PUTS(s_nl)

        li      0, __NR_exit_group
        li      3, 7
        sc
