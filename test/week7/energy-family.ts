/** Shared by the free-energy and Gibbs checks (7.2, 7.4): float64 oracles over one line of energies, and the allowance for a guard inside their log. */
import type { Tensor } from '@gradschool/tensor';
import { CheckFailure } from '../harness/check.ts';
import { type Tolerance, within } from '../harness/compare.ts';
import { type Nd, unravel } from '../harness/nd.ts';
import { num, numPair, shapeText, show } from '../harness/show.ts';

/** F_β = m − (1/β) log Σ exp(−β(E − m)) with m = min E; β = Infinity gives m. */
export function freeEnergyLine(e: readonly number[], beta: number): number {
  const m = Math.min(...e);
  if (beta === Infinity) return m;
  return m - Math.log(e.reduce((acc, v) => acc + Math.exp(-beta * (v - m)), 0)) / beta;
}

/** P(y) = exp(−β(E(y) − m)) / Σ exp(−β(E − m)): the Gibbs distribution of one line. */
export function gibbsLine(e: readonly number[], beta: number): number[] {
  const m = Math.min(...e);
  const w = e.map((v) => Math.exp(-beta * (v - m)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}

/**
 * The chapter's allowance for a guard inside the log of a free energy (test/README.md, "Writing
 * checks"): once the minimum is subtracted, Σ_z exp(−β(E − m)) ≥ 1 (the minimum's own term is 1),
 * so the log never sees 0 and needs no guard, and one written anyway, log(Σ + ε), moves the
 * result by (1/β)·log(1 + ε/Σ) ≤ ε/β, always the same way. A guard with ε ≤ LOG_GUARD (1e-8 is
 * usual) keeps every point, as `count + ε` does for the chapter's divisions; a larger one moves
 * the result further than any of the guards allowed, and fails with a message that says so. A
 * guard on a probability, log(P + ε), is not covered: P can be far below ε, and the guard then
 * decides the result.
 */
export const LOG_GUARD = 1e-6;

/** Σ exp(−β(E − m)) of one line, m its minimum: at least 1. */
export function shiftedSum(e: readonly number[], beta: number): number {
  const m = Math.min(...e);
  return e.reduce((acc, v) => acc + Math.exp(-beta * (v - m)), 0);
}

/**
 * What a guard inside the log does to one result made of free energies: it adds
 * weight·(1/β)·log(1 + ε/Σ) for each line's shifted sum Σ. F_β itself is one line with weight −1
 * (the guard lowers it); 7.4's loss, a mean over n lines of E(Y) − F_β, has weight +1/n for each.
 */
export interface LogGuard {
  readonly sums: readonly number[];
  readonly weight: number;
  readonly beta: number;
  /** 7.4's loss: P(Yₙ) of each example, for the message about a guard put on the probability, log(P(Y) + ε). */
  readonly probabilities?: readonly number[];
}

export const guardShift = (g: LogGuard, eps: number): number =>
  g.beta === Infinity ? 0 : g.sums.reduce((acc, s) => acc + (s >= 1 ? (g.weight * Math.log1p(eps / s)) / g.beta : 0), 0);

/** The ε in (lo, hi] at which the increasing `moved(ε)` reaches `target`, if it does there (bisection on log ε). */
function epsilonFor(moved: (eps: number) => number, target: number, lo: number, hi: number): number | undefined {
  if (!(target > moved(lo) && target <= moved(hi))) return undefined;
  let [a, b] = [Math.log(lo), Math.log(hi)];
  for (let k = 0; k < 60; k++) {
    const mid = (a + b) / 2;
    if (moved(Math.exp(mid)) < target) a = mid;
    else b = mid;
  }
  return Math.exp((a + b) / 2);
}

/** Why a result is off by `shift`, where a guard bigger than allowed, or one on a probability, explains it. */
function guardNote(g: LogGuard, shift: number, what: string): string {
  if (g.beta === Infinity) return '';
  const by = `${what} came out ${num(Math.abs(shift))} ${shift < 0 ? 'below' : 'above'} the right value`;
  const averaged = g.sums.length > 1 ? ', averaged over the examples' : '';
  const eps = Math.sign(shift) === Math.sign(g.weight) ? epsilonFor((e) => Math.abs(guardShift(g, e)), Math.abs(shift), LOG_GUARD, 1) : undefined;
  if (eps !== undefined) {
    return `\n${by}, which is what a guard inside the log does: log(Σ + ε) with ε ≈ ${eps.toExponential(0)} moves it by (1/β)·log(1 + ε/Σ)${averaged}. ` +
      `Once the minimum is subtracted, Σ ≥ 1 and the log never sees 0, so no guard is needed; one with ε ≤ ${LOG_GUARD.toExponential(0)} (1e-8, say) moves it by at most ε/β and keeps every point, a larger one changes the answer.`;
  }
  const p = g.probabilities;
  if (!p || shift >= 0) return '';
  const lowered = (e: number) => p.reduce((acc, pn) => acc + (Math.abs(g.weight) * Math.log1p(e / pn)) / g.beta, 0);
  const onP = epsilonFor(lowered, -shift, 1e-20, 1);
  if (onP === undefined) return '';
  return `\n${by}, which is what a guard on the probability does: −(1/β) log(P(Y) + ε) with ε ≈ ${onP.toExponential(0)} lowers it by (1/β)·log(1 + ε/P(Y))${averaged}, ` +
    `which has no bound as P(Y) gets small: where P(Y) is far below ε, the guard, not the energies, decides the loss. Take the log of the sum instead, L = E(Y) − m + (1/β) log Σ exp(−β(E − m)): that sum is at least 1, so it needs no guard.`;
}

/**
 * expectClose for results made of free energies, which also accepts each one a guard inside the
 * log with ε in [0, LOG_GUARD] gives: element i may lie anywhere between want[i] and
 * want[i] + guardShift(guards[i], LOG_GUARD), give or take `tol`. Where a result is off by what a
 * larger guard would do, the message says so, with that ε.
 */
export function expectCloseGuarded(label: string, got: Tensor, want: Nd, guards: readonly LogGuard[], tol: Tolerance, what: string): void {
  const g = got.data();
  const accepted = (i: number): boolean => {
    const [a, b] = [want.data[i], want.data[i] + guardShift(guards[i], LOG_GUARD)];
    const nearest = Math.min(Math.max(g[i], Math.min(a, b)), Math.max(a, b));
    return within(g[i], nearest, tol, Math.abs(want.data[i]));
  };
  let i = 0;
  while (i < want.data.length && accepted(i)) i++;
  if (i === want.data.length) return;
  const [a, b] = numPair(g[i], want.data[i]);
  const where = want.data.length > 1 ? `\nThe first difference is at ${shapeText(unravel(i, want.shape))}: ${a} instead of ${b}.` : '';
  const wrap = (v: string) => '['.repeat(want.shape.length) + v + ']'.repeat(want.shape.length);
  const [shownGot, shownWant] = want.data.length === 1 ? [wrap(a), wrap(b)] : [show(got), show(want)];
  throw new CheckFailure(`${label} gave ${shownGot}; expected ${shownWant}${where}${guardNote(guards[i], g[i] - want.data[i], what)}`);
}
