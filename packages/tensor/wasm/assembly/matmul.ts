/**
 * float32 matrix product C = A B on packed panels, with 128-bit SIMD (the GotoBLAS/BLIS loop
 * nest, as in XNNPACK's f32 gemm "4x8 splat" kernels).
 *
 * A is packed into panels of MR rows and B into panels of NR columns, each stored k-major, so the
 * micro-kernel reads both with unit stride whatever the operands' strides: a transposed operand
 * is only another pair of packing strides. Panels are zero-padded to full MR x NR tiles; the
 * padding only ever lands in output cells that are not stored.
 *
 * The micro-kernel keeps a 4 x 8 tile of C in 8 v128 registers (x64 has 16) and, per step along
 * k, loads 8 values of B (two vectors) and broadcasts 4 values of A: 8 multiply-adds per 6 loads.
 * Cache blocking: a KC x NR panel of B (8 KB) stays in L1 while every row panel of an MC x KC
 * block of A (64 KB, L2) passes over it.
 *
 * All pointers are byte addresses in linear memory, laid out by the JS loader; nothing here
 * allocates, so several threads can run these functions on one shared memory at once.
 */

const MR = 4;
const NR = 8;
const KC = 256;
const MC = 64;

/**
 * Pack the k x n matrix B (element (p, j) at src + 4(p*rs + j*cs)) into ceil(n/NR) panels of
 * k x NR values at dst, zero-padding the last panel's missing columns.
 */
export function packB(src: usize, rs: i32, cs: i32, k: i32, n: i32, dst: usize): void {
  for (let j0 = 0; j0 < n; j0 += NR) {
    const cols = min(NR, n - j0);
    const panel = dst + <usize>(j0 * k) * 4;
    for (let p = 0; p < k; p++) {
      const from = src + (<usize>(p * rs + j0 * cs) << 2);
      const to = panel + (<usize>(p * NR) << 2);
      if (cols == NR && cs == 1) {
        v128.store(to, v128.load(from));
        v128.store(to, v128.load(from, 16), 16);
      } else {
        for (let c = 0; c < NR; c++) store<f32>(to + (<usize>c << 2), c < cols ? load<f32>(from + (<usize>(c * cs) << 2)) : 0);
      }
    }
  }
}

/** Pack rows r0..r1 (r0 a multiple of MR) of the m x k matrix A into MR-row panels at dst (panel i at i*MR*k). */
function packA(src: usize, rs: i32, cs: i32, m: i32, k: i32, r0: i32, r1: i32, dst: usize): void {
  for (let i0 = r0; i0 < r1; i0 += MR) {
    const rows = min(MR, m - i0);
    const panel = dst + (<usize>(i0 * k) << 2);
    for (let r = 0; r < MR; r++) {
      const to = panel + (<usize>r << 2);
      if (r < rows) {
        const from = src + (<usize>((i0 + r) * rs) << 2);
        for (let p = 0; p < k; p++) store<f32>(to + (<usize>(p * MR) << 2), load<f32>(from + (<usize>(p * cs) << 2)));
      } else {
        for (let p = 0; p < k; p++) store<f32>(to + (<usize>(p * MR) << 2), 0);
      }
    }
  }
}

/**
 * One MR x NR tile of C from kc steps of the panels at a and b. The tile is stored (first KC
 * block) or added (later ones) at c, row stride ldc bytes; a tile cut by C's edge goes through
 * the scratch tile at tmp and only its rows x cols corner is written.
 */
// @ts-ignore: decorator
@inline
function tile(a: usize, b: usize, kc: i32, c: usize, ldc: usize, rows: i32, cols: i32, add: bool, tmp: usize): void {
  let c00 = f32x4.splat(0), c01 = f32x4.splat(0);
  let c10 = f32x4.splat(0), c11 = f32x4.splat(0);
  let c20 = f32x4.splat(0), c21 = f32x4.splat(0);
  let c30 = f32x4.splat(0), c31 = f32x4.splat(0);
  for (let p = 0; p < kc; p++) {
    const b0 = v128.load(b);
    const b1 = v128.load(b, 16);
    let x = v128.load32_splat(a);
    c00 = f32x4.add(c00, f32x4.mul(x, b0));
    c01 = f32x4.add(c01, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 4);
    c10 = f32x4.add(c10, f32x4.mul(x, b0));
    c11 = f32x4.add(c11, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 8);
    c20 = f32x4.add(c20, f32x4.mul(x, b0));
    c21 = f32x4.add(c21, f32x4.mul(x, b1));
    x = v128.load32_splat(a, 12);
    c30 = f32x4.add(c30, f32x4.mul(x, b0));
    c31 = f32x4.add(c31, f32x4.mul(x, b1));
    a += MR * 4;
    b += NR * 4;
  }
  const full = rows == MR && cols == NR;
  const out = full ? c : tmp;
  const ld: usize = full ? ldc : NR * 4;
  if (add && full) {
    v128.store(out, f32x4.add(v128.load(out), c00));
    v128.store(out, f32x4.add(v128.load(out, 16), c01), 16);
    v128.store(out + ld, f32x4.add(v128.load(out + ld), c10));
    v128.store(out + ld, f32x4.add(v128.load(out + ld, 16), c11), 16);
    v128.store(out + 2 * ld, f32x4.add(v128.load(out + 2 * ld), c20));
    v128.store(out + 2 * ld, f32x4.add(v128.load(out + 2 * ld, 16), c21), 16);
    v128.store(out + 3 * ld, f32x4.add(v128.load(out + 3 * ld), c30));
    v128.store(out + 3 * ld, f32x4.add(v128.load(out + 3 * ld, 16), c31), 16);
    return;
  }
  v128.store(out, c00);
  v128.store(out, c01, 16);
  v128.store(out + ld, c10);
  v128.store(out + ld, c11, 16);
  v128.store(out + 2 * ld, c20);
  v128.store(out + 2 * ld, c21, 16);
  v128.store(out + 3 * ld, c30);
  v128.store(out + 3 * ld, c31, 16);
  if (full) return;
  for (let r = 0; r < rows; r++) {
    for (let j = 0; j < cols; j++) {
      const to = c + <usize>r * ldc + (<usize>j << 2);
      const v = load<f32>(tmp + (<usize>(r * NR + j) << 2));
      store<f32>(to, add ? load<f32>(to) + v : v);
    }
  }
}

/**
 * Rows r0..r1 of C = A B (C row-major m x n at c; r0 a multiple of MR), with B already packed at
 * pb by packB. Packs A's rows r0..r1 into pa first. Threads split C by disjoint row ranges, so
 * they write disjoint parts of pa and c. tmp: 128 bytes of scratch owned by the caller's thread.
 */
export function matmulRows(a: usize, ars: i32, acs: i32, pb: usize, pa: usize, c: usize, m: i32, k: i32, n: i32, r0: i32, r1: i32, tmp: usize): void {
  packA(a, ars, acs, m, k, r0, r1, pa);
  const ldc = <usize>n << 2;
  for (let p0 = 0; p0 < k; p0 += KC) {
    const kc = min(KC, k - p0);
    for (let i0 = r0; i0 < r1; i0 += MC) {
      const i1 = min(r1, i0 + MC);
      for (let j = 0; j < n; j += NR) {
        const b = pb + (<usize>(j * k + p0 * NR) << 2);
        for (let i = i0; i < i1; i += MR) {
          const a = pa + (<usize>(i * k + p0 * MR) << 2);
          tile(a, b, kc, c + <usize>i * ldc + (<usize>j << 2), ldc, min(MR, m - i), min(NR, n - j), p0 > 0, tmp);
        }
      }
    }
  }
}

/** Where the loader may start laying out buffers: the end of this module's static data. */
export function heapBase(): usize {
  return __heap_base;
}
