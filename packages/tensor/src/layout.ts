/**
 * Strided views made as simple as possible before a kernel reads them: size-1 axes dropped and
 * neighbouring axes merged wherever every operand steps through them as one (NumPy's iterator
 * does the same). A contiguous tensor becomes one axis of stride 1, so a generic strided loop is
 * also the fast path: one long inner loop on the cpu, one gpu kernel of rank 1 for every shape.
 */
import type { Shape } from './shape.ts';

export interface Layout {
  shape: number[];
  /** One stride list per operand, each as long as `shape`. */
  strides: number[][];
}

export function coalesce(shape: Shape, strides: readonly (readonly number[])[]): Layout {
  const keep = [...shape.keys()].filter((d) => shape[d] !== 1);
  const out: Layout = { shape: [], strides: strides.map(() => []) };
  for (const d of keep) {
    const last = out.shape.length - 1;
    // axis d continues axis `last` when, for every operand, one step of `last` is shape[d] steps of d
    if (last >= 0 && strides.every((s, j) => out.strides[j][last] === s[d] * shape[d])) {
      out.shape[last] *= shape[d];
      strides.forEach((s, j) => (out.strides[j][last] = s[d]));
    } else {
      out.shape.push(shape[d]);
      strides.forEach((s, j) => out.strides[j].push(s[d]));
    }
  }
  if (out.shape.length === 0) return { shape: [1], strides: strides.map(() => [0]) };
  return out;
}

/** True when a view's elements are exactly storage[offset .. offset+size) in row-major order. */
export function isContiguous(shape: Shape, strides: readonly number[]): boolean {
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    if (shape[i] !== 1 && strides[i] !== step) return false;
    step *= shape[i];
  }
  return true;
}

/** First and one-past-last storage element a view with this offset, shape and strides reads. */
export function span(offset: number, shape: Shape, strides: readonly number[]): [number, number] {
  let [lo, hi] = [offset, offset + 1];
  shape.forEach((d, i) => {
    const reach = (d - 1) * strides[i];
    if (reach < 0) lo += reach;
    else hi += reach;
  });
  return [lo, hi];
}
