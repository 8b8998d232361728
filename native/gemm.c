/*
 * nngrade's native gemm: out = op(a) op(b) (+ out) on row-major doubles,
 * the hand-written kernel no library offers with our guarantee. Every output
 * element is summed over p = 0, 1, ..., k-1 in ascending order, each term a
 * separate multiply and add (no fused multiply-add: built with
 * -ffp-contract=off and only mul/add intrinsics), starting from 0 (or from
 * out when accumulating). That is exactly what the JavaScript and the
 * WebAssembly backends compute, so all of them give the same bits, on one
 * thread or two; this one is just faster (AVX-512 or AVX2, chosen at run
 * time, plain C elsewhere).
 *
 * Layout: op(a) is packed into blocks of MR rows ([block][p][MR]) and op(b)
 * into panels of NR columns ([panel][p][NR]), both zero-padded to whole
 * blocks; a micro-kernel keeps an MR x NR tile of out in registers for KC
 * steps of p at a time (the B micro-panel stays in L1). Lanes are output
 * elements, so vectorising never reorders a sum. Padding lanes are computed
 * and thrown away.
 *
 * Two threads: a persistent helper thread, woken per product (it spins a
 * little first, products of one training step come in quick succession).
 * Both pack half of A and B, meet at a barrier, then each computes its own
 * rows (or columns) of out; every element is computed by one thread.
 */
#define NAPI_VERSION 8
#include <node_api.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sched.h>
#include <unistd.h>

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#define NNG_X86 1
#else
#define NNG_X86 0
#endif

#define KC 256
#define MAX_MR 8
#define MAX_NR 24

typedef struct {
  int mr, nr;
  /* tile (mr x nr, row stride ldc) += ap (kc x mr) * bp (kc x nr), p ascending */
  void (*kernel)(int kc, const double *ap, const double *bp, double *c, long ldc);
} Kernel;

/* a wide and a narrow tile: each product takes the one that pads out's width less (n = 256 fits 16, n = 72 fits 24) */
typedef struct {
  Kernel wide, narrow;
  const char *name;
} Isa;

/* ---- micro-kernels ---------------------------------------------------- */

static void kernel_generic(int kc, const double *ap, const double *bp, double *c, long ldc) {
  double acc[4][4];
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) acc[i][j] = c[i * ldc + j];
  for (int p = 0; p < kc; p++) {
    const double *a = ap + p * 4, *b = bp + p * 4;
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < 4; j++) {
        double t = a[i] * b[j];
        acc[i][j] = acc[i][j] + t;
      }
    }
  }
  for (int i = 0; i < 4; i++)
    for (int j = 0; j < 4; j++) c[i * ldc + j] = acc[i][j];
}

#if NNG_X86
__attribute__((target("avx2"))) static void kernel_avx2(int kc, const double *ap, const double *bp, double *c, long ldc) {
  /* 4 x 12: 12 accumulators + 3 B vectors + a broadcast of A in 16 ymm registers */
  __m256d c00 = _mm256_loadu_pd(c), c01 = _mm256_loadu_pd(c + 4), c02 = _mm256_loadu_pd(c + 8);
  __m256d c10 = _mm256_loadu_pd(c + ldc), c11 = _mm256_loadu_pd(c + ldc + 4), c12 = _mm256_loadu_pd(c + ldc + 8);
  __m256d c20 = _mm256_loadu_pd(c + 2 * ldc), c21 = _mm256_loadu_pd(c + 2 * ldc + 4), c22 = _mm256_loadu_pd(c + 2 * ldc + 8);
  __m256d c30 = _mm256_loadu_pd(c + 3 * ldc), c31 = _mm256_loadu_pd(c + 3 * ldc + 4), c32 = _mm256_loadu_pd(c + 3 * ldc + 8);
  for (int p = 0; p < kc; p++) {
    const double *a = ap + p * 4, *b = bp + p * 12;
    __m256d b0 = _mm256_loadu_pd(b), b1 = _mm256_loadu_pd(b + 4), b2 = _mm256_loadu_pd(b + 8);
    __m256d x = _mm256_broadcast_sd(a);
    c00 = _mm256_add_pd(c00, _mm256_mul_pd(x, b0));
    c01 = _mm256_add_pd(c01, _mm256_mul_pd(x, b1));
    c02 = _mm256_add_pd(c02, _mm256_mul_pd(x, b2));
    x = _mm256_broadcast_sd(a + 1);
    c10 = _mm256_add_pd(c10, _mm256_mul_pd(x, b0));
    c11 = _mm256_add_pd(c11, _mm256_mul_pd(x, b1));
    c12 = _mm256_add_pd(c12, _mm256_mul_pd(x, b2));
    x = _mm256_broadcast_sd(a + 2);
    c20 = _mm256_add_pd(c20, _mm256_mul_pd(x, b0));
    c21 = _mm256_add_pd(c21, _mm256_mul_pd(x, b1));
    c22 = _mm256_add_pd(c22, _mm256_mul_pd(x, b2));
    x = _mm256_broadcast_sd(a + 3);
    c30 = _mm256_add_pd(c30, _mm256_mul_pd(x, b0));
    c31 = _mm256_add_pd(c31, _mm256_mul_pd(x, b1));
    c32 = _mm256_add_pd(c32, _mm256_mul_pd(x, b2));
  }
  _mm256_storeu_pd(c, c00), _mm256_storeu_pd(c + 4, c01), _mm256_storeu_pd(c + 8, c02);
  _mm256_storeu_pd(c + ldc, c10), _mm256_storeu_pd(c + ldc + 4, c11), _mm256_storeu_pd(c + ldc + 8, c12);
  _mm256_storeu_pd(c + 2 * ldc, c20), _mm256_storeu_pd(c + 2 * ldc + 4, c21), _mm256_storeu_pd(c + 2 * ldc + 8, c22);
  _mm256_storeu_pd(c + 3 * ldc, c30), _mm256_storeu_pd(c + 3 * ldc + 4, c31), _mm256_storeu_pd(c + 3 * ldc + 8, c32);
}

#define ROW512(r)                                                                                          \
  __m512d r##0 = _mm512_loadu_pd(c + r * ldc), r##1 = _mm512_loadu_pd(c + r * ldc + 8),                    \
          r##2 = _mm512_loadu_pd(c + r * ldc + 16)
#define STEP512(r)                                        \
  do {                                                    \
    __m512d x = _mm512_set1_pd(a[r]);                     \
    c##r##0 = _mm512_add_pd(c##r##0, _mm512_mul_pd(x, b0)); \
    c##r##1 = _mm512_add_pd(c##r##1, _mm512_mul_pd(x, b1)); \
    c##r##2 = _mm512_add_pd(c##r##2, _mm512_mul_pd(x, b2)); \
  } while (0)
#define STORE512(r)                            \
  _mm512_storeu_pd(c + r * ldc, c##r##0);      \
  _mm512_storeu_pd(c + r * ldc + 8, c##r##1);  \
  _mm512_storeu_pd(c + r * ldc + 16, c##r##2)

__attribute__((target("avx512f"))) static void kernel_avx512(int kc, const double *ap, const double *bp, double *c, long ldc) {
  /* 8 x 24: 24 accumulators + 3 B vectors + a broadcast of A in 32 zmm registers */
  __m512d c00 = _mm512_loadu_pd(c), c01 = _mm512_loadu_pd(c + 8), c02 = _mm512_loadu_pd(c + 16);
  __m512d c10 = _mm512_loadu_pd(c + ldc), c11 = _mm512_loadu_pd(c + ldc + 8), c12 = _mm512_loadu_pd(c + ldc + 16);
  __m512d c20 = _mm512_loadu_pd(c + 2 * ldc), c21 = _mm512_loadu_pd(c + 2 * ldc + 8), c22 = _mm512_loadu_pd(c + 2 * ldc + 16);
  __m512d c30 = _mm512_loadu_pd(c + 3 * ldc), c31 = _mm512_loadu_pd(c + 3 * ldc + 8), c32 = _mm512_loadu_pd(c + 3 * ldc + 16);
  __m512d c40 = _mm512_loadu_pd(c + 4 * ldc), c41 = _mm512_loadu_pd(c + 4 * ldc + 8), c42 = _mm512_loadu_pd(c + 4 * ldc + 16);
  __m512d c50 = _mm512_loadu_pd(c + 5 * ldc), c51 = _mm512_loadu_pd(c + 5 * ldc + 8), c52 = _mm512_loadu_pd(c + 5 * ldc + 16);
  __m512d c60 = _mm512_loadu_pd(c + 6 * ldc), c61 = _mm512_loadu_pd(c + 6 * ldc + 8), c62 = _mm512_loadu_pd(c + 6 * ldc + 16);
  __m512d c70 = _mm512_loadu_pd(c + 7 * ldc), c71 = _mm512_loadu_pd(c + 7 * ldc + 8), c72 = _mm512_loadu_pd(c + 7 * ldc + 16);
  for (int p = 0; p < kc; p++) {
    const double *a = ap + p * 8, *b = bp + p * 24;
    __m512d b0 = _mm512_loadu_pd(b), b1 = _mm512_loadu_pd(b + 8), b2 = _mm512_loadu_pd(b + 16);
    STEP512(0);
    STEP512(1);
    STEP512(2);
    STEP512(3);
    STEP512(4);
    STEP512(5);
    STEP512(6);
    STEP512(7);
  }
  STORE512(0);
  STORE512(1);
  STORE512(2);
  STORE512(3);
  STORE512(4);
  STORE512(5);
  STORE512(6);
  STORE512(7);
}
#endif

#if NNG_X86
#define ROW512N(r) __m512d c##r##0 = _mm512_loadu_pd(c + r * ldc), c##r##1 = _mm512_loadu_pd(c + r * ldc + 8)
#define STEP512N(r)                                         \
  do {                                                      \
    __m512d x = _mm512_set1_pd(a[r]);                       \
    c##r##0 = _mm512_add_pd(c##r##0, _mm512_mul_pd(x, b0)); \
    c##r##1 = _mm512_add_pd(c##r##1, _mm512_mul_pd(x, b1)); \
  } while (0)
#define STORE512N(r)                      \
  _mm512_storeu_pd(c + r * ldc, c##r##0); \
  _mm512_storeu_pd(c + r * ldc + 8, c##r##1)

__attribute__((target("avx512f"))) static void kernel_avx512_narrow(int kc, const double *ap, const double *bp, double *c, long ldc) {
  /* 8 x 16: 16 accumulators, enough in flight for the adds' latency on two ports */
  ROW512N(0);
  ROW512N(1);
  ROW512N(2);
  ROW512N(3);
  ROW512N(4);
  ROW512N(5);
  ROW512N(6);
  ROW512N(7);
  for (int p = 0; p < kc; p++) {
    const double *a = ap + p * 8, *b = bp + p * 16;
    __m512d b0 = _mm512_loadu_pd(b), b1 = _mm512_loadu_pd(b + 8);
    STEP512N(0);
    STEP512N(1);
    STEP512N(2);
    STEP512N(3);
    STEP512N(4);
    STEP512N(5);
    STEP512N(6);
    STEP512N(7);
  }
  STORE512N(0);
  STORE512N(1);
  STORE512N(2);
  STORE512N(3);
  STORE512N(4);
  STORE512N(5);
  STORE512N(6);
  STORE512N(7);
}

__attribute__((target("avx2"))) static void kernel_avx2_narrow(int kc, const double *ap, const double *bp, double *c, long ldc) {
  /* 4 x 8 */
  __m256d c00 = _mm256_loadu_pd(c), c01 = _mm256_loadu_pd(c + 4);
  __m256d c10 = _mm256_loadu_pd(c + ldc), c11 = _mm256_loadu_pd(c + ldc + 4);
  __m256d c20 = _mm256_loadu_pd(c + 2 * ldc), c21 = _mm256_loadu_pd(c + 2 * ldc + 4);
  __m256d c30 = _mm256_loadu_pd(c + 3 * ldc), c31 = _mm256_loadu_pd(c + 3 * ldc + 4);
  for (int p = 0; p < kc; p++) {
    const double *a = ap + p * 4, *b = bp + p * 8;
    __m256d b0 = _mm256_loadu_pd(b), b1 = _mm256_loadu_pd(b + 4);
    __m256d x = _mm256_broadcast_sd(a);
    c00 = _mm256_add_pd(c00, _mm256_mul_pd(x, b0));
    c01 = _mm256_add_pd(c01, _mm256_mul_pd(x, b1));
    x = _mm256_broadcast_sd(a + 1);
    c10 = _mm256_add_pd(c10, _mm256_mul_pd(x, b0));
    c11 = _mm256_add_pd(c11, _mm256_mul_pd(x, b1));
    x = _mm256_broadcast_sd(a + 2);
    c20 = _mm256_add_pd(c20, _mm256_mul_pd(x, b0));
    c21 = _mm256_add_pd(c21, _mm256_mul_pd(x, b1));
    x = _mm256_broadcast_sd(a + 3);
    c30 = _mm256_add_pd(c30, _mm256_mul_pd(x, b0));
    c31 = _mm256_add_pd(c31, _mm256_mul_pd(x, b1));
  }
  _mm256_storeu_pd(c, c00), _mm256_storeu_pd(c + 4, c01);
  _mm256_storeu_pd(c + ldc, c10), _mm256_storeu_pd(c + ldc + 4, c11);
  _mm256_storeu_pd(c + 2 * ldc, c20), _mm256_storeu_pd(c + 2 * ldc + 4, c21);
  _mm256_storeu_pd(c + 3 * ldc, c30), _mm256_storeu_pd(c + 3 * ldc + 4, c31);
}
#endif

static Isa pick_isa(void) {
#if NNG_X86
  __builtin_cpu_init();
  if (__builtin_cpu_supports("avx512f")) return (Isa){{8, 24, kernel_avx512}, {8, 16, kernel_avx512_narrow}, "avx512"};
  if (__builtin_cpu_supports("avx2")) return (Isa){{4, 12, kernel_avx2}, {4, 8, kernel_avx2_narrow}, "avx2"};
#endif
  return (Isa){{4, 4, kernel_generic}, {4, 4, kernel_generic}, "generic"};
}

static Isa isa;

/* ---- one product, shared between threads ----------------------------- */

/*
 * Work is handed out from atomic counters, not split in halves: first the
 * packing (A blocks, then B panels), then groups of output tiles. A thread
 * that is late (the helper asleep, or descheduled on a busy machine) just
 * takes fewer units, and if the helper never joins the main thread does
 * everything. Which thread computes a tile never changes its numbers.
 */
typedef struct {
  int transA, transB, accumulate;
  long m, n, k;
  const double *a, *b;
  double *out;
  double *ap, *bp; /* packed, zero-padded */
  Kernel kern; /* the tile this product uses */
  long mblocks, nblocks;
  int split_rows; /* units are groups of row blocks (1) or of column panels (0) */
  long group; /* blocks or panels a unit */
  long units;
  long number; /* which posted job this is */
  atomic_long next_pack, packs_done, next_unit;
  atomic_int helper; /* 0 open, 1 the helper joined, 2 closed (the main thread finished alone) */
} Job;

static void pack_a(const Job *job, long block) {
  const int mr = job->kern.mr;
  double *dst = job->ap + block * job->k * mr;
  long i0 = block * mr;
  for (long p = 0; p < job->k; p++) {
    for (int r = 0; r < mr; r++) {
      long i = i0 + r;
      dst[p * mr + r] = i < job->m ? (job->transA ? job->a[p * job->m + i] : job->a[i * job->k + p]) : 0.0;
    }
  }
}

static void pack_b(const Job *job, long panel) {
  const int nr = job->kern.nr;
  double *dst = job->bp + panel * job->k * nr;
  long j0 = panel * nr;
  long width = job->n - j0 < nr ? job->n - j0 : nr;
  for (long p = 0; p < job->k; p++) {
    double *row = dst + p * nr;
    if (!job->transB) {
      memcpy(row, job->b + p * job->n + j0, (size_t)width * sizeof(double));
    } else {
      for (long j = 0; j < width; j++) row[j] = job->b[(j0 + j) * job->k + p];
    }
    for (long j = width; j < nr; j++) row[j] = 0.0;
  }
}

/* out's tiles in row blocks [b0, b1) x column panels [p0, p1), KC steps of p at a time */
static void compute(const Job *job, long b0, long b1, long p0, long p1) {
  const int mr = job->kern.mr, nr = job->kern.nr;
  const long ldc = job->n;
  double edge[MAX_MR * MAX_NR];
  for (long pc = 0; pc < job->k; pc += KC) {
    int kc = (int)(job->k - pc < KC ? job->k - pc : KC);
    for (long jb = p0; jb < p1; jb++) {
      const double *bp = job->bp + jb * job->k * nr + pc * nr;
      long j0 = jb * nr;
      long width = job->n - j0 < nr ? job->n - j0 : nr;
      for (long ib = b0; ib < b1; ib++) {
        const double *ap = job->ap + ib * job->k * mr + pc * mr;
        long i0 = ib * mr;
        long height = job->m - i0 < mr ? job->m - i0 : mr;
        double *c = job->out + i0 * ldc + j0;
        if (height == mr && width == nr) {
          job->kern.kernel(kc, ap, bp, c, ldc);
        } else {
          /* an edge tile: through a full-size copy, the padding lanes are thrown away */
          memset(edge, 0, sizeof(edge));
          for (long i = 0; i < height; i++) memcpy(edge + i * nr, c + i * ldc, (size_t)width * sizeof(double));
          job->kern.kernel(kc, ap, bp, edge, nr);
          for (long i = 0; i < height; i++) memcpy(c + i * ldc, edge + i * nr, (size_t)width * sizeof(double));
        }
      }
    }
  }
}

static void relax(long *spins) {
  if (++*spins < 4096) {
#if NNG_X86
    _mm_pause();
#endif
  } else {
    sched_yield(); /* the other thread may be waiting for this core */
  }
}

/* takes packing units, then output units, until none are left */
static void work(Job *job) {
  const long packs = job->mblocks + job->nblocks;
  for (long u; (u = atomic_fetch_add(&job->next_pack, 1)) < packs;) {
    if (u < job->mblocks) pack_a(job, u);
    else pack_b(job, u - job->mblocks);
    atomic_fetch_add(&job->packs_done, 1);
  }
  long spins = 0;
  while (atomic_load(&job->packs_done) < packs) relax(&spins);
  for (long u; (u = atomic_fetch_add(&job->next_unit, 1)) < job->units;) {
    long from = u * job->group;
    if (job->split_rows) {
      long to = from + job->group < job->mblocks ? from + job->group : job->mblocks;
      compute(job, from, to, 0, job->nblocks);
    } else {
      long to = from + job->group < job->nblocks ? from + job->group : job->nblocks;
      compute(job, 0, job->mblocks, from, to);
    }
  }
}

/* ---- the helper thread ------------------------------------------------ */

static pthread_mutex_t call_lock = PTHREAD_MUTEX_INITIALIZER; /* one product at a time, whichever JS thread asks */
static pthread_mutex_t sleep_lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t wake = PTHREAD_COND_INITIALIZER;
static atomic_long posted; /* number of the job posted last */
static atomic_long helper_done; /* number of the last job the helper worked on and left */
static atomic_int sleeping;
/*
 * The one job (call_lock allows one product at a time). A static, not the
 * caller's stack: a helper that wakes late may still look at it after the
 * main thread has returned.
 */
static Job the_job;
static int helper_started;
static int max_threads = 1;
/* about 50 microseconds of spinning before the helper sleeps: a training step's next product comes soon */
#define SPIN_ROUNDS 20000

static void *helper_main(void *unused) {
  (void)unused;
  long seen = 0;
  for (;;) {
    int spins = 0;
    while (atomic_load(&posted) == seen) {
      if (++spins < SPIN_ROUNDS) {
#if NNG_X86
        _mm_pause();
#endif
        continue;
      }
      pthread_mutex_lock(&sleep_lock);
      atomic_store(&sleeping, 1);
      while (atomic_load(&posted) == seen) pthread_cond_wait(&wake, &sleep_lock);
      atomic_store(&sleeping, 0);
      pthread_mutex_unlock(&sleep_lock);
    }
    seen = atomic_load(&posted);
    int open = 0;
    /* join only a job still open: the main thread closes one it finished alone */
    if (atomic_compare_exchange_strong(&the_job.helper, &open, 1)) {
      long number = the_job.number;
      work(&the_job);
      atomic_store(&helper_done, number);
    }
  }
  return NULL;
}

static int start_helper(void) {
  if (helper_started) return 1;
  pthread_t thread;
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
  int ok = pthread_create(&thread, &attr, helper_main, NULL) == 0;
  pthread_attr_destroy(&attr);
  helper_started = ok;
  return ok;
}


static double *scratch;
static size_t scratch_values;

static int gemm(Job *job, int threads, long two_thread_min) {
  /* only the main thread writes these, while the job is closed (helper = 2, or 1 and the helper gone) */
  long wide = (job->n + isa.wide.nr - 1) / isa.wide.nr * isa.wide.nr;
  long narrow = (job->n + isa.narrow.nr - 1) / isa.narrow.nr * isa.narrow.nr;
  job->kern = narrow < wide ? isa.narrow : isa.wide;
  const int mr = job->kern.mr, nr = job->kern.nr;
  job->mblocks = (job->m + mr - 1) / mr;
  job->nblocks = (job->n + nr - 1) / nr;
  size_t need = (size_t)job->mblocks * mr * job->k + (size_t)job->nblocks * nr * job->k;
  if (need > scratch_values) {
    free(scratch);
    scratch = aligned_alloc(64, ((need * sizeof(double)) + 63) / 64 * 64);
    scratch_values = scratch ? need : 0;
    if (!scratch) return 0;
  }
  job->ap = scratch;
  job->bp = scratch + (size_t)job->mblocks * mr * job->k;
  if (!job->accumulate)
    for (long i = 0; i < job->m * job->n; i++) job->out[i] = 0.0;
  /* units: groups of about 4 row blocks (a B micro-panel is reused from L1 across them), or column panels when out is short */
  job->split_rows = job->mblocks >= 4 || job->mblocks >= job->nblocks;
  long blocks = job->split_rows ? job->mblocks : job->nblocks;
  job->group = blocks >= 16 ? 4 : blocks >= 4 ? 2 : 1;
  job->units = (blocks + job->group - 1) / job->group;
  atomic_store(&job->next_pack, 0);
  atomic_store(&job->packs_done, 0);
  atomic_store(&job->next_unit, 0);
  int shared = threads > 1 && job->m * job->n * job->k >= two_thread_min && job->units >= 2 && start_helper();
  if (!shared) {
    work(job); /* the job stays closed (helper = 2): a helper waking now cannot join it */
    return 1;
  }
  long number = atomic_load(&posted) + 1;
  job->number = number;
  atomic_store(&job->helper, 0); /* last: opens the job, every field above is set */
  atomic_store(&posted, number); /* seq_cst, paired with the helper's sleeping flag */
  if (atomic_load(&sleeping)) {
    pthread_mutex_lock(&sleep_lock);
    pthread_cond_signal(&wake);
    pthread_mutex_unlock(&sleep_lock);
  }
  work(job);
  int open = 0;
  if (!atomic_compare_exchange_strong(&job->helper, &open, 2)) {
    /* the helper joined: wait until it has left the job (it touches the job until then) */
    long spins = 0;
    while (atomic_load(&helper_done) != number) relax(&spins);
  }
  return 1;
}

/* ---- Node-API glue ---------------------------------------------------- */

#define CHECK(call)                                                   \
  do {                                                                \
    if ((call) != napi_ok) {                                          \
      napi_throw_error(env, NULL, "native gemm: node-api call failed"); \
      return NULL;                                                    \
    }                                                                 \
  } while (0)

static int float64_array(napi_env env, napi_value value, double **data, size_t *length) {
  bool is_typed;
  if (napi_is_typedarray(env, value, &is_typed) != napi_ok || !is_typed) return 0;
  napi_typedarray_type type;
  void *raw;
  if (napi_get_typedarray_info(env, value, &type, length, &raw, NULL, NULL) != napi_ok) return 0;
  if (type != napi_float64_array) return 0;
  *data = (double *)raw;
  return 1;
}

/*
 * gemm(transA, transB, m, n, k, a, b, out, accumulate, threads, twoThreadMin):
 * products of fewer than twoThreadMin multiply-adds stay on one thread
 */
static napi_value js_gemm(napi_env env, napi_callback_info info) {
  size_t argc = 11;
  napi_value argv[11];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  if (argc != 11) {
    napi_throw_type_error(env, NULL, "native gemm: expected 11 arguments");
    return NULL;
  }
  bool transA, transB, accumulate;
  int64_t m, n, k;
  int32_t threads;
  int64_t two_thread_min;
  CHECK(napi_get_value_bool(env, argv[0], &transA));
  CHECK(napi_get_value_bool(env, argv[1], &transB));
  CHECK(napi_get_value_int64(env, argv[2], &m));
  CHECK(napi_get_value_int64(env, argv[3], &n));
  CHECK(napi_get_value_int64(env, argv[4], &k));
  CHECK(napi_get_value_bool(env, argv[8], &accumulate));
  CHECK(napi_get_value_int32(env, argv[9], &threads));
  CHECK(napi_get_value_int64(env, argv[10], &two_thread_min));
  double *a, *b, *out;
  size_t la, lb, lo;
  if (!float64_array(env, argv[5], &a, &la) || !float64_array(env, argv[6], &b, &lb) || !float64_array(env, argv[7], &out, &lo)) {
    napi_throw_type_error(env, NULL, "native gemm: a, b and out must be Float64Arrays");
    return NULL;
  }
  if (m < 0 || n < 0 || k < 0 || (uint64_t)la < (uint64_t)(m * k) || (uint64_t)lb < (uint64_t)(k * n) || (uint64_t)lo < (uint64_t)(m * n)) {
    napi_throw_range_error(env, NULL, "native gemm: an operand is shorter than the product needs");
    return NULL;
  }
  if (m == 0 || n == 0) return NULL;
  if (k == 0) {
    if (!accumulate) memset(out, 0, (size_t)(m * n) * sizeof(double));
    return NULL;
  }
  pthread_mutex_lock(&call_lock);
  Job *job = &the_job;
  job->transA = transA, job->transB = transB, job->accumulate = accumulate;
  job->m = m, job->n = n, job->k = k, job->a = a, job->b = b, job->out = out;
  int ok = gemm(job, threads < max_threads ? threads : max_threads, (long)two_thread_min);
  pthread_mutex_unlock(&call_lock);
  if (!ok) napi_throw_error(env, NULL, "native gemm: out of memory");
  return NULL;
}

static napi_value js_info(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value result, name, threads;
  CHECK(napi_create_object(env, &result));
  CHECK(napi_create_string_utf8(env, isa.name, NAPI_AUTO_LENGTH, &name));
  CHECK(napi_create_int32(env, max_threads, &threads));
  CHECK(napi_set_named_property(env, result, "isa", name));
  CHECK(napi_set_named_property(env, result, "maxThreads", threads));
  return result;
}


/* ---- element-wise passes (elementwise.c) ------------------------------ */

void nng_add_bias(double *z, const double *bias, size_t rows, size_t cols);
void nng_relu(const double *z, double *a, size_t n);
void nng_relu_backward(const double *z, const double *gradA, double *gradZ, size_t n);
void nng_sum_rows(const double *g, double *out, size_t rows, size_t cols);
void nng_sgd(double *w, const double *g, double lr, size_t n);

/* reads argc Float64Arrays from argv[0..]: 0 and a thrown error when one is not */
static int arrays(napi_env env, napi_value *argv, size_t argc, double **data, size_t *length, const char *op) {
  for (size_t i = 0; i < argc; i++) {
    if (!float64_array(env, argv[i], &data[i], &length[i])) {
      char message[96];
      snprintf(message, sizeof message, "%s: argument %zu must be a Float64Array", op, i + 1);
      napi_throw_type_error(env, NULL, message);
      return 0;
    }
  }
  return 1;
}

static void too_short(napi_env env, const char *op) {
  char message[96];
  snprintf(message, sizeof message, "%s: the arrays do not have matching lengths", op);
  napi_throw_range_error(env, NULL, message);
}

/*
 * The call's arguments, `total` of them, the first `count` Float64Arrays: 0
 * (with an error thrown) when they are not.
 */
static int unwrap(napi_env env, napi_callback_info info, size_t total, size_t count, napi_value *argv, double **d, size_t *len, const char *op) {
  size_t argc = total;
  if (napi_get_cb_info(env, info, &argc, argv, NULL, NULL) != napi_ok || argc != total) {
    napi_throw_type_error(env, NULL, "native kernels: wrong number of arguments");
    return 0;
  }
  return arrays(env, argv, count, d, len, op);
}

/* 0 and a thrown error when the lengths do not fit together */
static int lengths_fit(napi_env env, int fit, const char *op) {
  if (!fit) too_short(env, op);
  return fit;
}

/* addBias(z, bias): z[i][j] += bias[j], cols = bias.length */
static napi_value js_add_bias(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double *d[2];
  size_t len[2];
  if (unwrap(env, info, 2, 2, argv, d, len, "addBias") && lengths_fit(env, len[1] > 0 && len[0] % len[1] == 0, "addBias"))
    nng_add_bias(d[0], d[1], len[0] / len[1], len[1]);
  return NULL;
}

/* relu(z, a) */
static napi_value js_relu(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double *d[2];
  size_t len[2];
  if (unwrap(env, info, 2, 2, argv, d, len, "relu") && lengths_fit(env, len[1] == len[0], "relu")) nng_relu(d[0], d[1], len[0]);
  return NULL;
}

/* reluBackward(z, gradA, gradZ) */
static napi_value js_relu_backward(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  double *d[3];
  size_t len[3];
  if (unwrap(env, info, 3, 3, argv, d, len, "reluBackward") && lengths_fit(env, len[1] == len[0] && len[2] == len[0], "reluBackward"))
    nng_relu_backward(d[0], d[1], d[2], len[0]);
  return NULL;
}

/* sumRows(g, out): cols = out.length */
static napi_value js_sum_rows(napi_env env, napi_callback_info info) {
  napi_value argv[2];
  double *d[2];
  size_t len[2];
  if (unwrap(env, info, 2, 2, argv, d, len, "sumRows") && lengths_fit(env, len[1] > 0 && len[0] % len[1] == 0, "sumRows"))
    nng_sum_rows(d[0], d[1], len[0] / len[1], len[1]);
  return NULL;
}

/* sgd(w, g, lr) */
static napi_value js_sgd(napi_env env, napi_callback_info info) {
  napi_value argv[3];
  double *d[2];
  size_t len[2];
  double lr;
  if (!unwrap(env, info, 3, 2, argv, d, len, "sgd")) return NULL;
  CHECK(napi_get_value_double(env, argv[2], &lr));
  if (lengths_fit(env, len[1] == len[0], "sgd")) nng_sgd(d[0], d[1], lr, len[0]);
  return NULL;
}

static int export_function(napi_env env, napi_value exports, const char *name, napi_callback callback) {
  napi_value fn;
  return napi_create_function(env, name, NAPI_AUTO_LENGTH, callback, NULL, &fn) == napi_ok &&
         napi_set_named_property(env, exports, name, fn) == napi_ok;
}

NAPI_MODULE_INIT() {
  static int initialised;
  pthread_mutex_lock(&call_lock);
  if (!initialised) {
    isa = pick_isa();
    atomic_store(&the_job.helper, 2);
    long cpus = sysconf(_SC_NPROCESSORS_ONLN);
    max_threads = cpus >= 2 ? 2 : 1;
    initialised = 1;
  }
  pthread_mutex_unlock(&call_lock);
  if (!export_function(env, exports, "gemm", js_gemm) || !export_function(env, exports, "info", js_info) ||
      !export_function(env, exports, "addBias", js_add_bias) || !export_function(env, exports, "relu", js_relu) ||
      !export_function(env, exports, "reluBackward", js_relu_backward) || !export_function(env, exports, "sumRows", js_sum_rows) ||
      !export_function(env, exports, "sgd", js_sgd))
    return NULL;
  return exports;
}
