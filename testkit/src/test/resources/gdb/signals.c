/*
 * The guest of the gdb signal tests (GdbSignalHandlerTest, GdbSyscallCatchTest). main installs
 * three handlers: on_usr1 for SIGUSR1 with SA_SIGINFO (Linux gives it an RT signal frame, which
 * returns through the "li r0,172; sc" trampoline), on_usr2 for SIGUSR2 without (an old-style
 * frame, "li r0,119; sc"), and on_segv for SIGSEGV with SA_SIGINFO, which siglongjmps away. Then
 * argv[1] picks a mode:
 *
 *   raise  calls checkpoint() (where a debugger can deliver a signal of its own), then sends
 *          itself SIGUSR1 and SIGUSR2, each with kill(2) in send() (@send_kill), and prints how
 *          many of each its handlers saw and on_usr1's si_code + signal number. Status 0.
 *   segv   stores through a null pointer in fault() (@fault_store); on_segv records si_addr and
 *          siglongjmps back into segv_mode, which prints it (@segv_recovered). Status 0.
 *
 * on_usr1 also keeps where its frame saved the interrupted PC (usr1_saved_pc_slot), so that a
 * debugger can tell which stack word the kernel wrote the PC to.
 */
#include <asm/ptrace.h>
#include <setjmp.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <ucontext.h>
#include <unistd.h>

volatile sig_atomic_t usr1_count;
volatile sig_atomic_t usr2_count;
volatile int usr1_code;
unsigned long *volatile usr1_saved_pc_slot;
static sigjmp_buf recover;
static void *volatile fault_address;

static void on_usr1(int sig, siginfo_t *info, void *context) { /* @usr1_entry */
    usr1_count++; /* @usr1_count */
    ucontext_t *uc = context;
    usr1_code = info->si_code + sig;
    usr1_saved_pc_slot = &uc->uc_mcontext.uc_regs->gregs[PT_NIP]; /* @usr1_slot */
}

static void on_usr2(int sig) { /* @usr2_entry */
    usr2_count += sig - SIGUSR2 + 1; /* @usr2_count */
}

static void on_segv(int sig, siginfo_t *info, void *context) {
    (void)sig;
    (void)context;
    fault_address = info->si_addr; /* @segv_handler */
    siglongjmp(recover, 1);
}

__attribute__((noinline)) void checkpoint(void) {
    __asm__ volatile("" ::: "memory");
} /* @checkpoint_end */

__attribute__((noinline)) void send(int sig) {
    kill(getpid(), sig); /* @send_kill */
}

__attribute__((noinline)) void fault(void) {
    volatile int *nowhere = (volatile int *)0;
    *nowhere = 1; /* @fault_store */
}

static void install(int sig, void (*handler)(int), void (*action)(int, siginfo_t *, void *)) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    if (action != NULL) {
        sa.sa_sigaction = action;
        sa.sa_flags = SA_SIGINFO;
    } else {
        sa.sa_handler = handler;
    }
    sigaction(sig, &sa, NULL);
}

static int raise_mode(void) {
    checkpoint(); /* @raise_checkpoint */
    send(SIGUSR1); /* @raise_usr1 */
    send(SIGUSR2); /* @raise_usr2 */
    printf("raise: usr1=%d usr2=%d code=%d\n", usr1_count, usr2_count, usr1_code);
    return 0;
}

static int segv_mode(void) {
    if (sigsetjmp(recover, 1) == 0) {
        fault(); /* @segv_fault */
        return 1;
    }
    printf("segv: recovered, si_addr=%p\n", fault_address); /* @segv_recovered */
    return 0;
}

int main(int argc, char **argv) {
    const char *mode = argc > 1 ? argv[1] : "";
    install(SIGUSR1, NULL, on_usr1);
    install(SIGUSR2, on_usr2, NULL);
    install(SIGSEGV, NULL, on_segv);
    if (strcmp(mode, "raise") == 0) {
        return raise_mode(); /* @main_raise */
    } else if (strcmp(mode, "segv") == 0) {
        return segv_mode(); /* @main_segv */
    }
    fprintf(stderr, "usage: signals raise|segv\n");
    return 2;
}
