/**
 * Shared by the checks of randomised exercises (7.5, 7.8, 7.9): sample statistics and their
 * bounds. A bound is six standard errors wide, so a correct implementation fails it with a
 * probability below 1e-8 — and never, in practice, since every draw is seeded.
 */
import { CheckFailure } from '../harness/check.ts';
import { num } from '../harness/show.ts';

const Z = 6;

export function mean(v: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i];
  return s / v.length;
}

/** The k-th central moment (population: divided by n). */
export function moment(v: ArrayLike<number>, k: number): number {
  const m = mean(v);
  let s = 0;
  for (let i = 0; i < v.length; i++) s += (v[i] - m) ** k;
  return s / v.length;
}

/** Pearson's correlation of two equally long samples (0 where either is constant). */
export function correlation(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const [ma, mb] = [mean(a), mean(b)];
  let [sab, saa, sbb] = [0, 0, 0];
  for (let i = 0; i < a.length; i++) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) ** 2;
    sbb += (b[i] - mb) ** 2;
  }
  return saa > 0 && sbb > 0 ? sab / Math.sqrt(saa * sbb) : 0;
}

/** Entries of a row-major [m, d] array next to each other: along rows (i, j)–(i, j+1) and down columns (i, j)–(i+1, j). */
export function neighbours(v: ArrayLike<number>, m: number, d: number): { across: [number[], number[]]; down: [number[], number[]] } {
  const across: [number[], number[]] = [[], []];
  const down: [number[], number[]] = [[], []];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < d; j++) {
      if (j + 1 < d) {
        across[0].push(v[i * d + j]);
        across[1].push(v[i * d + j + 1]);
      }
      if (i + 1 < m) {
        down[0].push(v[i * d + j]);
        down[1].push(v[(i + 1) * d + j]);
      }
    }
  }
  return { across, down };
}

/** Fail unless |got − want| is within six standard errors. */
export function expectNear(label: string, what: string, got: number, want: number, standardError: number): void {
  if (Math.abs(got - want) <= Z * standardError) return;
  throw new CheckFailure(`${label} has ${what} ${num(got)}; expected ${num(want)} (within ±${num(Z * standardError)})`);
}

/** Entries at neighbouring positions must be uncorrelated: independent draws per entry, not per row or column. */
export function expectIndependent(label: string, what: string, v: ArrayLike<number>, m: number, d: number): void {
  const { across, down } = neighbours(v, m, d);
  for (const [pair, where] of [[across, 'neighbours along a row'], [down, 'neighbours down a column']] as const) {
    const r = correlation(pair[0], pair[1]);
    if (Math.abs(r) > Z / Math.sqrt(pair[0].length)) {
      throw new CheckFailure(`${label}: the ${what} of ${where} have correlation ${num(r)}; independent draws for every entry give about 0 (within ±${num(Z / Math.sqrt(pair[0].length))})`);
    }
  }
}
