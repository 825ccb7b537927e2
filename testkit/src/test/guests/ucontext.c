// getcontext/setcontext/makecontext/swapcontext, which glibc implements on ppc32 with the
// swapcontext system call (249): coroutines that pass values back and forth, a context resumed
// twice through setcontext, uc_link chaining, and FP and callee-saved registers kept across.
// ppcvm-test: exit=0
#include <stdio.h>
#include <ucontext.h>

static ucontext_t main_ctx, gen_ctx, done_ctx;
static volatile int produced;
static char gen_stack[32768], done_stack[16384];

static void generator(int start, int step) {
    double acc = 0.5;
    for (int i = 0; i < 5; i++) {
        produced = start + i * step;
        acc *= 3.0;
        swapcontext(&gen_ctx, &main_ctx);
    }
    printf("generator done, acc=%a\n", acc);
}

static void finisher(void) { printf("finisher ran via uc_link\n"); }

int main(void) {
    getcontext(&gen_ctx);
    gen_ctx.uc_stack.ss_sp = gen_stack;
    gen_ctx.uc_stack.ss_size = sizeof gen_stack;
    gen_ctx.uc_link = &done_ctx;
    makecontext(&gen_ctx, (void (*)(void))generator, 2, 100, 7);

    getcontext(&done_ctx);
    done_ctx.uc_stack.ss_sp = done_stack;
    done_ctx.uc_stack.ss_size = sizeof done_stack;
    done_ctx.uc_link = &main_ctx;
    makecontext(&done_ctx, finisher, 0);

    register int kept = 12345;
    double fkept = 2.25;
    for (int i = 0; i < 5; i++) {
        swapcontext(&main_ctx, &gen_ctx);
        printf("got %d (kept %d %a)\n", produced, kept, fkept);
    }
    swapcontext(&main_ctx, &gen_ctx); /* the generator returns: uc_link runs the finisher */
    printf("back in main\n");

    volatile int resumed = 0;
    ucontext_t again;
    getcontext(&again);
    if (resumed < 3) {
        resumed++;
        printf("resume %d\n", resumed);
        setcontext(&again);
    }
    printf("setcontext loop ended after %d resumes\n", resumed);
    return 0;
}
