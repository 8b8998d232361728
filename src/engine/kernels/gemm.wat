;; Deterministic float64 matrix multiply for the engine, in WebAssembly SIMD.
;;
;; Why it is written by hand: no npm library gives a float64 gemm whose
;; summation order is fixed. BLAS-style libraries reorder, split and fuse the
;; sums over p (FMA, relaxed SIMD, k-parallel threads), so their last bits
;; change with the machine and the thread count, and the engine's references
;; must not. This file is small enough to read and to check.
;;
;; The contract (see index.ts): out[i][j] = ((start + a[i][0] b[0][j]) +
;; a[i][1] b[1][j]) + ... with p ascending, each product rounded on its own
;; (f64x2.mul, then f64x2.add; no fused or relaxed operation), start = +0, or
;; the old out[i][j] when accumulating. The two SIMD lanes are two adjacent
;; output columns, so the lanes never mix. Blocking over k keeps the order:
;; a later block of p starts from the partial sums the earlier one stored.
;;
;; Layout: GotoBLAS-style. All of B is packed once, per block of KC depths,
;; into panels of 4 columns that every thread reads; each thread packs the
;; rows of A it works on (MC x KC at most) into panels of 4 rows. Edges are
;; zero-padded (padded lanes are computed and thrown away; padding never
;; touches p). The micro-kernel keeps a 4x4 tile of out in eight v128
;; registers; V8 gives wasm 15 xmm registers, and 4x4 measured as fast as
;; 4x6, 6x4 or 3x8.
;;
;; Threads: one thread packs B (packB); then every thread calls rows with the
;; same arguments but its own scratch, and takes chunks of rows of out from a
;; shared counter, large chunks first and 4 rows at the end (guided
;; scheduling), so a thread that starts late or runs slow simply takes fewer.
;; Who computes a row never changes how it is summed.
;;
;; Build: npx tsx scripts/build-wasm.ts (wabt's wat2wasm), which writes gemm.wasm.
(module
  (import "env" "memory" (memory 1 32768 shared))

  ;; block sizes: a B panel (KC x 4) stays in L1, a thread's A block (MC x KC) in L2
  (global $KC i32 (i32.const 256))
  (global $MC i32 (i32.const 128))

  ;; bytes of scratch one thread needs: an edge tile and its A block
  (func (export "workBytes") (result i32)
    (i32.add (i32.const 128)
      (i32.mul (i32.add (global.get $MC) (i32.const 4)) (i32.shl (global.get $KC) (i32.const 3)))))

  ;; bytes of the shared packed B of a k x n product: every block of depths
  ;; padded to KC, every panel to 4 columns
  (func (export "packedBytes") (param $n i32) (param $k i32) (result i32)
    (i32.mul
      (i32.mul (i32.div_u (i32.add (local.get $k) (i32.sub (global.get $KC) (i32.const 1))) (global.get $KC)) (global.get $KC))
      (i32.shl (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)) (i32.const 5))))

  ;; the 4x4 tile at c (row stride ldc bytes) += packed A panel (kc x 4) times
  ;; packed B panel (kc x 4); starts from +0 instead of c unless load is set
  (func $kernel (param $pa i32) (param $pb i32) (param $kc i32) (param $c i32) (param $ldc i32) (param $load i32)
    (local $c00 v128) (local $c01 v128) (local $c10 v128) (local $c11 v128)
    (local $c20 v128) (local $c21 v128) (local $c30 v128) (local $c31 v128)
    (local $b0 v128) (local $b1 v128) (local $a v128) (local $row i32)
    (if (local.get $load)
      (then
        (local.set $row (local.get $c))
        (local.set $c00 (v128.load (local.get $row)))
        (local.set $c01 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c10 (v128.load (local.get $row)))
        (local.set $c11 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c20 (v128.load (local.get $row)))
        (local.set $c21 (v128.load offset=16 (local.get $row)))
        (local.set $row (i32.add (local.get $row) (local.get $ldc)))
        (local.set $c30 (v128.load (local.get $row)))
        (local.set $c31 (v128.load offset=16 (local.get $row)))))
    ;; one p per iteration: unrolling measured slower (V8 then spills)
    (loop $depth
      (local.set $b0 (v128.load (local.get $pb)))
      (local.set $b1 (v128.load offset=16 (local.get $pb)))
      (local.set $a (v128.load64_splat (local.get $pa)))
      (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=8 (local.get $pa)))
      (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=16 (local.get $pa)))
      (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $a (v128.load64_splat offset=24 (local.get $pa)))
      (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $a) (local.get $b0))))
      (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $a) (local.get $b1))))
      (local.set $pa (i32.add (local.get $pa) (i32.const 32)))
      (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
      (br_if $depth (local.tee $kc (i32.sub (local.get $kc) (i32.const 1)))))
    (local.set $row (local.get $c))
    (v128.store (local.get $row) (local.get $c00))
    (v128.store offset=16 (local.get $row) (local.get $c01))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c10))
    (v128.store offset=16 (local.get $row) (local.get $c11))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c20))
    (v128.store offset=16 (local.get $row) (local.get $c21))
    (local.set $row (i32.add (local.get $row) (local.get $ldc)))
    (v128.store (local.get $row) (local.get $c30))
    (v128.store offset=16 (local.get $row) (local.get $c31)))

  ;; packs the block x[r0 .. r0+count) x [p0 .. p0+kc) of a matrix whose
  ;; element (r, p) sits at x + r*sr + p*sp into panels of 4 lines, each panel
  ;; kc x 4 contiguous ([panel][p][line]); lines past count are zeros. The same
  ;; routine packs rows of A (r = i) and columns of B (r = j), any transpose:
  ;; either the lines are adjacent in memory (sr = 8) or the p's are (sp = 8).
  (func $pack (param $x i32) (param $sr i32) (param $sp i32) (param $r0 i32) (param $count i32)
      (param $p0 i32) (param $kc i32) (param $dst i32)
    (local $panel i32) (local $src i32)
    (local.set $panel (i32.const 0))
    (loop $panels
      (local.set $src (i32.add (local.get $x) (i32.add
        (i32.mul (i32.add (local.get $r0) (local.get $panel)) (local.get $sr))
        (i32.mul (local.get $p0) (local.get $sp)))))
      (if (i32.lt_u (i32.sub (local.get $count) (local.get $panel)) (i32.const 4))
        (then (call $packEdge (local.get $src) (local.get $sr) (local.get $sp)
          (i32.sub (local.get $count) (local.get $panel)) (local.get $kc) (local.get $dst)))
        (else (if (i32.eq (local.get $sr) (i32.const 8))
          (then (call $packLines (local.get $src) (local.get $sp) (local.get $kc) (local.get $dst)))
          (else (call $packDepth (local.get $src) (local.get $sr) (local.get $kc) (local.get $dst))))))
      (local.set $dst (i32.add (local.get $dst) (i32.shl (local.get $kc) (i32.const 5))))
      (br_if $panels (i32.lt_u (local.tee $panel (i32.add (local.get $panel) (i32.const 4))) (local.get $count)))))

  ;; a full panel whose 4 lines are adjacent: 32 bytes per p, p apart by sp
  (func $packLines (param $src i32) (param $sp i32) (param $kc i32) (param $dst i32)
    (loop $depth
      (v128.store (local.get $dst) (v128.load (local.get $src)))
      (v128.store offset=16 (local.get $dst) (v128.load offset=16 (local.get $src)))
      (local.set $src (i32.add (local.get $src) (local.get $sp)))
      (local.set $dst (i32.add (local.get $dst) (i32.const 32)))
      (br_if $depth (local.tee $kc (i32.sub (local.get $kc) (i32.const 1))))))

  ;; a full panel whose p's are adjacent (lines sr apart): two p's of the four
  ;; lines at a time, transposed in registers by 64-bit unpacks
  (func $packDepth (param $src i32) (param $sr i32) (param $kc i32) (param $dst i32)
    (local $s1 i32) (local $s2 i32) (local $s3 i32) (local $pairs i32)
    (local $l0 v128) (local $l1 v128) (local $l2 v128) (local $l3 v128)
    (local.set $s1 (i32.add (local.get $src) (local.get $sr)))
    (local.set $s2 (i32.add (local.get $s1) (local.get $sr)))
    (local.set $s3 (i32.add (local.get $s2) (local.get $sr)))
    (if (local.tee $pairs (i32.shr_u (local.get $kc) (i32.const 1)))
      (then
        (loop $depth
          (local.set $l0 (v128.load (local.get $src)))
          (local.set $l1 (v128.load (local.get $s1)))
          (local.set $l2 (v128.load (local.get $s2)))
          (local.set $l3 (v128.load (local.get $s3)))
          (v128.store (local.get $dst)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $l0) (local.get $l1)))
          (v128.store offset=16 (local.get $dst)
            (i8x16.shuffle 0 1 2 3 4 5 6 7 16 17 18 19 20 21 22 23 (local.get $l2) (local.get $l3)))
          (v128.store offset=32 (local.get $dst)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $l0) (local.get $l1)))
          (v128.store offset=48 (local.get $dst)
            (i8x16.shuffle 8 9 10 11 12 13 14 15 24 25 26 27 28 29 30 31 (local.get $l2) (local.get $l3)))
          (local.set $src (i32.add (local.get $src) (i32.const 16)))
          (local.set $s1 (i32.add (local.get $s1) (i32.const 16)))
          (local.set $s2 (i32.add (local.get $s2) (i32.const 16)))
          (local.set $s3 (i32.add (local.get $s3) (i32.const 16)))
          (local.set $dst (i32.add (local.get $dst) (i32.const 64)))
          (br_if $depth (local.tee $pairs (i32.sub (local.get $pairs) (i32.const 1)))))))
    (if (i32.and (local.get $kc) (i32.const 1))
      (then
        (f64.store (local.get $dst) (f64.load (local.get $src)))
        (f64.store offset=8 (local.get $dst) (f64.load (local.get $s1)))
        (f64.store offset=16 (local.get $dst) (f64.load (local.get $s2)))
        (f64.store offset=24 (local.get $dst) (f64.load (local.get $s3))))))

  ;; the last panel, with count < 4 lines: element by element, zeros past count
  (func $packEdge (param $src i32) (param $sr i32) (param $sp i32) (param $count i32) (param $kc i32) (param $dst i32)
    (local $line i32) (local $p i32) (local $from i32) (local $to i32)
    (loop $lines
      (local.set $from (i32.add (local.get $src) (i32.mul (local.get $line) (local.get $sr))))
      (local.set $to (i32.add (local.get $dst) (i32.shl (local.get $line) (i32.const 3))))
      (local.set $p (local.get $kc))
      (if (i32.lt_u (local.get $line) (local.get $count))
        (then
          (loop $copy
            (f64.store (local.get $to) (f64.load (local.get $from)))
            (local.set $from (i32.add (local.get $from) (local.get $sp)))
            (local.set $to (i32.add (local.get $to) (i32.const 32)))
            (br_if $copy (local.tee $p (i32.sub (local.get $p) (i32.const 1))))))
        (else
          (loop $zero
            (f64.store (local.get $to) (f64.const 0))
            (local.set $to (i32.add (local.get $to) (i32.const 32)))
            (br_if $zero (local.tee $p (i32.sub (local.get $p) (i32.const 1)))))))
      (br_if $lines (i32.lt_u (local.tee $line (i32.add (local.get $line) (i32.const 1))) (i32.const 4)))))

  ;; copies a rows x cols block between two row-major places (strides in bytes)
  (func $copyBlock (param $from i32) (param $fromStride i32) (param $to i32) (param $toStride i32)
      (param $rows i32) (param $cols i32)
    (local $q i32)
    (loop $row
      (local.set $q (i32.const 0))
      (loop $col
        (f64.store (i32.add (local.get $to) (i32.shl (local.get $q) (i32.const 3)))
          (f64.load (i32.add (local.get $from) (i32.shl (local.get $q) (i32.const 3)))))
        (br_if $col (i32.lt_u (local.tee $q (i32.add (local.get $q) (i32.const 1))) (local.get $cols))))
      (local.set $from (i32.add (local.get $from) (local.get $fromStride)))
      (local.set $to (i32.add (local.get $to) (local.get $toStride)))
      (br_if $row (local.tee $rows (i32.sub (local.get $rows) (i32.const 1))))))

  ;; rows [i0, i0 + mc) of out, mc <= MC, from the packed B: for each block of
  ;; depths in ascending order, pack those rows of A, then run the micro-kernel
  ;; over every 4x4 tile; a later block starts from what the earlier stored
  (func $chunk (param $a i32) (param $si i32) (param $sp i32) (param $i0 i32) (param $mc i32)
      (param $n i32) (param $k i32) (param $out i32) (param $accumulate i32) (param $packed i32) (param $work i32)
    (local $ldc i32) (local $panels i32) (local $tile i32) (local $bufA i32) (local $block i32)
    (local $pc i32) (local $kc i32) (local $load i32) (local $jr i32) (local $ir i32)
    (local $pa i32) (local $pb i32) (local $cp i32) (local $rows i32) (local $cols i32)
    (local.set $ldc (i32.shl (local.get $n) (i32.const 3)))
    (local.set $panels (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
    (local.set $tile (local.get $work))
    (local.set $bufA (i32.add (local.get $work) (i32.const 128)))
    (loop $depthBlocks
      (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
      (if (i32.gt_u (local.get $kc) (global.get $KC)) (then (local.set $kc (global.get $KC))))
      ;; the first block of p starts from +0 unless accumulating; later ones from the stored partial sums
      (local.set $load (i32.or (local.get $accumulate) (i32.ne (local.get $pc) (i32.const 0))))
      (call $pack (local.get $a) (local.get $si) (local.get $sp) (local.get $i0) (local.get $mc)
        (local.get $pc) (local.get $kc) (local.get $bufA))
      ;; this block's panels start at pc * panels * 32 (pc is a multiple of KC)
      (local.set $block (i32.add (local.get $packed) (i32.shl (i32.mul (local.get $pc) (local.get $panels)) (i32.const 5))))
      (local.set $jr (i32.const 0))
      (loop $columnPanels
        (local.set $pb (i32.add (local.get $block) (i32.shl (i32.mul (local.get $jr) (local.get $kc)) (i32.const 3))))
        (local.set $cols (i32.sub (local.get $n) (local.get $jr)))
        (if (i32.gt_u (local.get $cols) (i32.const 4)) (then (local.set $cols (i32.const 4))))
        (local.set $ir (i32.const 0))
        (loop $rowPanels
          (local.set $pa (i32.add (local.get $bufA) (i32.shl (i32.mul (local.get $ir) (local.get $kc)) (i32.const 3))))
          (local.set $rows (i32.sub (local.get $mc) (local.get $ir)))
          (if (i32.gt_u (local.get $rows) (i32.const 4)) (then (local.set $rows (i32.const 4))))
          (local.set $cp (i32.add (local.get $out) (i32.shl
            (i32.add (i32.mul (i32.add (local.get $i0) (local.get $ir)) (local.get $n)) (local.get $jr))
            (i32.const 3))))
          (if (i32.and (i32.eq (local.get $rows) (i32.const 4)) (i32.eq (local.get $cols) (i32.const 4)))
            (then
              (call $kernel (local.get $pa) (local.get $pb) (local.get $kc) (local.get $cp) (local.get $ldc) (local.get $load)))
            (else
              ;; an edge tile goes through a 4x4 scratch tile so that nothing past out's edge is touched
              (if (local.get $load)
                (then (call $copyBlock (local.get $cp) (local.get $ldc) (local.get $tile) (i32.const 32)
                  (local.get $rows) (local.get $cols))))
              (call $kernel (local.get $pa) (local.get $pb) (local.get $kc) (local.get $tile) (i32.const 32) (local.get $load))
              (call $copyBlock (local.get $tile) (i32.const 32) (local.get $cp) (local.get $ldc)
                (local.get $rows) (local.get $cols))))
          (br_if $rowPanels (i32.lt_u (local.tee $ir (i32.add (local.get $ir) (i32.const 4))) (local.get $mc))))
        (br_if $columnPanels (i32.lt_u (local.tee $jr (i32.add (local.get $jr) (i32.const 4))) (local.get $n))))
      (br_if $depthBlocks (i32.lt_u (local.tee $pc (i32.add (local.get $pc) (local.get $kc))) (local.get $k)))))

  ;; packs all of b (k x n, or n x k when transB) at packed: block after block
  ;; of KC depths, each as panels of 4 columns (see rows for the offsets)
  (func (export "packB") (param $transB i32) (param $n i32) (param $k i32) (param $b i32) (param $packed i32)
    (local $sj i32) (local $tp i32) (local $pc i32) (local $kc i32) (local $panels i32)
    (if (i32.or (i32.eqz (local.get $k)) (i32.eqz (local.get $n))) (then (return)))
    ;; element (j, p) of op(b) at b + j*sj + p*tp
    (if (local.get $transB)
      (then (local.set $sj (i32.shl (local.get $k) (i32.const 3))) (local.set $tp (i32.const 8)))
      (else (local.set $sj (i32.const 8)) (local.set $tp (i32.shl (local.get $n) (i32.const 3)))))
    (local.set $panels (i32.shr_u (i32.add (local.get $n) (i32.const 3)) (i32.const 2)))
    (loop $depthBlocks
      (local.set $kc (i32.sub (local.get $k) (local.get $pc)))
      (if (i32.gt_u (local.get $kc) (global.get $KC)) (then (local.set $kc (global.get $KC))))
      (call $pack (local.get $b) (local.get $sj) (local.get $tp) (i32.const 0) (local.get $n) (local.get $pc) (local.get $kc)
        (i32.add (local.get $packed) (i32.shl (i32.mul (local.get $pc) (local.get $panels)) (i32.const 5))))
      (br_if $depthBlocks (i32.lt_u (local.tee $pc (i32.add (local.get $pc) (local.get $kc))) (local.get $k)))))

  ;; out = op(a) op(b) (+ out) for the rows this thread takes. a is m x k (k x
  ;; m when transA), out is m x n, row-major at byte offsets; packed is B as
  ;; packB left it; work is this thread's scratch (workBytes). next is an i32
  ;; that starts at 0 for each product: the first row not yet taken. A thread
  ;; takes about a quarter of the rows left (a multiple of 4, at most MC),
  ;; until none are left.
  (func (export "rows") (param $transA i32) (param $m i32) (param $n i32) (param $k i32)
      (param $a i32) (param $out i32) (param $accumulate i32) (param $packed i32) (param $next i32) (param $work i32)
    (local $si i32) (local $sp i32) (local $i0 i32) (local $mc i32)
    (if (i32.or (i32.eqz (local.get $k)) (i32.or (i32.eqz (local.get $m)) (i32.eqz (local.get $n))))
      (then (return)))
    ;; element (i, p) of op(a) at a + i*si + p*sp
    (if (local.get $transA)
      (then (local.set $si (i32.const 8)) (local.set $sp (i32.shl (local.get $m) (i32.const 3))))
      (else (local.set $si (i32.shl (local.get $k) (i32.const 3))) (local.set $sp (i32.const 8))))
    (loop $chunks
      (local.set $i0 (i32.atomic.load (local.get $next)))
      (if (i32.lt_u (local.get $i0) (local.get $m))
        (then
          ;; a quarter of what is left, rounded up to a multiple of 4, between 4 and MC
          (local.set $mc (i32.and (i32.add (i32.shr_u (i32.sub (local.get $m) (local.get $i0)) (i32.const 2)) (i32.const 3))
            (i32.const -4)))
          (if (i32.lt_u (local.get $mc) (i32.const 4)) (then (local.set $mc (i32.const 4))))
          (if (i32.gt_u (local.get $mc) (global.get $MC)) (then (local.set $mc (global.get $MC))))
          (if (i32.gt_u (local.get $mc) (i32.sub (local.get $m) (local.get $i0)))
            (then (local.set $mc (i32.sub (local.get $m) (local.get $i0)))))
          ;; take rows [i0, i0 + mc) unless the other thread moved next first
          (if (i32.eq (local.get $i0)
                (i32.atomic.rmw.cmpxchg (local.get $next) (local.get $i0) (i32.add (local.get $i0) (local.get $mc))))
            (then
              (call $chunk (local.get $a) (local.get $si) (local.get $sp) (local.get $i0) (local.get $mc)
                (local.get $n) (local.get $k) (local.get $out) (local.get $accumulate) (local.get $packed) (local.get $work))))
          (br $chunks)))))
)
