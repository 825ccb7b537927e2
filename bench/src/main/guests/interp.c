/* A branchy interpreter loop: a small register machine with a switch dispatch runs a bytecode
 * program that follows the Collatz path of every start value from 1 to argv[1], counting steps and
 * odd steps and hashing the values, so that the guest's indirect branch (the dispatch) and its
 * conditional branches stay hard to predict. Prints the machine's registers as a checksum.
 *
 * ppcvm-bench: args=75000 quick=3000
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum opcode {
    OP_LOADI, /* r[a] = imm */
    OP_MOV,   /* r[a] = r[b] */
    OP_ADD,   /* r[a] = r[b] + r[c] */
    OP_ADDI,  /* r[a] = r[b] + imm */
    OP_MUL3,  /* r[a] = r[b] * 3 */
    OP_SHR1,  /* r[a] = r[b] >> 1 */
    OP_ANDI,  /* r[a] = r[b] & imm */
    OP_XOR,   /* r[a] = r[b] ^ r[c] */
    OP_ROTL5, /* r[a] = rotate-left(r[b], 5) */
    OP_JZ,    /* if r[a] == 0 goto imm */
    OP_JNE,   /* if r[a] != r[b] goto imm */
    OP_JGT,   /* if r[a] > r[b] goto imm */
    OP_JMP,   /* goto imm */
    OP_HALT,
};

struct insn {
    uint8_t op, a, b, c;
    int32_t imm;
};

#define R_I 0     /* the start value */
#define R_N 1     /* the last start value */
#define R_X 2     /* the current Collatz value */
#define R_ONE 3   /* constant 1 */
#define R_STEPS 4 /* total steps */
#define R_ODD 5   /* total odd steps */
#define R_T 6     /* scratch */
#define R_HASH 7  /* a running hash of the path values */
#define REGISTERS 8

/* Below 159487 no Collatz path leaves 32 bits, so every path ends at 1. */
#define MAX_LIMIT 159486

/* Odd steps are (3x + 1) / 2, counted once. */
static const struct insn code[] = {
    /* 0 */ {OP_LOADI, R_I, 0, 0, 1},
    /* 1 */ {OP_LOADI, R_ONE, 0, 0, 1},
    /* outer: 2 */ {OP_JGT, R_I, R_N, 0, 17},
    /* 3 */ {OP_MOV, R_X, R_I, 0, 0},
    /* inner: 4 */ {OP_JNE, R_X, R_ONE, 0, 7},
    /* 5 */ {OP_ADDI, R_I, R_I, 0, 1},
    /* 6 */ {OP_JMP, 0, 0, 0, 2},
    /* step: 7 */ {OP_ANDI, R_T, R_X, 0, 1},
    /* 8 */ {OP_ADDI, R_STEPS, R_STEPS, 0, 1},
    /* 9 */ {OP_ADD, R_ODD, R_ODD, R_T, 0},
    /* 10 */ {OP_JZ, R_T, 0, 0, 13},
    /* 11 */ {OP_MUL3, R_X, R_X, 0, 0},
    /* 12 */ {OP_ADDI, R_X, R_X, 0, 1},
    /* even: 13 */ {OP_SHR1, R_X, R_X, 0, 0},
    /* 14 */ {OP_ROTL5, R_HASH, R_HASH, 0, 0},
    /* 15 */ {OP_XOR, R_HASH, R_HASH, R_X, 0},
    /* 16 */ {OP_JMP, 0, 0, 0, 4},
    /* 17 */ {OP_HALT, 0, 0, 0, 0},
};

static void run(uint32_t *r) {
    int pc = 0;
    for (;;) {
        const struct insn *in = &code[pc++];
        switch (in->op) {
        case OP_LOADI:
            r[in->a] = (uint32_t)in->imm;
            break;
        case OP_MOV:
            r[in->a] = r[in->b];
            break;
        case OP_ADD:
            r[in->a] = r[in->b] + r[in->c];
            break;
        case OP_ADDI:
            r[in->a] = r[in->b] + (uint32_t)in->imm;
            break;
        case OP_MUL3:
            r[in->a] = r[in->b] * 3u;
            break;
        case OP_SHR1:
            r[in->a] = r[in->b] >> 1;
            break;
        case OP_ANDI:
            r[in->a] = r[in->b] & (uint32_t)in->imm;
            break;
        case OP_XOR:
            r[in->a] = r[in->b] ^ r[in->c];
            break;
        case OP_ROTL5:
            r[in->a] = (r[in->b] << 5) | (r[in->b] >> 27);
            break;
        case OP_JZ:
            if (r[in->a] == 0) {
                pc = in->imm;
            }
            break;
        case OP_JNE:
            if (r[in->a] != r[in->b]) {
                pc = in->imm;
            }
            break;
        case OP_JGT:
            if (r[in->a] > r[in->b]) {
                pc = in->imm;
            }
            break;
        case OP_JMP:
            pc = in->imm;
            break;
        case OP_HALT:
            return;
        default:
            fprintf(stderr, "interp: bad opcode %d at %d\n", in->op, pc - 1);
            exit(1);
        }
    }
}

int main(int argc, char **argv) {
    uint32_t limit = argc > 1 ? (uint32_t)strtoul(argv[1], NULL, 10) : 75000;
    if (limit > MAX_LIMIT) {
        fprintf(stderr, "interp: the limit must be at most %d\n", MAX_LIMIT);
        return 2;
    }
    uint32_t r[REGISTERS] = {0};
    r[R_N] = limit;
    run(r);
    printf("interp: 1..%u, steps=%u odd=%u hash=%08x\n", (unsigned)limit, (unsigned)r[R_STEPS], (unsigned)r[R_ODD],
           (unsigned)r[R_HASH]);
    printf("interp: checksum %08x\n", (unsigned)(r[R_STEPS] * 0x9E3779B1u ^ r[R_ODD] ^ r[R_HASH]));
    return 0;
}
