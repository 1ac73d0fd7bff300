/**
 * 7.2 — free energy. Oracle: each line's float64 minimum m plus −(1/β) log Σ exp(−β(E − m)),
 * a sum of terms in (0, 1] that cannot overflow. β is drawn from 1/4 to 10 (rarely 1, so a
 * forgotten 1/β shows) and, for the large-value check, up to 1000 with energies up to ±10 000,
 * where exp(−βE) is 0 or Infinity in any float. Lines of length 1 (F = E) and empty batches
 * come up among the generated shapes. Large β has examples with tied minima, where F_β stays
 * log(ties)/β below the minimum: a shortcut to min E above some β shows there. The result keeps
 * the energies' dtype (float64). A guard inside the log, log(Σ + ε), is accepted for ε ≤ 1e-6
 * (energy-family.ts, LOG_GUARD): it lowers F_β by at most ε/β, and a larger one fails, saying so.
 */
import fc from 'fast-check';
import type * as FreeEnergy from '#target/week7/7.2-free-energy.ts';
import { finite, moderate } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import type { Tolerance } from '../harness/compare.ts';
import { lines, type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { show } from '../harness/show.ts';
import { type LineCase, lineCases } from '../week2/softmax-family.ts';
import { expectCloseGuarded, freeEnergyLine, type LogGuard, shiftedSum } from './energy-family.ts';

type M = typeof FreeEnergy;

interface Case extends LineCase {
  beta: number;
}

const betas = fc.integer({ min: 1, max: 40 }).map((k) => k / 4);
const withBeta = (lines: fc.Arbitrary<LineCase>, beta: fc.Arbitrary<number> = betas): fc.Arbitrary<Case> =>
  fc.tuple(lines, beta).map(([c, b]) => ({ ...c, beta: b }));

/**
 * A log of a sum of at most 4 terms in (0, 1], divided by β, added to the minimum: float64 is
 * exact to ~1e-15 of |F| ≤ 10 000; 1e-9 relative leaves room for other stable orders of work.
 */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

/** F along `dim`: one value per line, the reduced axis gone. */
function freeEnergyNd(x: Nd, dim: number, beta: number): Nd {
  const d = dim < 0 ? dim + x.shape.length : dim;
  const values = lines(x.shape, dim).map((line) => freeEnergyLine(line.map((i) => x.data[i]), beta));
  return nd(x.shape.filter((_, i) => i !== d), values);
}

/** For each value of F, what a guard inside its log may do: lower it by (1/β)·log(1 + ε/Σ), Σ that line's shifted sum. */
const guardsOf = (x: Nd, dim: number, beta: number): LogGuard[] =>
  lines(x.shape, dim).map((line) => ({ sums: [shiftedSum(line.map((i) => x.data[i]), beta)], weight: -1, beta }));

function run(impl: M, c: Case, withDim = true) {
  const x = toTensor(c.x);
  const args = [{ name: 'energies', value: x }, { name: 'beta', value: c.beta }, ...(withDim ? [{ name: 'dim', value: c.dim }] : [])];
  const label = describeCall('freeEnergy', args);
  const out = call(label, args, () => (withDim ? impl.freeEnergy(x, c.beta, c.dim) : impl.freeEnergy(x, c.beta)));
  const want = freeEnergyNd(c.x, withDim ? c.dim : -1, c.beta);
  return { label, got: expectTensor(label, out, want.shape, 'a Tensor', 'float64'), want, guards: guardsOf(c.x, withDim ? c.dim : -1, c.beta) };
}

const oracle = (impl: M, c: Case, withDim = true): void => {
  const { label, got, want, guards } = run(impl, c, withDim);
  expectCloseGuarded(label, got, want, guards, TOLERANCE, 'F_β');
};

const row = (beta: number, ...v: number[]): Case => ({ x: nd([1, v.length], v), dim: -1, beta });

export const checks = defineChecks<M>([
  {
    name: 'freeEnergy of moderate energies along the last dim (the default)',
    points: 2,
    run: (impl) => forAll(withBeta(lineCases(moderate(10), { dim: -1 })), (c) => oracle(impl, c, false)),
  },
  {
    name: 'freeEnergy along any dim, negative dims counting from the end',
    points: 2,
    run: (impl) => forAll(withBeta(lineCases(moderate(10))), (c) => oracle(impl, c)),
  },
  {
    name: 'freeEnergy stays finite for large β and energies: F_β([1000, 2000]) = 1000 for β = 1000',
    points: 3,
    run: (impl) =>
      forAll(withBeta(lineCases(finite(1e4)), fc.constantFrom(0.5, 1, 10, 100, 1000)), (c) => oracle(impl, c), {
        examples: [
          row(1000, 1000, 2000),
          row(1, -1000, -1000),
          row(2, 1000, 1000),
          { x: nd([2, 2], [3000, -3000, 5, 7]), dim: 1, beta: 10 },
          // tied minima at large β: F = min − log(2)/β, not min
          row(100, 7, 7),
          row(1000, -3, 10, -3),
        ],
      }),
  },
  {
    name: 'F_β(E + c) = F_β(E) + c for a constant c added to every energy of a line, however large',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(withBeta(lineCases(moderate(10))), fc.integer({ min: -10_000, max: 10_000 })), ([c, shift]) => {
        const { label, got, guards } = run(impl, { ...c, x: nd(c.x.shape, c.x.data.map((v) => v + shift)) });
        const want = freeEnergyNd(c.x, c.dim, c.beta);
        expectCloseGuarded(`${label} (the energies ${show(c.x)} shifted by ${shift})`, got, nd(want.shape, want.data.map((v) => v + shift)), guards, TOLERANCE, 'F_β');
      }),
  },
  {
    name: 'β = Infinity gives the zero-temperature free energy min_z E',
    points: 1,
    run: (impl) => forAll(lineCases(finite(1e4)), (c) => oracle(impl, { ...c, beta: Infinity }), { examples: [{ x: nd([1, 2], [3, 1]), dim: -1 }, { x: nd([2, 2], [4, 4, -1, 6]), dim: 0 }] }),
  },
]);
