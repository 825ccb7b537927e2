// What a signal handler sees and may change, per signal kind: si_code and si_addr of SIGSEGV
// (unmapped), SIGBUS (a misaligned lwarx, which an e500mc refuses), SIGILL, SIGFPE (an enabled
// divide-by-zero after feenableexcept) and SIGTRAP (tw); a handler that edits uc_mcontext (skips
// the faulting instruction, sets r3 and f1) and returns into the changed state; a plain handler
// (old-style frame) and an SA_SIGINFO one for the same signal; SA_NODEFER recursion; the mask a
// handler runs with and the one its return restores; sigtimedwait taking a blocked signal.
#define _GNU_SOURCE
#include <fenv.h>
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <ucontext.h>
#include <unistd.h>

#define PT_NIP 32

static sigjmp_buf back;
static volatile int seen_signo, seen_code;
static volatile uintptr_t seen_addr;

static void record_and_jump(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    seen_signo = sig;
    seen_code = si->si_code;
    seen_addr = (uintptr_t)si->si_addr;
    siglongjmp(back, 1);
}

static void catch_with(int sig, void (*handler)(int, siginfo_t *, void *), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = handler;
    sa.sa_flags = SA_SIGINFO | flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

// Skips the faulting instruction and leaves 1234 in r3 and 2.5 in f1.
static void skip_and_patch(int sig, siginfo_t *si, void *ucp) {
    (void)si;
    ucontext_t *uc = ucp;
    mcontext_t *mc = uc->uc_mcontext.uc_regs;
    seen_signo = sig;
    mc->gregs[PT_NIP] += 4;
    mc->gregs[3] = 1234;
    mc->fpregs.fpregs[1] = 2.5;
}

static volatile int plain_calls;
static void plain(int sig) {
    plain_calls += sig;
}

static volatile int depth, max_depth, raises;
static void recurse(int sig) {
    depth++;
    if (depth > max_depth) {
        max_depth = depth;
    }
    if (++raises < 3) {
        raise(sig);
    }
    depth--;
}

static volatile int usr2_blocked_in_handler;
static void check_mask(int sig) {
    (void)sig;
    sigset_t now;
    sigprocmask(SIG_BLOCK, NULL, &now);
    usr2_blocked_in_handler = sigismember(&now, SIGUSR2) + 2 * sigismember(&now, SIGUSR1);
}

static void report(const char *what, int expected_signo, int expected_code, uintptr_t expected_addr) {
    printf("%s: signo %s, code %s, addr %s\n", what, seen_signo == expected_signo ? "ok" : "WRONG",
           seen_code == expected_code ? "ok" : "WRONG", seen_addr == expected_addr ? "ok" : "WRONG");
}

int main(void) {
    // SIGSEGV on an unmapped page: SEGV_MAPERR and the data address.
    catch_with(SIGSEGV, record_and_jump, 0);
    if (sigsetjmp(back, 1) == 0) {
        *(volatile int *)0x20 = 1;
    }
    report("SIGSEGV unmapped", SIGSEGV, SEGV_MAPERR, 0x20);

    // SIGBUS from a misaligned lwarx: BUS_ADRALN and the address.
    static int words[4];
    uintptr_t odd = (uintptr_t)words + 2;
    catch_with(SIGBUS, record_and_jump, 0);
    if (sigsetjmp(back, 1) == 0) {
        int v;
        __asm__ volatile("lwarx %0,0,%1" : "=r"(v) : "r"(odd) : "memory");
    }
    report("SIGBUS misaligned lwarx", SIGBUS, BUS_ADRALN, odd);

    // SIGILL: ILL_ILLOPC at the instruction.
    catch_with(SIGILL, record_and_jump, 0);
    extern char illegal_here[];
    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile(".globl illegal_here\nillegal_here: .long 0" ::: "memory");
    }
    report("SIGILL", SIGILL, ILL_ILLOPC, (uintptr_t)illegal_here);

    // SIGTRAP from tw: TRAP_BRKPT at the trap.
    catch_with(SIGTRAP, record_and_jump, 0);
    extern char trap_here[];
    if (sigsetjmp(back, 1) == 0) {
        __asm__ volatile(".globl trap_here\ntrap_here: tw 31,0,0" ::: "memory");
    }
    report("SIGTRAP", SIGTRAP, TRAP_BRKPT, (uintptr_t)trap_here);

    // SIGFPE from an enabled exception: FPE_FLTDIV.
    catch_with(SIGFPE, record_and_jump, 0);
    if (sigsetjmp(back, 1) == 0) {
        feenableexcept(FE_DIVBYZERO);
        volatile double zero = 0.0, one = 1.0;
        volatile double r = one / zero;
        (void)r;
    }
    fedisableexcept(FE_ALL_EXCEPT);
    feclearexcept(FE_ALL_EXCEPT);
    printf("SIGFPE divide by zero: signo %s, code %s\n", seen_signo == SIGFPE ? "ok" : "WRONG",
           seen_code == FPE_FLTDIV ? "ok" : "WRONG");

    // A handler that changes the interrupted registers and returns into them.
    catch_with(SIGILL, skip_and_patch, 0);
    int r3;
    double f1;
    __asm__ volatile("li 3,7\n\t.long 0\n\tmr %0,3\n\tfmr %1,1" : "=r"(r3), "=f"(f1) : : "r3", "fr1", "memory");
    printf("after the SIGILL handler edited the context: r3=%d f1=%g\n", r3, f1);

    // Old-style frame (no SA_SIGINFO) and SA_SIGINFO for the same signal.
    signal(SIGUSR1, plain);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("plain handler: %d\n", plain_calls);

    // SA_NODEFER: the handler can be re-entered by its own signal.
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = recurse;
    sa.sa_flags = SA_NODEFER;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_NODEFER nesting depth: %d\n", max_depth);
    // Without it, the signal waits until the handler returns: depth stays 1 per delivery.
    depth = max_depth = raises = 0;
    sa.sa_flags = 0;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("without SA_NODEFER nesting depth: %d after %d deliveries\n", max_depth, raises);

    // The handler runs with its signal and sa_mask blocked; its return restores the old mask.
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = check_mask;
    sigemptyset(&sa.sa_mask);
    sigaddset(&sa.sa_mask, SIGUSR2);
    sigaction(SIGUSR1, &sa, NULL);
    raise(SIGUSR1);
    sigset_t after;
    sigprocmask(SIG_BLOCK, NULL, &after);
    printf("mask in the handler: USR2 %s, USR1 %s; after return: USR1 %s, USR2 %s\n",
           usr2_blocked_in_handler & 1 ? "blocked" : "open", usr2_blocked_in_handler & 2 ? "blocked" : "open",
           sigismember(&after, SIGUSR1) ? "blocked" : "open", sigismember(&after, SIGUSR2) ? "blocked" : "open");

    // sigtimedwait takes a blocked, pending signal with its siginfo instead of running a handler.
    sigset_t set;
    sigemptyset(&set);
    sigaddset(&set, SIGUSR1);
    sigprocmask(SIG_BLOCK, &set, NULL);
    union sigval value = {.sival_int = 99};
    sigqueue(getpid(), SIGUSR1, value);
    siginfo_t info;
    struct timespec timeout = {1, 0};
    int got = sigtimedwait(&set, &info, &timeout);
    printf("sigtimedwait: %s, code %s, value %d\n", got == SIGUSR1 ? "SIGUSR1" : "other",
           info.si_code == SI_QUEUE ? "SI_QUEUE" : "other", info.si_value.sival_int);
    struct timespec none = {0, 0};
    printf("nothing pending: %d\n", sigtimedwait(&set, &info, &none));
    return 0;
}
