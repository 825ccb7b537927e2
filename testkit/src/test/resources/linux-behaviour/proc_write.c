// The guest's own /proc/self/maps and cmdline are read-only, as Linux makes them (mode 0444):
// opening them for writing fails with EACCES.
//
// Output, one "key value" line each: maps_write and cmdline_write, the errno of open(O_WRONLY)
// (0 when it succeeded).
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>

static int open_errno(const char *path) {
    errno = 0;
    return open(path, O_WRONLY) < 0 ? errno : 0;
}

int main(void) {
    printf("maps_write %d\n", open_errno("/proc/self/maps"));
    printf("cmdline_write %d\n", open_errno("/proc/self/cmdline"));
    return 0;
}
