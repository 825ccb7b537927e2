// Exit status 42 by returning from main; buffered stdout is flushed by exit.
// ppcvm-test: exit=42
#include <stdio.h>

int main(void) {
    for (int i = 0; i < 5; i++) {
        printf("line %d\n", i);
    }
    printf("no newline at the end, returning 42");
    return 42;
}
