/**
 * 7.4 — the Gibbs distribution and maximum likelihood. Oracles in float64, line by line with the
 * minimum energy subtracted first (energy-family.ts): P(y), the loss mean_n [E(Yₙ) − F_β(row n)]
 * and its gradient (onehot − P)/n. Energies reach ±1000 with β up to 1000, where exp(−βE) is 0
 * or Infinity. A property closes the loop: a small step against the returned gradient must lower
 * the (oracle's) loss, which a flipped sign never does. Results keep the dtype they are given
 * (float64). Guards follow the chapter's policy: Σ + ε in a denominator (ε ≤ 1e-6, relative
 * tolerance 1e-6 on P and the gradient) and log(Σ + ε) in the loss (ε ≤ 1e-6, energy-family.ts's
 * LOG_GUARD: it raises the loss by at most ε/β); a guard on a probability, log(P(Y) + ε), is not
 * one of them — P(Y) can be far below ε.
 */
import fc from 'fast-check';
import { tensor } from '@gradschool/tensor';
import type * as GibbsMl from '#target/week7/7.4-gibbs-ml.ts';
import { finite, moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { mapLines, type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, show } from '../harness/show.ts';
import { type LineCase, lineCases } from '../week2/softmax-family.ts';
import { expectCloseGuarded, freeEnergyLine, gibbsLine, shiftedSum } from './energy-family.ts';

type M = typeof GibbsMl;

const betas = fc.integer({ min: 1, max: 40 }).map((k) => k / 4);
const largeBetas = fc.constantFrom(0.5, 1, 10, 100, 1000);

interface Batch {
  /** [n, G]: one row of energies over the grid of y per example. */
  energies: Nd;
  /** n indices in [0, G): where each observed Y is on the grid. */
  targets: number[];
  beta: number;
}

const batches = (values: fc.Arbitrary<number>, beta: fc.Arbitrary<number>): fc.Arbitrary<Batch> =>
  fc.record({ n: fc.integer({ min: 1, max: 4 }), g: fc.integer({ min: 1, max: 5 }) }).chain(({ n, g }) =>
    fc.record({
      energies: ndOf([n, g], values),
      targets: fc.array(fc.integer({ min: 0, max: g - 1 }), { minLength: n, maxLength: n }),
      beta,
    }),
  );

const rows = (b: Batch): number[][] => {
  const g = b.energies.shape[1];
  return b.targets.map((_, i) => Array.from(b.energies.data.subarray(i * g, (i + 1) * g)));
};

/** mean_n E(Yₙ) − F_β(row n), i.e. E(Y) + (1/β) log Σ_y exp(−βE(y)). */
const lossOracle = (b: Batch): number =>
  rows(b).reduce((acc, row, i) => acc + row[b.targets[i]] - freeEnergyLine(row, b.beta), 0) / b.targets.length;

const gradOracle = (b: Batch): Nd =>
  nd(b.energies.shape, rows(b).flatMap((row, i) => gibbsLine(row, b.beta).map((p, j) => ((j === b.targets[i] ? 1 : 0) - p) / b.targets.length)));

/** Probabilities and losses computed with the minimum subtracted: float64 exact to ~1e-13 of terms ≤ 1000. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

/**
 * Probabilities divide by Σ exp(−β(E − m)) ≥ 1: the chapter's policy accepts a guard against
 * dividing by zero, Σ + ε with ε ≤ 1e-6, which is off by at most 1e-6 of the result. A real
 * mistake (a flipped sign, a forgotten β or 1/n) is off by far more.
 */
const PROBABILITY_TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-6 };

/** gibbs along c.dim; where that is -1, through the default (dim = -1), so a wrong default shows. */
function gibbs(impl: M, c: LineCase & { beta: number }): void {
  const x = toTensor(c.x);
  const byDefault = c.dim === -1;
  const args = [{ name: 'energies', value: x }, { name: 'beta', value: c.beta }, ...(byDefault ? [] : [{ name: 'dim', value: c.dim }])];
  const label = describeCall('gibbs', args);
  const got = expectTensor(label, call(label, args, () => (byDefault ? impl.gibbs(x, c.beta) : impl.gibbs(x, c.beta, c.dim))), c.x.shape, 'a Tensor', 'float64');
  expectClose(label, got, mapLines(c.x, c.dim, (line) => gibbsLine(line, c.beta)), PROBABILITY_TOLERANCE);
}

function run(impl: M, name: 'mlLoss' | 'mlLossGradient', b: Batch) {
  const energies = toTensor(b.energies);
  const targets = tensor(b.targets, { dtype: 'int32' });
  const args = [{ name: 'energies', value: energies }, { name: 'targets', value: targets }, { name: 'beta', value: b.beta }];
  const label = describeCall(name, args);
  const out = call(label, args, () => impl[name](energies, targets, b.beta));
  return name === 'mlLoss'
    ? { label, out: expectTensor(label, out, [], 'a scalar Tensor', 'float64') }
    : { label, out: expectTensor(label, out, b.energies.shape, 'dL/denergies, a Tensor', 'float64') };
}

const withBeta = (cases: fc.Arbitrary<LineCase>, beta: fc.Arbitrary<number>) => fc.tuple(cases, beta).map(([c, b]) => ({ ...c, beta: b }));
const batch = (energies: number[][], targets: number[], beta: number): Batch => ({ energies: nd([energies.length, energies[0].length], energies.flat()), targets, beta });

export const checks = defineChecks<M>([
  {
    name: 'gibbs is exp(−βE) / Σ exp(−βE) along any dim: low energy, high probability',
    points: 2,
    run: (impl) => forAll(withBeta(lineCases(moderate(10)), betas), (c) => gibbs(impl, c)),
  },
  {
    name: 'gibbs stays finite for large β and energies: gibbs([1000, 1000], β = 1) = [0.5, 0.5]',
    points: 2,
    run: (impl) =>
      forAll(withBeta(lineCases(finite(1e4)), largeBetas), (c) => gibbs(impl, c), {
        examples: [
          { x: nd([1, 2], [1000, 1000]), dim: -1, beta: 1 },
          { x: nd([1, 2], [-1000, -999]), dim: -1, beta: 1 },
          { x: nd([2, 2], [0, 3, 5, 2]), dim: 0, beta: 1000 },
        ],
      }),
  },
  {
    name: 'mlLoss is the batch mean of E(Y) + (1/β) log Σ_y exp(−βE(y)), finite for large energies',
    points: 3,
    run: (impl) =>
      forAll(batches(finite(1000), fc.oneof(betas, largeBetas)), (b) => {
        const { label, out } = run(impl, 'mlLoss', b);
        // a guard inside the log, log(Σ + ε), raises each example's term by (1/β)·log(1 + ε/Σ)
        const guard = {
          sums: rows(b).map((row) => shiftedSum(row, b.beta)),
          weight: 1 / b.targets.length,
          beta: b.beta,
          probabilities: rows(b).map((row, i) => gibbsLine(row, b.beta)[b.targets[i]]),
        };
        expectCloseGuarded(label, out, nd([], [lossOracle(b)]), [guard], TOLERANCE, 'The loss');
      }, { examples: [batch([[0, 0]], [0], 2), batch([[1000, 1001]], [0], 1), batch([[-1000, 1000], [3, 1]], [1, 0], 10)] }),
  },
  {
    name: 'mlLossGradient is (onehot(Y) − P(y)) / n: down at the data, up everywhere by its probability',
    points: 3,
    run: (impl) =>
      forAll(batches(finite(1000), fc.oneof(betas, largeBetas)), (b) => {
        const { label, out } = run(impl, 'mlLossGradient', b);
        // (onehot − P)/n cancels at the target where P ≈ 1: the tolerance scales with the terms, (onehot + P)/n
        const terms = gradOracle(b).data.map((g, i) => Math.abs(g) + (2 * ((i % b.energies.shape[1]) === b.targets[Math.floor(i / b.energies.shape[1])] ? 1 : 0)) / b.targets.length);
        expectClose(label, out, gradOracle(b), { ...PROBABILITY_TOLERANCE, scale: terms });
      }, { examples: [batch([[0, 0]], [0], 2), batch([[1000, 1001], [5, 5]], [1, 0], 1)] }),
  },
  {
    name: 'a small step against mlLossGradient lowers the loss',
    points: 2,
    run: (impl) =>
      forAll(batches(moderate(4), fc.integer({ min: 1, max: 8 }).map((k) => k / 4)), (b) => {
        const want = gradOracle(b);
        const size = Math.max(...want.data.map(Math.abs));
        fc.pre(size > 1e-3);
        const { label, out } = run(impl, 'mlLossGradient', b);
        const g = out.data();
        // a step of 1e-3 per unit of gradient: the loss's curvature (≤ β) makes its second-order change ~1e-6 of the first
        const eps = 1e-3 / size;
        const stepped = { ...b, energies: nd(b.energies.shape, b.energies.data.map((v, i) => v - eps * g[i])) };
        const [before, after] = [lossOracle(b), lossOracle(stepped)];
        if (!(after < before)) {
          throw new CheckFailure(`${label} gave ${show(out)}; moving the energies by −${num(eps)} times that changed the loss from ${num(before)} to ${num(after)}, but a step against the gradient must lower the loss: descent lowers E at the data and raises it elsewhere`);
        }
      }),
  },
]);
