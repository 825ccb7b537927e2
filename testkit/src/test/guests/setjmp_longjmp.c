// setjmp/longjmp across several frames (with volatile locals and callee-saved FP registers that
// must be restored), nested jump buffers, and sigsetjmp/siglongjmp restoring the signal mask.
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>

static jmp_buf outer, inner;
static int depth_reached;

static void dive(int depth, int target) {
    volatile char pad[64];
    pad[depth % 64] = (char)depth;
    depth_reached = depth;
    if (depth == target) longjmp(outer, depth * 10 + pad[depth % 64] % 3);
    dive(depth + 1, target);
}

static double fp_callee(double x) {
    /* Uses callee-saved FPRs (f14-f31) around calls so setjmp has to restore them. */
    register double a = x * 2, b = x * 3, c = x * 5;
    if (setjmp(inner) == 0) {
        longjmp(inner, 1);
    }
    return a + b + c;
}

int main(void) {
    for (int target = 0; target < 200; target += 37) {
        volatile int counter = 0;
        int r = setjmp(outer);
        if (r == 0) {
            counter = 1;
            dive(0, target);
            printf("not reached\n");
        } else {
            counter++;
            printf("target %d: setjmp returned %d, depth %d, counter %d\n", target, r, depth_reached, counter);
        }
    }
    /* longjmp with 0 makes setjmp return 1. */
    volatile int once = 0;
    int r = setjmp(outer);
    if (!once) {
        once = 1;
        longjmp(outer, 0);
    }
    printf("longjmp(…, 0) made setjmp return %d\n", r);
    printf("fp callee-saved: %a\n", fp_callee(1.25));

    sigjmp_buf sj;
    sigset_t set, now;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    if (sigsetjmp(sj, 1) == 0) {
        sigprocmask(SIG_UNBLOCK, &set, NULL);
        sigaddset(&set, SIGUSR2);
        sigprocmask(SIG_BLOCK, &set, NULL);
        siglongjmp(sj, 5);
    }
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("after siglongjmp: USR1 blocked=%d USR2 blocked=%d\n", sigismember(&now, SIGUSR1), sigismember(&now, SIGUSR2));
    if (sigsetjmp(sj, 0) == 0) {
        sigemptyset(&set);
        sigprocmask(SIG_SETMASK, &set, NULL);
        siglongjmp(sj, 1);
    }
    sigprocmask(SIG_BLOCK, NULL, &now);
    printf("after siglongjmp without savemask: USR1 blocked=%d\n", sigismember(&now, SIGUSR1));
    return 0;
}
