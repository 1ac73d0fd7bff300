/**
 * One matrix product C = A B on the cpu, fast enough to keep up with TensorFlow.js's plain-JS
 * backend. A and B are first copied into Float64Arrays, A by rows and B by columns, so that every
 * output element is a dot product of two contiguous runs whatever the strides; the copies cost
 * O(n^2) against the product's O(n^3). Each pass then computes a 2x2 block of C at once: four
 * running sums in registers share each value loaded from A and B.
 * Loops are blocked for the cache: a panel of 256 values along k of 64 columns of B (128 KB)
 * stays in cache while every row pair of A passes over it.
 */

const PANEL = 256; // values along k per panel
const COLUMNS = 64; // columns of B per panel

/** Copy the m x k matrix at `offset` with strides (rs, cs) into a dense row-major Float64Array. */
function pack(src: ArrayLike<number>, offset: number, rows: number, cols: number, rs: number, cs: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0, o = 0; r < rows; r++) {
    for (let c = 0, p = offset + r * rs; c < cols; c++, p += cs) out[o++] = src[p];
  }
  return out;
}

/**
 * Rows i and i+1 of A against columns j0..j1 of B over the panel k0..k1, added into acc. A function
 * of its own, called thousands of times per product, so V8 optimizes it as a whole: left inline in
 * the loop nest, Deno's V8 ran one call in four times slower code (it kept leaving an inner loop it
 * had compiled on the fly).
 */
function addRowPair(
  acc: Float64Array, rowsA: Float64Array, colsB: Float64Array,
  i: number, m: number, n: number, k: number, k0: number, k1: number, j0: number, j1: number,
): void {
  const r0 = i * k;
  const r1 = i + 1 < m ? r0 + k : r0; // an odd last row pairs with itself; its copy is not stored
  for (let j = j0; j < j1; j += 2) {
    const c0 = j * k;
    const c1 = j + 1 < n ? c0 + k : c0;
    let s00 = 0, s01 = 0, s10 = 0, s11 = 0;
    for (let t = k0; t < k1; t++) {
      const x0 = rowsA[r0 + t], x1 = rowsA[r1 + t];
      const y0 = colsB[c0 + t], y1 = colsB[c1 + t];
      s00 += x0 * y0;
      s01 += x0 * y1;
      s10 += x1 * y0;
      s11 += x1 * y1;
    }
    const at = i * n + j;
    acc[at] += s00;
    if (j + 1 < n) acc[at + 1] += s01;
    if (i + 1 < m) {
      acc[at + n] += s10;
      if (j + 1 < n) acc[at + n + 1] += s11;
    }
  }
}

/**
 * out[o + i*n + j] = sum_k a[i, k] * b[k, j] for the (m x k) A and (k x n) B read with the given
 * offsets and strides. Sums are formed in float64 and rounded once when stored.
 */
export function matmulInto(
  out: Float32Array | Float64Array | Int32Array, o: number,
  a: ArrayLike<number>, pa: number, am: number, ak: number,
  b: ArrayLike<number>, pb: number, bk: number, bn: number,
  m: number, k: number, n: number,
): void {
  const rowsA = pack(a, pa, m, k, am, ak); // row i of A at i*k
  const colsB = pack(b, pb, n, k, bn, bk); // column j of B at j*k
  const acc = new Float64Array(m * n);
  for (let k0 = 0; k0 < k; k0 += PANEL) {
    const k1 = Math.min(k, k0 + PANEL);
    for (let j0 = 0; j0 < n; j0 += COLUMNS) {
      const j1 = Math.min(n, j0 + COLUMNS);
      for (let i = 0; i < m; i += 2) addRowPair(acc, rowsA, colsB, i, m, n, k, k0, k1, j0, j1);
    }
  }
  for (let i = 0; i < m * n; i++) out[o + i] = acc[i];
}
