/* Double-precision kernels: a dense matrix multiply, a Mandelbrot set and an n-body simulation
 * (with sqrt, which IEEE 754 rounds correctly everywhere), scaled by argv[1]. Built with
 * -ffp-contract=off so that no compiler fuses a multiply and an add on one host and not on another:
 * every host then computes the same bits, and the checksum hashes those bits.
 *
 * ppcvm-bench: args=6 quick=1 cflags=-ffp-contract=off
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MATRIX 96
#define MANDEL_SIZE 160
#define MANDEL_ITERATIONS 200
#define BODIES 5
#define NBODY_STEPS 20000

static uint64_t checksum = 0xCBF29CE484222325u;

static void mix(double value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    checksum = (checksum ^ bits) * 0x100000001B3u;
}

static double a[MATRIX][MATRIX], b[MATRIX][MATRIX], c[MATRIX][MATRIX];

static void matrix_multiply(int round) {
    for (int i = 0; i < MATRIX; i++) {
        for (int j = 0; j < MATRIX; j++) {
            a[i][j] = (double)((i * 7 + j * 3 + round) % 17) / 8.0 - 1.0;
            b[i][j] = (double)((i * 5 + j * 11 + round) % 13) / 4.0 - 1.5;
        }
    }
    for (int i = 0; i < MATRIX; i++) {
        for (int j = 0; j < MATRIX; j++) {
            c[i][j] = 0.0;
        }
        for (int k = 0; k < MATRIX; k++) {
            double aik = a[i][k];
            for (int j = 0; j < MATRIX; j++) {
                c[i][j] += aik * b[k][j];
            }
        }
    }
    for (int i = 0; i < MATRIX; i++) {
        mix(c[i][(i * 13) % MATRIX]);
    }
}

static void mandelbrot(int round) {
    uint32_t inside = 0, total = 0;
    double zoom = 1.0 + round * 0.25;
    for (int y = 0; y < MANDEL_SIZE; y++) {
        double ci = (y - MANDEL_SIZE / 2) * (2.4 / zoom / MANDEL_SIZE);
        for (int x = 0; x < MANDEL_SIZE; x++) {
            double cr = -0.6 + (x - MANDEL_SIZE / 2) * (3.0 / zoom / MANDEL_SIZE);
            double zr = 0.0, zi = 0.0;
            int n = 0;
            while (n < MANDEL_ITERATIONS && zr * zr + zi * zi <= 4.0) {
                double t = zr * zr - zi * zi + cr;
                zi = 2.0 * zr * zi + ci;
                zr = t;
                n++;
            }
            total += (uint32_t)n;
            inside += n == MANDEL_ITERATIONS;
        }
    }
    mix((double)total);
    mix((double)inside);
}

struct body {
    double x, y, z, vx, vy, vz, mass;
};

static void nbody(int round) {
    struct body bodies[BODIES];
    for (int i = 0; i < BODIES; i++) {
        bodies[i] = (struct body){
            .x = i * 1.5 - 3.0,
            .y = (i % 2) * 0.75 + round * 0.01,
            .z = (i % 3) * 0.5 - 0.5,
            .vx = 0.01 * (i - 2),
            .vy = 0.02 * (2 - i),
            .vz = 0.005 * i,
            .mass = 0.5 + i * 0.25,
        };
    }
    const double dt = 0.001;
    for (int step = 0; step < NBODY_STEPS; step++) {
        for (int i = 0; i < BODIES; i++) {
            for (int j = i + 1; j < BODIES; j++) {
                double dx = bodies[i].x - bodies[j].x;
                double dy = bodies[i].y - bodies[j].y;
                double dz = bodies[i].z - bodies[j].z;
                double d2 = dx * dx + dy * dy + dz * dz + 0.01;
                double magnitude = dt / (d2 * sqrt(d2));
                bodies[i].vx -= dx * bodies[j].mass * magnitude;
                bodies[i].vy -= dy * bodies[j].mass * magnitude;
                bodies[i].vz -= dz * bodies[j].mass * magnitude;
                bodies[j].vx += dx * bodies[i].mass * magnitude;
                bodies[j].vy += dy * bodies[i].mass * magnitude;
                bodies[j].vz += dz * bodies[i].mass * magnitude;
            }
        }
        for (int i = 0; i < BODIES; i++) {
            bodies[i].x += dt * bodies[i].vx;
            bodies[i].y += dt * bodies[i].vy;
            bodies[i].z += dt * bodies[i].vz;
        }
    }
    double energy = 0.0;
    for (int i = 0; i < BODIES; i++) {
        struct body *p = &bodies[i];
        energy += 0.5 * p->mass * (p->vx * p->vx + p->vy * p->vy + p->vz * p->vz);
        mix(p->x);
        mix(p->y);
        mix(p->z);
    }
    mix(energy);
}

int main(int argc, char **argv) {
    int rounds = argc > 1 ? atoi(argv[1]) : 6;
    for (int round = 0; round < rounds; round++) {
        matrix_multiply(round);
        mandelbrot(round);
        nbody(round);
    }
    printf("fp: %d rounds, c[1][2]=%.17g\n", rounds, c[1][2]);
    printf("fp: checksum %016llx\n", (unsigned long long)checksum);
    return 0;
}
