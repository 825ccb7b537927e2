// The large program: an LZ77 compressor (32 KiB window, hash chains, greedy matching) followed by
// canonical Huffman coding of literals/lengths and distances, then the matching decoder, run as a
// round trip over generated text-like data. It prints sizes, the compression ratio and CRCs; a
// mismatch anywhere shows. With the default argument (data size in KiB) it executes well over
// 100 million guest instructions: 284 thousand per KiB at -O2 and 762 thousand at -O0 (counted
// with qemu-ppc -d in_asm,exec,nochain at 16-128 KiB, linear), so about 290 million at -O2.
// ppcvm-test: args="1024" timeout=300
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WINDOW 32768
#define MIN_MATCH 3
#define MAX_MATCH 258
#define HASH_BITS 15
#define MAX_CHAIN 48
#define NSYM 286   /* 0-255 literals, 256 end, 257-285 lengths */
#define NDIST 30
#define MAXBITS 15

static uint32_t crc_table[256];
static uint32_t crc32(const uint8_t *p, size_t n) {
    uint32_t c = 0xffffffffu;
    while (n--) c = crc_table[(c ^ *p++) & 0xff] ^ (c >> 8);
    return c ^ 0xffffffffu;
}

/* Length and distance codes as in DEFLATE: base values and extra bits. */
static const uint16_t LBASE[29] = {3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115,
                                   131, 163, 195, 227, 258};
static const uint8_t LEXTRA[29] = {0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0};
static const uint16_t DBASE[30] = {1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
                                   2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577};
static const uint8_t DEXTRA[30] = {0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13};

/* Token stream from LZ77: lit < 256, or a (length, distance) pair. */
typedef struct { uint16_t len; uint16_t dist; uint8_t lit; } token;

static size_t lz77(const uint8_t *in, size_t n, token *out) {
    static int32_t head[1 << HASH_BITS];
    static int32_t prev[WINDOW];
    memset(head, -1, sizeof head);
    size_t nt = 0, i = 0;
#define HASH(p) ((((uint32_t)(p)[0] << 10) ^ ((uint32_t)(p)[1] << 5) ^ (p)[2]) & ((1u << HASH_BITS) - 1))
    while (i < n) {
        int best_len = 0, best_dist = 0;
        if (i + MIN_MATCH <= n) {
            uint32_t h = HASH(in + i);
            int32_t cand = head[h];
            int chain = MAX_CHAIN;
            size_t limit = n - i < MAX_MATCH ? n - i : MAX_MATCH;
            while (cand >= 0 && i - (size_t)cand <= WINDOW - 1 && chain-- > 0) {
                const uint8_t *a = in + cand, *b = in + i;
                if (a[best_len] == b[best_len]) {
                    size_t l = 0;
                    while (l < limit && a[l] == b[l]) l++;
                    if ((int)l > best_len) {
                        best_len = (int)l;
                        best_dist = (int)(i - (size_t)cand);
                        if (l == limit) break;
                    }
                }
                cand = prev[cand & (WINDOW - 1)];
            }
            prev[i & (WINDOW - 1)] = head[h];
            head[h] = (int32_t)i;
        }
        if (best_len >= MIN_MATCH) {
            out[nt++] = (token){(uint16_t)best_len, (uint16_t)best_dist, 0};
            for (int k = 1; k < best_len && i + k + MIN_MATCH <= n; k++) {
                uint32_t h = HASH(in + i + k);
                prev[(i + k) & (WINDOW - 1)] = head[h];
                head[h] = (int32_t)(i + k);
            }
            i += (size_t)best_len;
        } else {
            out[nt++] = (token){0, 0, in[i]};
            i++;
        }
    }
    return nt;
}

static int len_code(int len) {
    int c = 0;
    while (c < 28 && LBASE[c + 1] <= len) c++;
    return c;
}
static int dist_code(int dist) {
    int c = 0;
    while (c < 29 && DBASE[c + 1] <= dist) c++;
    return c;
}

/* Huffman code lengths: build the tree by repeatedly merging the two lightest nodes (O(n^2),
   fine for 286 symbols), then clamp lengths to MAXBITS and repair the Kraft sum. */
static void build_lengths(const uint32_t *freq, int n, uint8_t *lens) {
    int32_t parent[2 * NSYM];
    uint64_t weight[2 * NSYM];
    int alive[2 * NSYM];
    int nodes = 0, leaves[NSYM], nl = 0;
    for (int s = 0; s < n; s++) {
        lens[s] = 0;
        if (freq[s]) {
            leaves[nl++] = s;
            weight[nodes] = freq[s];
            parent[nodes] = -1;
            alive[nodes] = 1;
            nodes++;
        }
    }
    if (nl == 1) {
        lens[leaves[0]] = 1;
        return;
    }
    int live = nl;
    while (live > 1) {
        int a = -1, b = -1;
        for (int k = 0; k < nodes; k++) {
            if (!alive[k]) continue;
            if (a < 0 || weight[k] < weight[a]) {
                b = a;
                a = k;
            } else if (b < 0 || weight[k] < weight[b]) {
                b = k;
            }
        }
        alive[a] = alive[b] = 0;
        weight[nodes] = weight[a] + weight[b];
        parent[nodes] = -1;
        alive[nodes] = 1;
        parent[a] = parent[b] = nodes;
        nodes++;
        live--;
    }
    for (int k = 0; k < nl; k++) {
        int d = 0;
        for (int p = k; parent[p] >= 0; p = parent[p]) d++;
        lens[leaves[k]] = (uint8_t)(d > MAXBITS ? MAXBITS : d);
    }
    /* Repair the Kraft sum if clamping made it exceed 1. */
    for (;;) {
        uint32_t kraft = 0;
        for (int s = 0; s < n; s++)
            if (lens[s]) kraft += 1u << (MAXBITS - lens[s]);
        if (kraft <= 1u << MAXBITS) break;
        for (int s = 0; s < n; s++) {
            if (lens[s] && lens[s] < MAXBITS) {
                lens[s]++;
                break;
            }
        }
    }
}

static void canonical(const uint8_t *lens, int n, uint16_t *codes) {
    uint16_t count[MAXBITS + 1] = {0}, next[MAXBITS + 2];
    for (int s = 0; s < n; s++) count[lens[s]]++;
    count[0] = 0;
    uint16_t code = 0;
    for (int b = 1; b <= MAXBITS; b++) {
        code = (uint16_t)((code + count[b - 1]) << 1);
        next[b] = code;
    }
    for (int s = 0; s < n; s++)
        if (lens[s]) codes[s] = next[lens[s]]++;
}

typedef struct { uint8_t *buf; size_t pos; uint32_t acc; int nacc; } bitw;
static void put(bitw *w, uint32_t v, int nbits) { /* MSB first */
    for (int b = nbits - 1; b >= 0; b--) {
        w->acc = w->acc << 1 | ((v >> b) & 1);
        if (++w->nacc == 8) {
            w->buf[w->pos++] = (uint8_t)w->acc;
            w->acc = 0;
            w->nacc = 0;
        }
    }
}
static void flush(bitw *w) {
    while (w->nacc) put(w, 0, 1);
}
typedef struct { const uint8_t *buf; size_t bit; } bitr;
static uint32_t get(bitr *r, int nbits) {
    uint32_t v = 0;
    for (int b = 0; b < nbits; b++, r->bit++) v = v << 1 | ((r->buf[r->bit >> 3] >> (7 - (r->bit & 7))) & 1);
    return v;
}

/* Decoding table: for each length, first code and index into symbols sorted by code. */
typedef struct { uint16_t first[MAXBITS + 2]; uint16_t count[MAXBITS + 1]; uint16_t index[MAXBITS + 1]; uint16_t sym[NSYM]; } decoder;
static void make_decoder(const uint8_t *lens, int n, decoder *d) {
    memset(d, 0, sizeof *d);
    for (int s = 0; s < n; s++) d->count[lens[s]]++;
    d->count[0] = 0;
    uint16_t code = 0, idx = 0;
    for (int b = 1; b <= MAXBITS; b++) {
        code = (uint16_t)((code + d->count[b - 1]) << 1);
        d->first[b] = code;
        d->index[b] = idx;
        idx = (uint16_t)(idx + d->count[b]);
    }
    uint16_t fill[MAXBITS + 1];
    memcpy(fill, d->index, sizeof fill);
    for (int s = 0; s < n; s++)
        if (lens[s]) d->sym[fill[lens[s]]++] = (uint16_t)s;
}
static int decode(bitr *r, const decoder *d) {
    uint32_t code = 0;
    for (int b = 1; b <= MAXBITS; b++) {
        code = code << 1 | get(r, 1);
        if (code - d->first[b] < d->count[b]) return d->sym[d->index[b] + code - d->first[b]];
    }
    return -1;
}

static void generate(uint8_t *p, size_t n) {
    static const char *const WORDS[] = {"the", "of", "and", "PowerPC", "register", "instruction", "branch", "cache",
                                        "memory", "to", "a", "in", "is", "that", "load", "store", "condition",
                                        "exception", "vector", "translation", "for", "with", "by", "on", "word"};
    uint32_t s = 12345;
    size_t i = 0;
    while (i < n) {
        s = s * 1103515245u + 12345u;
        uint32_t r = s >> 16;
        const char *w;
        char num[16];
        if (r % 11 == 0) {
            snprintf(num, sizeof num, "%u", r % 100000);
            w = num;
        } else {
            w = WORDS[(r ^ (r >> 5)) % 25];
        }
        for (const char *c = w; *c && i < n; c++) p[i++] = (uint8_t)*c;
        if (i < n) p[i++] = r % 13 == 0 ? '\n' : r % 7 == 0 ? ',' : ' ';
    }
}

int main(int argc, char **argv) {
    for (uint32_t i = 0; i < 256; i++) {
        uint32_t c = i;
        for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320u ^ (c >> 1) : c >> 1;
        crc_table[i] = c;
    }
    size_t n = (size_t)(argc > 1 ? atoi(argv[1]) : 1024) * 1024;
    uint8_t *in = malloc(n), *out = malloc(n), *packed = malloc(n + n / 2 + 1024);
    token *toks = malloc(sizeof(token) * (n + 1));
    generate(in, n);
    size_t nt = lz77(in, n, toks);
    uint32_t lfreq[NSYM] = {0}, dfreq[NDIST] = {0};
    size_t matches = 0;
    for (size_t t = 0; t < nt; t++) {
        if (toks[t].len) {
            lfreq[257 + len_code(toks[t].len)]++;
            dfreq[dist_code(toks[t].dist)]++;
            matches++;
        } else {
            lfreq[toks[t].lit]++;
        }
    }
    lfreq[256] = 1;
    uint8_t llens[NSYM], dlens[NDIST];
    uint16_t lcodes[NSYM], dcodes[NDIST];
    build_lengths(lfreq, NSYM, llens);
    build_lengths(dfreq, NDIST, dlens);
    canonical(llens, NSYM, lcodes);
    canonical(dlens, NDIST, dcodes);
    bitw w = {packed, 0, 0, 0};
    for (int s = 0; s < NSYM; s++) put(&w, llens[s], 4);
    for (int s = 0; s < NDIST; s++) put(&w, dlens[s], 4);
    for (size_t t = 0; t < nt; t++) {
        if (toks[t].len) {
            int lc = len_code(toks[t].len), dc = dist_code(toks[t].dist);
            put(&w, lcodes[257 + lc], llens[257 + lc]);
            put(&w, (uint32_t)(toks[t].len - LBASE[lc]), LEXTRA[lc]);
            put(&w, dcodes[dc], dlens[dc]);
            put(&w, (uint32_t)(toks[t].dist - DBASE[dc]), DEXTRA[dc]);
        } else {
            put(&w, lcodes[toks[t].lit], llens[toks[t].lit]);
        }
    }
    put(&w, lcodes[256], llens[256]);
    flush(&w);

    /* Decode from the bit stream alone. */
    bitr r = {packed, 0};
    uint8_t rl[NSYM], rd[NDIST];
    for (int s = 0; s < NSYM; s++) rl[s] = (uint8_t)get(&r, 4);
    for (int s = 0; s < NDIST; s++) rd[s] = (uint8_t)get(&r, 4);
    static decoder ldec, ddec;
    make_decoder(rl, NSYM, &ldec);
    make_decoder(rd, NDIST, &ddec);
    size_t o = 0;
    int bad = 0;
    for (;;) {
        int sym = decode(&r, &ldec);
        if (sym < 0 || sym == 256) {
            bad |= sym < 0;
            break;
        }
        if (sym < 256) {
            if (o >= n) { bad = 1; break; }
            out[o++] = (uint8_t)sym;
            continue;
        }
        int lc = sym - 257;
        int len = LBASE[lc] + (int)get(&r, LEXTRA[lc]);
        int dc = decode(&r, &ddec);
        if (dc < 0) { bad = 1; break; }
        int dist = DBASE[dc] + (int)get(&r, DEXTRA[dc]);
        if ((size_t)dist > o || o + (size_t)len > n) { bad = 1; break; }
        for (int k = 0; k < len; k++, o++) out[o] = out[o - dist];
    }
    int same = !bad && o == n && memcmp(in, out, n) == 0;
    printf("input %zu bytes crc %08x\n", n, crc32(in, n));
    printf("lz77: %zu tokens, %zu matches, %zu literals\n", nt, matches, nt - matches);
    printf("huffman: %zu bytes packed (%.2f%% of input), packed crc %08x\n", w.pos, 100.0 * (double)w.pos / (double)n,
           crc32(packed, w.pos));
    printf("decoded %zu bytes crc %08x round trip %s\n", o, crc32(out, o), same ? "OK" : "FAILED");
    free(in);
    free(out);
    free(packed);
    free(toks);
    return same ? 0 : 1;
}
