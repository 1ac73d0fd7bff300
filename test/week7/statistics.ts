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

/**
 * Independent drops with probability p give every row of d entries a Binomial(d, p) count of
 * drops: its variance across the m rows must be d·p(1 − p), within six standard errors (the
 * sample variance's, from the binomial's fourth central moment dpq(1 + 3(d − 2)pq)). A fixed
 * number of drops per row (exactly round(p·d), as a permutation gives) has variance 0; whole
 * rows dropped at once, d²·p(1 − p).
 */
export function expectBinomialRows(label: string, what: string, flags: ArrayLike<number>, m: number, d: number, p: number): void {
  const counts = Array.from({ length: m }, (_, i) => {
    let c = 0;
    for (let j = 0; j < d; j++) c += flags[i * d + j];
    return c;
  });
  const pq = p * (1 - p);
  const variance = d * pq;
  const fourth = d * pq * (1 + 3 * (d - 2) * pq);
  expectNear(label, `a variance across rows of the number of ${what} in a row (Binomial(${d}, ${num(p)}) for independent draws)`, moment(counts, 2), variance, Math.sqrt((fourth - variance ** 2) / m));
}

/** P(X ≤ x) for X ~ χ² with an even number k of degrees of freedom: 1 − e^(−x/2) Σ_{j<k/2} (x/2)^j / j!. */
function chiSquareCdf(x: number, k: number): number {
  const h = x / 2;
  let term = 1;
  let sum = 1;
  for (let j = 1; j < k / 2; j++) sum += (term *= h / j);
  return 1 - Math.exp(-h) * sum;
}

/** The x where the χ²(k) distribution function reaches `prob`, by bisection (k even). */
function chiSquareQuantile(prob: number, k: number): number {
  let [lo, hi] = [0, 10 * k + 100];
  for (let i = 0; i < 200; i++) {
    const mid = (lo + hi) / 2;
    if (chiSquareCdf(mid, k) < prob) lo = mid;
    else hi = mid;
  }
  return lo;
}

/**
 * The totals of k calls that each drop entries of n independently with probability p are
 * Binomial(n, p): Σ (T − np)² / (np(1 − p)) is then close to χ²(k), and below its 1e-9 quantile
 * or above its 1 − 1e-9 quantile with a probability of 1e-9 each (the normal approximation of a
 * binomial with np(1 − p) ≥ 40 is good in both tails at these sizes). A fixed number of drops per
 * call puts every total within ½ of np: the sum is then about k/(4np(1 − p)), far below.
 */
export function expectBinomialTotals(label: string, what: string, totals: readonly number[], n: number, p: number): void {
  const k = totals.length;
  if (k % 2 !== 0) throw new Error('expectBinomialTotals: use an even number of calls');
  const spread = totals.reduce((acc, t) => acc + (t - n * p) ** 2, 0) / (n * p * (1 - p));
  const [low, high] = [chiSquareQuantile(1e-9, k), chiSquareQuantile(1 - 1e-9, k)];
  if (spread >= low && spread <= high) return;
  const how = spread < low ? 'too close to n·p every time: independent draws make it vary, as a binomial count does' : 'spread too far from n·p';
  throw new CheckFailure(
    `${label}: the numbers of ${what} in ${k} calls were ${totals.join(', ')} of ${n} (p = ${num(p)}), ${how}; Σ(count − np)²/(np(1 − p)) is ${num(spread)}, expected within [${num(low)}, ${num(high)}], the χ²(${k}) range outside which independent draws fall with a probability of 2e-9`,
  );
}
