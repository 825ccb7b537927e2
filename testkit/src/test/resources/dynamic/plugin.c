/* A shared library of ours, loaded with dlopen by load_plugin.c: a function, a global it reads,
   and a constructor that runs when the library is loaded. */
#include <stdio.h>

int plugin_value = 41;

__attribute__((constructor)) static void loaded(void) {
    printf("plugin constructor ran\n");
}

int plugin_add(int a, int b) {
    return a + b + plugin_value;
}
