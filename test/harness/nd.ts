/**
 * Plain float64 arrays for the oracles. Every expected value is computed here, with naive loops
 * over JavaScript numbers, independently of the tensor library the exercises are built on.
 */
import { tensor, type Tensor } from '@gradschool/tensor';

/** A row-major float64 array with a shape. */
export interface Nd {
  readonly shape: readonly number[];
  readonly data: Float64Array;
}

export const sizeOf = (shape: readonly number[]): number => shape.reduce((a, b) => a * b, 1);

export function nd(shape: readonly number[], data: ArrayLike<number> = new Float64Array(sizeOf(shape))): Nd {
  if (data.length !== sizeOf(shape)) throw new Error(`nd: ${data.length} values for shape [${shape}]`);
  return { shape: [...shape], data: Float64Array.from(data) };
}

export const toTensor = (a: Nd, dtype: 'float32' | 'float64' = 'float64'): Tensor =>
  tensor(a.data, { shape: a.shape, dtype });

/** Flat indices of every 1-D line along `dim` (negative counts from the end). */
export function lines(shape: readonly number[], dim: number): number[][] {
  const d = dim < 0 ? dim + shape.length : dim;
  const inner = sizeOf(shape.slice(d + 1));
  const outer = sizeOf(shape.slice(0, d));
  const out: number[][] = [];
  for (let o = 0; o < outer; o++) {
    for (let i = 0; i < inner; i++) {
      out.push(Array.from({ length: shape[d] }, (_, k) => (o * shape[d] + k) * inner + i));
    }
  }
  return out;
}

/** Apply `f` to every line along `dim`; `f` gets and returns the line's values. */
export function mapLines(a: Nd, dim: number, f: (line: number[]) => number[]): Nd {
  const out = new Float64Array(a.data.length);
  for (const idx of lines(a.shape, dim)) {
    const result = f(idx.map((i) => a.data[i]));
    idx.forEach((i, k) => (out[i] = result[k]));
  }
  return nd(a.shape, out);
}

/** [m, k] · [k, n] by the textbook triple loop. */
export function matmul(a: Nd, b: Nd): Nd {
  const [m, k] = a.shape;
  const n = b.shape[1];
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let p = 0; p < k; p++) acc += a.data[i * k + p] * b.data[p * n + j];
      out[i * n + j] = acc;
    }
  }
  return nd([m, n], out);
}

export function transpose(a: Nd): Nd {
  const [m, n] = a.shape;
  const out = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) out[j * m + i] = a.data[i * n + j];
  return nd([n, m], out);
}

/** The multi-index of flat position `flat` in `shape`. */
export function unravel(flat: number, shape: readonly number[]): number[] {
  const idx = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    idx[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return idx;
}

/** f applied to every element. */
export const map = (a: Nd, f: (v: number) => number): Nd => nd(a.shape, a.data.map(f));
