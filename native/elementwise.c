/*
 * The element-wise passes of a training step (bias add, relu and its
 * backward, column sums, the SGD update), native because in JavaScript they
 * cost as much as the products they sit between. Each is the plain loop the
 * JavaScript kernel runs, with the same operations in the same order and no
 * fused multiply-add (-ffp-contract=off), so the results are the same bits;
 * GCC vectorises the loops across independent elements, for AVX-512, AVX2 or
 * the baseline, picked at load time (target_clones).
 */
#include <stddef.h>

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CLONES
#endif

/* z[i][j] = z[i][j] + bias[j] */
CLONES void nng_add_bias(double *restrict z, const double *restrict bias, size_t rows, size_t cols) {
  for (size_t i = 0; i < rows; i++) {
    double *row = z + i * cols;
    for (size_t j = 0; j < cols; j++) row[j] = row[j] + bias[j];
  }
}

/* a = max(z, 0) as Math.max computes it: NaN stays NaN, -0 becomes +0 */
CLONES void nng_relu(const double *z, double *a, size_t n) {
  for (size_t i = 0; i < n; i++) {
    double v = z[i];
    a[i] = (v > 0.0 || v != v) ? v : 0.0;
  }
}

/* gradZ = z > 0 ? gradA : 0 (gradZ may be gradA) */
CLONES void nng_relu_backward(const double *z, const double *gradA, double *gradZ, size_t n) {
  for (size_t i = 0; i < n; i++) gradZ[i] = z[i] > 0.0 ? gradA[i] : 0.0;
}

/* out[j] = 0 + g[0][j] + g[1][j] + ..., top to bottom */
CLONES void nng_sum_rows(const double *restrict g, double *restrict out, size_t rows, size_t cols) {
  for (size_t j = 0; j < cols; j++) out[j] = 0.0;
  for (size_t i = 0; i < rows; i++) {
    const double *row = g + i * cols;
    for (size_t j = 0; j < cols; j++) out[j] = out[j] + row[j];
  }
}

/* w = w - lr * g */
CLONES void nng_sgd(double *restrict w, const double *restrict g, double lr, size_t n) {
  for (size_t i = 0; i < n; i++) w[i] = w[i] - lr * g[i];
}
