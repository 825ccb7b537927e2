// Blocking system calls interrupted by a signal handler, as Linux restarts or fails them: a read
// on an empty pipe restarts after an SA_RESTART handler and fails with EINTR after one without;
// poll, pause and nanosleep fail with EINTR whatever SA_RESTART says, nanosleep reporting the time
// left. The signal is SIGALRM from a one-shot 20 ms interval timer; its handler writes a byte into
// the pipe, so the restarted read has something to return.
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

static int fds[2];
static volatile int alarms;

static void on_alarm(int sig) {
    (void)sig;
    alarms++;
    char c = 'x';
    if (write(fds[1], &c, 1) != 1) {
        _exit(3);
    }
}

static void arm(int restart) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sa.sa_handler = on_alarm;
    sa.sa_flags = restart ? SA_RESTART : 0;
    sigemptyset(&sa.sa_mask);
    sigaction(SIGALRM, &sa, NULL);
    struct itimerval t = {{0, 0}, {0, 20000}};
    setitimer(ITIMER_REAL, &t, NULL);
}

static void drain(void) {
    char c;
    while (read(fds[0], &c, 1) != 1) {
    }
}

int main(void) {
    if (pipe(fds) != 0) {
        return 1;
    }
    char c = 0;

    arm(1);
    ssize_t n = read(fds[0], &c, 1);
    printf("read with SA_RESTART: %zd '%c'\n", n, c);

    arm(0);
    errno = 0;
    n = read(fds[0], &c, 1);
    printf("read without SA_RESTART: %zd %s\n", n, errno == EINTR ? "EINTR" : strerror(errno));
    drain();

    arm(1);
    struct pollfd never = {fds[0], POLLPRI, 0};
    errno = 0;
    int p = poll(&never, 1, 60000);
    printf("poll with SA_RESTART: %d %s\n", p, errno == EINTR ? "EINTR" : strerror(errno));
    drain();

    arm(1);
    errno = 0;
    int r = pause();
    printf("pause: %d %s\n", r, errno == EINTR ? "EINTR" : strerror(errno));
    drain();

    arm(1);
    struct timespec request = {60, 0}, left = {0, 0};
    errno = 0;
    r = nanosleep(&request, &left);
    printf("nanosleep: %d %s, more than 50 s left: %s\n", r, errno == EINTR ? "EINTR" : strerror(errno),
           left.tv_sec > 50 ? "yes" : "no");
    drain();

    printf("alarms: %d\n", alarms);
    return 0;
}
