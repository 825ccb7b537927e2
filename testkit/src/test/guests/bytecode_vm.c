// A small stack-machine interpreter (the shape of many real guests: a dispatch loop over a switch
// with a jump table, an operand stack, calls and locals) running three benchmark programs written
// in its bytecode: recursive Fibonacci, a prime sieve in VM memory, and a nested-loop checksum.
// ppcvm-test: args="24"
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum op { PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVU, MOD, AND, XOR, SHL, SHR, LT, EQ, NOT, JMP, JZ, CALL, RET,
          LOAD, STORE, GETL, SETL, PRINT, HALT };
static const char *const NAMES[] = {"push", "pop", "dup", "swap", "over", "add", "sub", "mul", "divu", "mod", "and",
                                    "xor", "shl", "shr", "lt", "eq", "not", "jmp", "jz", "call", "ret", "load",
                                    "store", "getl", "setl", "print", "halt"};

typedef struct { int32_t code[512]; int n; } program;
static void emit(program *p, int32_t v) { p->code[p->n++] = v; }

struct frame { int ret, base; };
static int32_t mem[65536];
static unsigned long executed;

static int32_t run(const program *p, int32_t arg, int trace) {
    int32_t stack[4096];
    struct frame frames[1024];
    int sp = 0, fp = 0, pc = 0, base = 0;
    stack[sp++] = arg;
    for (;;) {
        int32_t op = p->code[pc++], a, b;
        executed++;
        if (trace) printf("  pc=%3d %-5s sp=%d top=%d\n", pc - 1, NAMES[op], sp, sp ? stack[sp - 1] : 0);
        switch (op) {
            case PUSH: stack[sp++] = p->code[pc++]; break;
            case POP: sp--; break;
            case DUP: stack[sp] = stack[sp - 1]; sp++; break;
            case SWAP: a = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = a; break;
            case OVER: stack[sp] = stack[sp - 2]; sp++; break;
            case ADD: b = stack[--sp]; stack[sp - 1] += b; break;
            case SUB: b = stack[--sp]; stack[sp - 1] -= b; break;
            case MUL: b = stack[--sp]; stack[sp - 1] *= b; break;
            case DIVU: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] / (uint32_t)b); break;
            case MOD: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] % (uint32_t)b); break;
            case AND: b = stack[--sp]; stack[sp - 1] &= b; break;
            case XOR: b = stack[--sp]; stack[sp - 1] ^= b; break;
            case SHL: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] << (b & 31)); break;
            case SHR: b = stack[--sp]; stack[sp - 1] = (int32_t)((uint32_t)stack[sp - 1] >> (b & 31)); break;
            case LT: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] < b; break;
            case EQ: b = stack[--sp]; stack[sp - 1] = stack[sp - 1] == b; break;
            case NOT: stack[sp - 1] = !stack[sp - 1]; break;
            case JMP: pc = p->code[pc]; break;
            case JZ: a = stack[--sp]; pc = a ? pc + 1 : p->code[pc]; break;
            case CALL: frames[fp++] = (struct frame){pc + 1, base}; base = sp - 1; pc = p->code[pc]; break;
            case RET:
                a = stack[--sp];
                sp = base; /* the result replaces the argument (local 0) */
                stack[sp++] = a;
                if (fp == 0) return a;
                pc = frames[--fp].ret;
                base = frames[fp].base;
                break;
            case LOAD: stack[sp - 1] = mem[stack[sp - 1] & 0xffff]; break;
            case STORE: b = stack[--sp]; a = stack[--sp]; mem[a & 0xffff] = b; break;
            case GETL: stack[sp] = stack[base + p->code[pc++]]; sp++; break;
            case SETL: stack[base + p->code[pc++]] = stack[--sp]; break;
            case PRINT: printf("vm print %d\n", stack[--sp]); break;
            case HALT: return sp ? stack[sp - 1] : 0;
            default: printf("bad opcode %d\n", op); exit(2);
        }
    }
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 24;
    /* fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), with the argument as local 0. */
    program fib = {.n = 0};
    emit(&fib, GETL); emit(&fib, 0); emit(&fib, PUSH); emit(&fib, 2); emit(&fib, LT);
    emit(&fib, JZ); emit(&fib, 10);
    emit(&fib, GETL); emit(&fib, 0); emit(&fib, RET);
    emit(&fib, GETL); emit(&fib, 0); emit(&fib, PUSH); emit(&fib, 1); emit(&fib, SUB); emit(&fib, CALL); emit(&fib, 0);
    emit(&fib, GETL); emit(&fib, 0); emit(&fib, PUSH); emit(&fib, 2); emit(&fib, SUB); emit(&fib, CALL); emit(&fib, 0);
    emit(&fib, ADD); emit(&fib, RET);
    printf("trace of fib(1):\n");
    run(&fib, 1, 1);
    executed = 0;
    printf("fib(%d) = %d in %lu VM instructions\n", n, run(&fib, n, 0), executed);

    /* Sieve below local0 in mem[], counting primes into local 1: i in local 2, j in local 3. */
    program sv = {.n = 0};
    int L_outer, L_inner, L_next, L_count, L_cloop, L_cnext, L_end;
    emit(&sv, PUSH); emit(&sv, 0); emit(&sv, PUSH); emit(&sv, 2);   /* locals 1, 2 */
    emit(&sv, PUSH); emit(&sv, 0);                                   /* local 3 */
    L_outer = sv.n;
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, DUP); emit(&sv, MUL); emit(&sv, GETL); emit(&sv, 0); emit(&sv, LT);
    emit(&sv, JZ); int patch1 = sv.n; emit(&sv, 0);
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, LOAD); emit(&sv, NOT); emit(&sv, JZ); int patch2 = sv.n; emit(&sv, 0);
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, DUP); emit(&sv, MUL); emit(&sv, SETL); emit(&sv, 3);
    L_inner = sv.n;
    emit(&sv, GETL); emit(&sv, 3); emit(&sv, GETL); emit(&sv, 0); emit(&sv, LT); emit(&sv, JZ); int patch3 = sv.n; emit(&sv, 0);
    emit(&sv, GETL); emit(&sv, 3); emit(&sv, PUSH); emit(&sv, 1); emit(&sv, STORE);
    emit(&sv, GETL); emit(&sv, 3); emit(&sv, GETL); emit(&sv, 2); emit(&sv, ADD); emit(&sv, SETL); emit(&sv, 3);
    emit(&sv, JMP); emit(&sv, L_inner);
    L_next = sv.n;
    sv.code[patch2] = L_next;
    sv.code[patch3] = L_next;
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, PUSH); emit(&sv, 1); emit(&sv, ADD); emit(&sv, SETL); emit(&sv, 2);
    emit(&sv, JMP); emit(&sv, L_outer);
    L_count = sv.n;
    sv.code[patch1] = L_count;
    emit(&sv, PUSH); emit(&sv, 2); emit(&sv, SETL); emit(&sv, 2);
    L_cloop = sv.n;
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, GETL); emit(&sv, 0); emit(&sv, LT); emit(&sv, JZ); int patch4 = sv.n; emit(&sv, 0);
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, LOAD); emit(&sv, JZ); int patch5 = sv.n; emit(&sv, 0);
    L_cnext = sv.n;
    emit(&sv, GETL); emit(&sv, 2); emit(&sv, PUSH); emit(&sv, 1); emit(&sv, ADD); emit(&sv, SETL); emit(&sv, 2);
    emit(&sv, JMP); emit(&sv, L_cloop);
    int L_prime = sv.n;
    sv.code[patch5] = L_prime;
    emit(&sv, GETL); emit(&sv, 1); emit(&sv, PUSH); emit(&sv, 1); emit(&sv, ADD); emit(&sv, SETL); emit(&sv, 1);
    emit(&sv, JMP); emit(&sv, L_cnext);
    L_end = sv.n;
    sv.code[patch4] = L_end;
    emit(&sv, GETL); emit(&sv, 1); emit(&sv, RET);
    executed = 0;
    printf("primes below 60000: %d in %lu VM instructions\n", run(&sv, 60000, 0), executed);

    /* Checksum: for i < local0: acc = (acc * 31 + (i ^ (i >> 3))) mod 1000003. */
    program ck = {.n = 0};
    emit(&ck, PUSH); emit(&ck, 0); emit(&ck, PUSH); emit(&ck, 0); /* acc=local1, i=local2 */
    int L_top = ck.n;
    emit(&ck, GETL); emit(&ck, 2); emit(&ck, GETL); emit(&ck, 0); emit(&ck, LT); emit(&ck, JZ); int patch6 = ck.n; emit(&ck, 0);
    emit(&ck, GETL); emit(&ck, 1); emit(&ck, PUSH); emit(&ck, 31); emit(&ck, MUL);
    emit(&ck, GETL); emit(&ck, 2); emit(&ck, DUP); emit(&ck, PUSH); emit(&ck, 3); emit(&ck, SHR); emit(&ck, XOR); emit(&ck, ADD);
    emit(&ck, PUSH); emit(&ck, 1000003); emit(&ck, MOD); emit(&ck, SETL); emit(&ck, 1);
    emit(&ck, GETL); emit(&ck, 2); emit(&ck, PUSH); emit(&ck, 1); emit(&ck, ADD); emit(&ck, SETL); emit(&ck, 2);
    emit(&ck, JMP); emit(&ck, L_top);
    ck.code[patch6] = ck.n;
    emit(&ck, GETL); emit(&ck, 1); emit(&ck, PRINT); emit(&ck, PUSH); emit(&ck, 0); emit(&ck, RET);
    executed = 0;
    run(&ck, 300000, 0);
    printf("checksum loop: %lu VM instructions\n", executed);
    return 0;
}
