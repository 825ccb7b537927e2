// Signal delivery that the program survives: sigaction handlers for raise() and kill(), SA_SIGINFO
// fields, blocking with sigprocmask and delivery on unblock, sigpending, SA_RESETHAND, nested
// delivery inside a handler, a handler on an alternate stack (sigaltstack), recovery from a SIGSEGV
// with siglongjmp (si_addr checked), and SIGALRM from a 10 ms interval timer awaited with
// sigsuspend.
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <unistd.h>

static volatile sig_atomic_t counts[65];
static volatile int last_code, last_signo, nested_seen, on_altstack;
static sigjmp_buf recover;
static volatile uintptr_t fault_addr;
static char *altstack_base;

static void counter(int sig) { counts[sig]++; }

static void with_info(int sig, siginfo_t *si, void *uc) {
    (void)uc;
    counts[sig]++;
    last_signo = si->si_signo;
    last_code = si->si_code;
}

static void nesting(int sig) {
    counts[sig]++;
    if (sig == SIGUSR1) {
        raise(SIGUSR2); /* not blocked: delivered inside this handler */
        nested_seen = counts[SIGUSR2];
    }
}

static void on_alt(int sig) {
    char here;
    counts[sig]++;
    on_altstack = &here >= altstack_base && &here < altstack_base + SIGSTKSZ * 4;
}

static void on_segv(int sig, siginfo_t *si, void *uc) {
    (void)sig;
    (void)uc;
    fault_addr = (uintptr_t)si->si_addr;
    last_code = si->si_code;
    siglongjmp(recover, 1);
}

static void install(int sig, void (*fn)(int), int flags) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = fn;
    sa.sa_flags = flags;
    sigemptyset(&sa.sa_mask);
    sigaction(sig, &sa, NULL);
}

int main(void) {
    install(SIGUSR1, counter, 0);
    raise(SIGUSR1);
    kill(getpid(), SIGUSR1);
    printf("SIGUSR1 handled %d times\n", counts[SIGUSR1]);

    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = with_info;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGUSR2, &sa, NULL);
    raise(SIGUSR2);
    printf("SA_SIGINFO: signo=%d code is SI_TKILL: %s\n", last_signo, last_code == SI_TKILL ? "yes" : "no");
    kill(getpid(), SIGUSR2);
    printf("from kill(): code is SI_USER: %s\n", last_code == SI_USER ? "yes" : "no");

    sigset_t block, pending, old;
    sigemptyset(&block);
    sigaddset(&block, SIGUSR1);
    sigprocmask(SIG_BLOCK, &block, &old);
    raise(SIGUSR1);
    raise(SIGUSR1);
    sigpending(&pending);
    printf("while blocked: handled=%d pending=%d\n", counts[SIGUSR1], sigismember(&pending, SIGUSR1));
    sigprocmask(SIG_SETMASK, &old, NULL);
    printf("after unblock: handled=%d (standard signals do not queue)\n", counts[SIGUSR1]);

    install(SIGHUP, counter, SA_RESETHAND);
    raise(SIGHUP);
    struct sigaction now;
    sigaction(SIGHUP, NULL, &now);
    printf("SA_RESETHAND: handled=%d, handler reset to default: %s\n", counts[SIGHUP],
           now.sa_handler == SIG_DFL ? "yes" : "no");

    install(SIGUSR1, nesting, 0);
    install(SIGUSR2, nesting, 0);
    counts[SIGUSR2] = 0;
    raise(SIGUSR1);
    printf("nested: USR2 ran inside the USR1 handler: %s\n", nested_seen == 1 ? "yes" : "no");

    stack_t ss;
    altstack_base = malloc(SIGSTKSZ * 4);
    ss.ss_sp = altstack_base;
    ss.ss_size = SIGSTKSZ * 4;
    ss.ss_flags = 0;
    sigaltstack(&ss, NULL);
    install(SIGWINCH, on_alt, SA_ONSTACK);
    raise(SIGWINCH);
    printf("SA_ONSTACK handler ran on the alternate stack: %s\n", on_altstack ? "yes" : "no");

    memset(&sa, 0, sizeof sa);
    sa.sa_sigaction = on_segv;
    sa.sa_flags = SA_SIGINFO;
    sigaction(SIGSEGV, &sa, NULL);
    for (int i = 0; i < 3; i++) {
        volatile int *bad = (volatile int *)(uintptr_t)(0x10 + i * 0x1000);
        if (sigsetjmp(recover, 1) == 0) {
            *bad = 1;
            printf("not reached\n");
        } else {
            printf("recovered from SIGSEGV at %#lx, code is SEGV_MAPERR: %s\n", (unsigned long)fault_addr,
                   last_code == SEGV_MAPERR ? "yes" : "no");
        }
    }

    install(SIGALRM, counter, 0);
    sigset_t alrm, wait_mask;
    sigemptyset(&alrm);
    sigaddset(&alrm, SIGALRM);
    sigprocmask(SIG_BLOCK, &alrm, &wait_mask);
    struct itimerval it = {{0, 10000}, {0, 10000}};
    setitimer(ITIMER_REAL, &it, NULL);
    while (counts[SIGALRM] < 3) sigsuspend(&wait_mask);
    struct itimerval off = {{0, 0}, {0, 0}};
    setitimer(ITIMER_REAL, &off, NULL);
    sigprocmask(SIG_UNBLOCK, &alrm, NULL);
    printf("SIGALRM from the interval timer: at least 3 deliveries awaited with sigsuspend\n");
    signal(SIGPIPE, SIG_IGN);
    raise(SIGPIPE);
    printf("ignored SIGPIPE: still running\n");
    return 0;
}
