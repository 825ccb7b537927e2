// Time and process-identity calls, printing only properties that hold on every run: clocks are
// positive and monotonic, a 2 ms nanosleep takes at least 2 ms, ids are positive and consistent;
// plus calendar conversions of fixed timestamps (TZ=UTC0), which are deterministic.
#define _GNU_SOURCE
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/times.h>
#include <sys/utsname.h>
#include <time.h>
#include <unistd.h>

static long long ns(struct timespec t) { return t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    time_t t = time(NULL);
    printf("time() > 2020-01-01: %s\n", t > 1577836800 ? "yes" : "no");
    struct timeval tv;
    gettimeofday(&tv, NULL);
    printf("gettimeofday close to time(): %s, usec in range: %s\n", tv.tv_sec - t >= 0 && tv.tv_sec - t < 5 ? "yes" : "no",
           tv.tv_usec >= 0 && tv.tv_usec < 1000000 ? "yes" : "no");
    struct timespec r0, m0, m1, res, c0;
    clock_gettime(CLOCK_REALTIME, &r0);
    clock_gettime(CLOCK_MONOTONIC, &m0);
    clock_getres(CLOCK_MONOTONIC, &res);
    printf("realtime agrees with time(): %s; monotonic resolution <= 1ms: %s\n", r0.tv_sec - t < 5 ? "yes" : "no",
           ns(res) > 0 && ns(res) <= 1000000 ? "yes" : "no");
    struct timespec nap = {0, 2000000};
    int rc = nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &m1);
    printf("nanosleep rc=%d, slept >= 2ms: %s\n", rc, ns(m1) - ns(m0) >= 2000000 ? "yes" : "no");
    volatile double x = 0;
    for (int i = 0; i < 3000000; i++) x += i * 0.5;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &c0);
    clock_t c = clock();
    printf("process cpu time > 0: %s, clock() >= 0: %s\n", ns(c0) > 0 ? "yes" : "no", c >= 0 ? "yes" : "no");
    struct tms tm_buf;
    printf("times() returned a value: %s\n", times(&tm_buf) != (clock_t)-1 ? "yes" : "no");
    struct rusage ru;
    printf("getrusage ok: %s\n", getrusage(RUSAGE_SELF, &ru) == 0 ? "yes" : "no");

    printf("pid > 0: %s, ppid > 0: %s, pid stable: %s\n", getpid() > 0 ? "yes" : "no", getppid() > 0 ? "yes" : "no",
           getpid() == getpid() ? "yes" : "no");
    printf("uid == euid: %s, gid == egid: %s\n", getuid() == geteuid() ? "yes" : "no",
           getgid() == getegid() ? "yes" : "no");
    struct utsname u;
    uname(&u);
    printf("uname sysname=%s machine starts with ppc: %s\n", u.sysname, strncmp(u.machine, "ppc", 3) == 0 ? "yes" : "no");
    printf("page size=%ld\n", sysconf(_SC_PAGESIZE));

    /* Fixed timestamps through the calendar functions. */
    static const time_t T[] = {0, 86399, 951782400, 1234567890, 2147483647, -1, -2147483647 - 1};
    for (unsigned i = 0; i < sizeof T / sizeof T[0]; i++) {
        struct tm g, l;
        gmtime_r(&T[i], &g);
        localtime_r(&T[i], &l);
        char buf[128];
        strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S %a %j %U %Z", &g);
        time_t back = mktime(&l);
        printf("%lld -> %s wday=%d yday=%d isdst=%d mktime back %s\n", (long long)T[i], buf, g.tm_wday, g.tm_yday,
               l.tm_isdst, back == T[i] ? "equal" : "DIFFERENT");
    }
    struct tm parsed;
    memset(&parsed, 0, sizeof parsed);
    strptime("2024-02-29 13:45:10", "%Y-%m-%d %H:%M:%S", &parsed);
    printf("strptime -> timegm %lld, asctime %s", (long long)timegm(&parsed), asctime(&parsed));
    printf("difftime(10,3)=%a\n", difftime(10, 3));
    return 0;
}
