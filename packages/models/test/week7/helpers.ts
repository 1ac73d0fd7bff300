/** Shared arbitraries and float64 oracles for the week-7 tests. */
import { fc } from '@fast-check/vitest';
import { tensor, type Tensor } from '@gradschool/tensor';

export const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** A [rows, cols] table of float64 values, as nested arrays and as a tensor. */
export const table = (rows: fc.Arbitrary<number>, cols: fc.Arbitrary<number>, value: fc.Arbitrary<number>) =>
  fc.tuple(rows, cols).chain(([r, c]) =>
    fc.array(fc.array(value, { minLength: c, maxLength: c }), { minLength: r, maxLength: r }).map((v) => ({ rows: r, cols: c, values: v })));

export const f64 = (values: number[][] | number[]): Tensor => tensor(values, { dtype: 'float64' });

/** Row-major rows of a 2-D tensor as plain arrays. */
export function rowsOf(t: Tensor): number[][] {
  const d = Array.from(t.data());
  const w = t.shape[1];
  return Array.from({ length: t.shape[0] }, (_, i) => d.slice(i * w, (i + 1) * w));
}

/** Naive float64 log Σ exp, shifted by the max (the oracle for every soft minimum). */
export function logSumExp(xs: readonly number[]): number {
  const m = Math.max(...xs);
  if (m === -Infinity) return -Infinity;
  return m + Math.log(xs.reduce((s, x) => s + Math.exp(x - m), 0));
}

/** Central difference of a scalar function at x along coordinate i. */
export function centralDiff(f: (x: number[]) => number, x: readonly number[], i: number, h: number): number {
  const up = [...x];
  const down = [...x];
  up[i] += h;
  down[i] -= h;
  return (f(up) - f(down)) / (2 * h);
}
