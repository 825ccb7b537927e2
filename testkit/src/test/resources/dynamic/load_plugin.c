/* Loads the shared library named by argv[1] with dlopen, calls into it, changes its global through
   the pointer dlsym gives, and unloads it. */
#include <dlfcn.h>
#include <stdio.h>

int main(int argc, char **argv) {
    if (argc != 2) {
        return 2;
    }
    void *handle = dlopen(argv[1], RTLD_NOW);
    if (handle == NULL) {
        printf("dlopen failed: %s\n", dlerror());
        return 1;
    }
    int (*add)(int, int) = (int (*)(int, int))dlsym(handle, "plugin_add");
    int *value = (int *)dlsym(handle, "plugin_value");
    if (add == NULL || value == NULL) {
        printf("dlsym failed: %s\n", dlerror());
        return 1;
    }
    printf("plugin_add(1, 2) = %d\n", add(1, 2));
    *value = 100;
    printf("after the change: %d\n", add(1, 2));
    printf("missing symbol: %s\n", dlsym(handle, "no_such_symbol") == NULL ? "NULL" : "found");
    return dlclose(handle);
}
