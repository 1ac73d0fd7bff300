/** Comparing a result with its oracle, and saying where they differ. */
import type { Tensor } from '@gradschool/tensor';
import { CheckFailure } from './check.ts';
import { type Nd, unravel } from './nd.ts';
import { numPair, show, shapeText } from './show.ts';

/**
 * |got − want| ≤ abs + rel·max(|want|, scale), elementwise. `scale` is the size of the terms a
 * result was summed from (Σ|aᵢbᵢ| for a dot product): rounding scales with them, not with a
 * result that happens to cancel to 0. Each check states why its numbers are what they are.
 */
export interface Tolerance {
  readonly abs: number;
  readonly rel: number;
  readonly scale?: ArrayLike<number>;
}

export const within = (got: number, want: number, tol: Tolerance, scale = 0): boolean =>
  got === want || Math.abs(got - want) <= tol.abs + tol.rel * Math.max(Math.abs(want), scale);

/** The first flat index where `got` and `want` differ by more than `tol`, or -1. */
function firstMismatch(got: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance): number {
  if (got.length !== want.length) return Math.min(got.length, want.length);
  for (let i = 0; i < want.length; i++) if (!within(got[i], want[i], tol, tol.scale?.[i])) return i;
  return -1;
}

/** `label gave …; expected …`, pointing at the first element that is off. */
export function expectClose(label: string, got: Tensor, want: Nd, tol: Tolerance, verb = 'gave'): void {
  const g = got.data();
  const i = firstMismatch(g, want.data, tol);
  if (i < 0) return;
  const [a, b] = numPair(g[i], want.data[i]);
  const where = want.data.length > 1 ? `\nThe first difference is at ${shapeText(unravel(i, want.shape))}: ${a} instead of ${b}.` : '';
  // a single number keeps its brackets ([0.5] for shape [1]) and gets its precise digits
  const wrap = (v: string) => '['.repeat(want.shape.length) + v + ']'.repeat(want.shape.length);
  const [shownGot, shownWant] = want.data.length === 1 ? [wrap(a), wrap(b)] : [show(got), show(want)];
  throw new CheckFailure(`${label} ${verb} ${shownGot}; expected ${shownWant}${where}`);
}

/** A scalar result against its oracle. */
export function expectCloseNumber(label: string, got: number, want: number, tol: Tolerance): void {
  if (within(got, want, tol)) return;
  const [a, b] = numPair(got, want);
  throw new CheckFailure(`${label} gave ${a}; expected ${b}`);
}
