/**
 * The float64 reference the suite checks against: row-major arrays with a shape and the naive
 * index arithmetic, written from scratch. It imports nothing from the library on purpose, so a
 * bug in the library's shape helpers cannot hide by being repeated here.
 */
export type Shape = readonly number[];
export interface Ref { readonly shape: Shape; readonly data: readonly number[] }
export type DType = 'float32' | 'float64' | 'int32';

export const count = (shape: Shape): number => shape.reduce((n, d) => n * d, 1);

/** Multi-index of the `flat`-th element in row-major order (last axis fastest). */
export function unravel(flat: number, shape: Shape): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

export function ravel(index: readonly number[], shape: Shape): number {
  let flat = 0;
  for (let d = 0; d < shape.length; d++) flat = flat * shape[d] + index[d];
  return flat;
}

export function fromFunction(shape: Shape, f: (index: number[]) => number): Ref {
  return { shape: [...shape], data: Array.from({ length: count(shape) }, (_, i) => f(unravel(i, shape))) };
}

export const get = (x: Ref, index: readonly number[]): number => x.data[ravel(index, x.shape)];

/** The value a rounded-to-storage element of `dtype` holds (int32 wraps like Int32Array). */
export function storeAs(dtype: DType, v: number): number {
  if (dtype === 'float32') return Math.fround(v);
  if (dtype === 'int32') return v | 0;
  return v;
}

export const map = (x: Ref, f: (v: number) => number): Ref => ({ shape: x.shape, data: x.data.map(f) });

/** NumPy broadcasting, right-aligned; null when the shapes clash. */
export function broadcastShape(...shapes: Shape[]): number[] | null {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let k = 0; k < rank; k++) {
    const sizes = shapes.map((s) => s[s.length - rank + k] ?? 1);
    const big = sizes.filter((d) => d !== 1);
    if (big.some((d) => d !== big[0])) return null;
    out.push(big.length > 0 ? big[0] : 1);
  }
  return out;
}

/** Read `x` at an index of a (larger) broadcast shape: drop leading axes, pin size-1 axes to 0. */
export function readBroadcast(x: Ref, index: readonly number[]): number {
  const own = index.slice(index.length - x.shape.length).map((i, d) => (x.shape[d] === 1 ? 0 : i));
  return get(x, own);
}

export function broadcastTo(x: Ref, shape: Shape): Ref {
  return fromFunction(shape, (i) => readBroadcast(x, i));
}

export function zip(a: Ref, b: Ref, f: (x: number, y: number) => number): Ref {
  const shape = broadcastShape(a.shape, b.shape);
  if (!shape) throw new Error(`oracle: shapes ${a.shape} and ${b.shape} do not broadcast`);
  return fromFunction(shape, (i) => f(readBroadcast(a, i), readBroadcast(b, i)));
}

/** out[i_0..] = x[i_perm[0]..]: axis k of the result is axis perm[k] of x. */
export function permute(x: Ref, perm: readonly number[]): Ref {
  return fromFunction(perm.map((d) => x.shape[d]), (i) => {
    const src = new Array<number>(perm.length);
    perm.forEach((d, k) => (src[d] = i[k]));
    return get(x, src);
  });
}

/**
 * Fold the axes `dims` (non-negative, any order) with `f`, which sees the folded values in
 * row-major order of those axes. Every reduction of the suite is one `f`.
 */
export function reduce(x: Ref, dims: readonly number[], keepdim: boolean, f: (values: number[]) => number): Ref {
  const folded = new Set(dims);
  const kept = x.shape.map((d, k) => (folded.has(k) ? 1 : d));
  const inner = dims.slice().sort((p, q) => p - q);
  const innerShape = inner.map((d) => x.shape[d]);
  const out = fromFunction(kept, (i) => {
    const values: number[] = [];
    for (let j = 0; j < count(innerShape); j++) {
      const at = i.slice();
      unravel(j, innerShape).forEach((v, k) => (at[inner[k]] = v));
      values.push(get(x, at));
    }
    return f(values);
  });
  return keepdim ? out : { shape: x.shape.filter((_, k) => !folded.has(k)), data: out.data };
}

/** PyTorch matmul: a 1-D left operand is a row, a 1-D right one a column; batch axes broadcast. */
export function matmul(a: Ref, b: Ref): Ref {
  const A = a.shape.length === 1 ? { shape: [1, a.shape[0]], data: a.data } : a;
  const B = b.shape.length === 1 ? { shape: [b.shape[0], 1], data: b.data } : b;
  const [m, k] = A.shape.slice(-2);
  const n = B.shape[B.shape.length - 1];
  const batch = broadcastShape(A.shape.slice(0, -2), B.shape.slice(0, -2));
  if (!batch || B.shape[B.shape.length - 2] !== k) throw new Error('oracle: matmul shapes do not fit');
  const full = fromFunction([...batch, m, n], (idx) => {
    const [i, j] = idx.slice(-2);
    const bi = idx.slice(0, -2);
    let acc = 0;
    for (let p = 0; p < k; p++) acc += readBroadcast(A, [...bi, i, p]) * readBroadcast(B, [...bi, p, j]);
    return acc;
  });
  const shape = [...batch, ...(a.shape.length === 1 ? [] : [m]), ...(b.shape.length === 1 ? [] : [n])];
  return { shape, data: full.data };
}

/** Nested arrays, as `toArray()` returns them (a number for rank 0). */
export function nested(x: Ref): unknown {
  const build = (d: number, at: number[]): unknown =>
    d === x.shape.length ? get(x, at) : Array.from({ length: x.shape[d] }, (_, i) => build(d + 1, [...at, i]));
  return build(0, []);
}

export const sumOf = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
export const absSum = (values: readonly number[]): number => values.reduce((s, v) => s + Math.abs(v), 0);
