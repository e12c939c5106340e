/*
 * OpenBLAS dgemm/sgemm reference figures for the matmul targets: C = A * B, square, row-major,
 * inputs in [-1, 1). Prints one line per thread count: median and best GFLOP/s over repeated
 * calls after a warm-up. Usage: dgemm N REPS THREADS... (env PRECISION=f32 for sgemm)
 */
#include <cblas.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

extern void openblas_set_num_threads(int);

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec * 1e-9;
}

static int cmp(const void *a, const void *b) {
    double x = *(const double *) a, y = *(const double *) b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv) {
    if (argc < 4) {
        fprintf(stderr, "usage: %s N REPS THREADS...\n", argv[0]);
        return 2;
    }
    int n = atoi(argv[1]), reps = atoi(argv[2]);
    int f32 = getenv("PRECISION") && strcmp(getenv("PRECISION"), "f32") == 0;
    size_t elems = (size_t) n * n;
    double *a = malloc(elems * sizeof(double)), *b = malloc(elems * sizeof(double)), *c = malloc(elems * sizeof(double));
    float *af = malloc(elems * sizeof(float)), *bf = malloc(elems * sizeof(float)), *cf = malloc(elems * sizeof(float));
    srand(42);
    for (size_t i = 0; i < elems; i++) {
        a[i] = 2.0 * rand() / RAND_MAX - 1.0;
        b[i] = 2.0 * rand() / RAND_MAX - 1.0;
        af[i] = (float) a[i];
        bf[i] = (float) b[i];
    }
    double *secs = malloc(reps * sizeof(double));
    for (int t = 3; t < argc; t++) {
        int threads = atoi(argv[t]);
        openblas_set_num_threads(threads);
        for (int r = -reps / 2; r < reps; r++) {           /* the first reps/2 calls warm up */
            double t0 = now();
            if (f32) {
                cblas_sgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0f, af, n, bf, n, 0.0f, cf, n);
            } else {
                cblas_dgemm(CblasRowMajor, CblasNoTrans, CblasNoTrans, n, n, n, 1.0, a, n, b, n, 0.0, c, n);
            }
            double dt = now() - t0;
            if (r >= 0) {
                secs[r] = dt;
            }
        }
        qsort(secs, reps, sizeof(double), cmp);
        double flops = 2.0 * n * n * (double) n;
        printf("openblas %s n=%d threads=%d median %.2f GFLOP/s best %.2f GFLOP/s (%d calls)\n",
               f32 ? "sgemm" : "dgemm", n, threads, flops / secs[reps / 2] / 1e9, flops / secs[0] / 1e9, reps);
    }
    return 0;
}
