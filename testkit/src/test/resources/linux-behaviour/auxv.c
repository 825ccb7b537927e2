// The auxiliary vector, found the way ld.so and glibc's static start find it (after envp's NULL)
// and through getauxval(3).
//
// Linux on an e500mc (arch/powerpc ARCH_DLINFO, then fs/binfmt_elf.c create_elf_tables) starts it
// with two AT_IGNOREPPC entries and the cache block sizes (64, 64, 0), then AT_HWCAP (32-bit, FPU,
// MMU, Book E: 0x8c008000), AT_PAGESZ, AT_CLKTCK, AT_PHDR/PHENT/PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY,
// the credentials, AT_SECURE, AT_RANDOM, AT_HWCAP2 (isel: 0x08000000), AT_EXECFN, AT_PLATFORM and
// AT_BASE_PLATFORM ("ppce500mc"). The AT_RANDOM bytes and the platform strings lie on the stack
// below the argument strings.
//
// Output: one "aux TYPE VALUE [string | 16 bytes]" line per entry in order, then the getauxval
// values, then checks of where AT_RANDOM points and of the credentials.
#include <elf.h>
#include <stdio.h>
#include <sys/auxv.h>
#include <unistd.h>

int main(int argc, char **argv, char **envp) {
    char **p = envp;
    while (*p != NULL) {
        p++;
    }
    unsigned long random = 0;
    for (unsigned long *av = (unsigned long *)(p + 1);; av += 2) {
        printf("aux %lu %08lx", av[0], av[1]);
        if (av[0] == AT_PLATFORM || av[0] == AT_BASE_PLATFORM || av[0] == AT_EXECFN) {
            printf(" %s", (const char *)av[1]);
        } else if (av[0] == AT_RANDOM) {
            random = av[1];
            for (int i = 0; i < 16; i++) {
                printf(" %02x", ((const unsigned char *)av[1])[i]);
            }
        }
        printf("\n");
        if (av[0] == AT_NULL) {
            break;
        }
    }
    static const unsigned long TYPES[] = {
        AT_IGNOREPPC, AT_DCACHEBSIZE, AT_ICACHEBSIZE, AT_UCACHEBSIZE, AT_HWCAP, AT_HWCAP2, AT_PAGESZ,
        AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY, AT_SECURE, AT_RANDOM,
        AT_EXECFN, AT_PLATFORM, AT_BASE_PLATFORM,
    };
    for (unsigned i = 0; i < sizeof TYPES / sizeof TYPES[0]; i++) {
        printf("getauxval %lu %08lx\n", TYPES[i], getauxval(TYPES[i]));
    }
    // The random bytes lie between the initial stack pointer (argc) and the argument strings.
    printf("random_between_argc_and_strings %d\n",
           random > (unsigned long)&argv[-1] && random + 16 <= (unsigned long)argv[0]);
    printf("credentials_match %d\n",
           getauxval(AT_UID) == getuid() && getauxval(AT_EUID) == geteuid() && getauxval(AT_GID) == getgid()
               && getauxval(AT_EGID) == getegid());
    printf("uid %lu %d euid %lu %d gid %lu %d egid %lu %d\n", getauxval(AT_UID), (int)getuid(),
           getauxval(AT_EUID), (int)geteuid(), getauxval(AT_GID), (int)getgid(), getauxval(AT_EGID),
           (int)getegid());
    printf("argc %d argv0 %s\n", argc, argv[0]);
    return 0;
}
