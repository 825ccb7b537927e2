// Line-oriented stdin through stdio: getline and fgets over lines of varied length (including
// one longer than the fgets buffer, an empty line and a final line without newline), word
// frequencies printed sorted, ungetc, and feof/ferror at the end.
// ppcvm-test: stdin="the first line\n\nsecond line with more words than the first line has\nthe the the\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx long\nlast line without newline"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct word { char text[128]; int count; };
static struct word words[256];
static int nwords;

static void add(const char *w) {
    for (int i = 0; i < nwords; i++) {
        if (strcmp(words[i].text, w) == 0) {
            words[i].count++;
            return;
        }
    }
    if (nwords < 256) {
        snprintf(words[nwords].text, sizeof words[nwords].text, "%s", w);
        words[nwords++].count = 1;
    }
}
static int by_count(const void *a, const void *b) {
    const struct word *x = a, *y = b;
    return x->count != y->count ? y->count - x->count : strcmp(x->text, y->text);
}

int main(void) {
    int c = getchar();
    printf("first char '%c', pushed back: %d\n", c, ungetc(c, stdin) == c);
    char small[16];
    printf("fgets(16) pieces:");
    for (int i = 0; i < 3 && fgets(small, sizeof small, stdin); i++) printf(" [%s]", strchr(small, '\n') ? "with newline" : small);
    printf("\n");
    char *line = NULL;
    size_t cap = 0;
    ssize_t len;
    int n = 0;
    size_t longest = 0;
    while ((len = getline(&line, &cap, stdin)) != -1) {
        n++;
        if ((size_t)len > longest) longest = (size_t)len;
        printf("line %d: %zd bytes, newline=%s\n", n, len, len > 0 && line[len - 1] == '\n' ? "yes" : "no");
        for (char *tok = strtok(line, " \n"); tok; tok = strtok(NULL, " \n")) add(tok);
    }
    printf("getline lines=%d longest=%zu eof=%d error=%d\n", n, longest, feof(stdin) != 0, ferror(stdin) != 0);
    qsort(words, nwords, sizeof words[0], by_count);
    for (int i = 0; i < nwords; i++) printf("%3d %.20s\n", words[i].count, words[i].text);
    free(line);
    return 0;
}
