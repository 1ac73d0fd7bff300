/**
 * 7.1 — K-means energy and inference. Oracle: float64 loops over every point and prototype
 * (columns of W). Shapes are drawn with d ≠ k as often as not, so reading W's rows as the
 * prototypes shows; n = 0 (no data) and k = 1 (one prototype) are among the examples. Where two
 * prototypes are equally close, any of them is an acceptable ž: the checks ask that the chosen
 * one be at the minimum energy. Ties come up once in a hundred random cases, so they have a
 * property of their own, whose every case has them (a prototype repeated, or a point halfway
 * between two), with ties between later prototypes in its examples: a rule that is right only
 * without ties (summing the indices at the minimum) fails there at every seed. Results keep the
 * dtype they are given (float64), and ž is int32, as the library's argmin gives it.
 */
import fc from 'fast-check';
import type { Tensor } from '@gradschool/tensor';
import type * as KMeans from '#target/week7/7.1-kmeans.ts';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance, within } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, numPair, show } from '../harness/show.ts';
import { kmeansEnergyNd, minima } from './kmeans-oracle.ts';

type M = typeof KMeans;

interface Case {
  y: Nd;
  w: Nd;
}

const cases: fc.Arbitrary<Case> = fc
  .record({ n: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, d, k }) => fc.record({ y: ndOf([n, d], moderate()), w: ndOf([d, k], moderate()) }));

/** y [n, d] and W [d, k] from rows of numbers: W is given as its k columns, one prototype each. */
const example = (y: number[][], prototypes: number[][]): Case => {
  const [d, k] = [prototypes[0].length, prototypes.length];
  return { y: nd([y.length, d], y.flat()), w: nd([d, k], Array.from({ length: d * k }, (_, i) => prototypes[i % k][Math.floor(i / k)])) };
};

/** No data (n = 0), one prototype (k = 1), d ≠ k. */
const EDGES: Case[] = [example([], [[1, 2], [3, 4], [5, 6]]), example([[1, 2, 3], [-1, 0, 0.5]], [[0, 0, 1]]), example([[0.5], [-2]], [[1], [-1], [3]])];

/**
 * Ties at the minimum between prototypes 1 and 2 (twice), 0, 1 and 2, 2 and 3, and 1 and 3: any
 * of the tied ones is right; their index sum (3, 3, 3, 5, 4) is another prototype, or none.
 */
const TIES: Case[] = [
  example([[0]], [[2], [1], [1]]),
  example([[0, 0]], [[3, 0], [1, 0], [0, 1], [2, 2]]),
  example([[0, 0], [1, 0]], [[-1, 0], [1, 0], [0, 1], [3, 3]]),
  example([[0, 0]], [[0, 2], [2, 0], [0, 1], [1, 0]]),
  example([[0, 0, 0]], [[4, 4, 4], [1, 1, 1], [3, 3, 3], [1, 1, 1]]),
];

/** How many prototypes share row i's minimum energy. */
const tiedAt = (e: Nd, i: number): number => {
  const k = e.shape[1];
  const row = e.data.subarray(i * k, (i + 1) * k);
  const best = Math.min(...row);
  return row.filter((v) => v === best).length;
};

/**
 * Cases where every point has several closest prototypes: W with one prototype repeated and
 * points near it, or points halfway between two distinct prototypes (multiples of 1/16, so the
 * two squared distances are exactly equal in float64). Kept only where the tie is at the minimum.
 */
const tiedCases: fc.Arbitrary<Case> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 2, max: 4 }), repeated: fc.boolean() })
  .chain(({ n, d, k, repeated }) =>
    fc.record({
      w: ndOf([d, k], moderate()),
      pairs: fc.array(fc.tuple(fc.integer({ min: 0, max: k - 1 }), fc.integer({ min: 0, max: k - 1 })).filter(([a, b]) => a !== b), { minLength: n, maxLength: n }),
      nudge: ndOf([n, d], fc.integer({ min: -2, max: 2 }).map((v) => v / 8)),
      copies: fc.array(fc.integer({ min: 0, max: k - 1 }), { minLength: 2, maxLength: k }),
    }).map(({ w, pairs, nudge, copies }) => {
      const wd = Float64Array.from(w.data);
      const at = (f: number, j: number) => wd[f * k + j];
      if (repeated) for (const j of copies.slice(1)) for (let f = 0; f < d; f++) wd[f * k + j] = at(f, copies[0]);
      const y = Array.from({ length: n * d }, (_, idx) => {
        const [i, f] = [Math.floor(idx / d), idx % d];
        return repeated ? at(f, copies[0]) + nudge.data[idx] : (at(f, pairs[i][0]) + at(f, pairs[i][1])) / 2;
      });
      return { y: nd([n, d], y), w: nd([d, k], wd) };
    }),
  )
  .filter((c) => {
    const e = kmeansEnergyNd(c.y, c.w);
    return Array.from({ length: c.y.shape[0] }, (_, i) => tiedAt(e, i)).every((t) => t > 1);
  });

/**
 * Squared distances of numbers ≤ 5 in magnitude: float64 is exact here (multiples of 1/16), and
 * the expanded form ‖y‖² − 2y·w + ‖w‖², correct but cancelling, is within 1e-9 of terms ≤ 400.
 */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

function args(c: Case) {
  return [{ name: 'y', value: toTensor(c.y) }, { name: 'w', value: toTensor(c.w) }];
}

/** kmeansInfer's z or energy, each judged on its own: a wrong dtype of one costs only its own checks. */
function infer(impl: M, c: Case, piece: 'z' | 'energy'): { label: string; got: Tensor } {
  const a = args(c);
  const label = describeCall('kmeansInfer', a);
  const out = call(label, a, () => impl.kmeansInfer(a[0].value, a[1].value)) as Partial<Record<'z' | 'energy', unknown>> | undefined;
  const n = c.y.shape[0];
  return {
    label,
    got: piece === 'z'
      ? expectTensor(`${label}.z`, out?.z, [n], 'the index of the closest prototype of each point, a Tensor', 'int32')
      : expectTensor(`${label}.energy`, out?.energy, [n], 'the free energy of each point, a Tensor', 'float64'),
  };
}

/** Every ž must be a prototype's index at its row's minimum energy. */
function expectClosest(label: string, z: Tensor, c: Case): void {
  const energies = kmeansEnergyNd(c.y, c.w);
  const k = c.w.shape[1];
  const best = minima(energies);
  z.data().forEach((j, i) => {
    if (!Number.isInteger(j) || j < 0 || j >= k) throw new CheckFailure(`${label}.z[${i}] is ${num(j)}; expected the index of a prototype, an integer from 0 to ${k - 1}`);
    const e = energies.data[i * k + j];
    if (!within(e, best.data[i], TOLERANCE)) {
      const [got, want] = numPair(e, best.data[i]);
      const tied = tiedAt(energies, i);
      const which = tied > 1 ? `the closest ones (${tied} tie, any of them is right: ${show(Array.from({ length: k }, (_, j2) => j2).filter((j2) => energies.data[i * k + j2] === best.data[i]))})` : 'the closest one';
      throw new CheckFailure(`${label}.z[${i}] is ${j}, a prototype at energy ${got}; ${which} ${tied > 1 ? 'are' : 'is'} at energy ${want}`);
    }
  });
}

export const checks = defineChecks<M>([
  {
    name: 'kmeansEnergy is ‖y − W[:, j]‖² for every point (row of y) and prototype (column of W)',
    points: 4,
    run: (impl) =>
      forAll(cases, (c) => {
        const a = args(c);
        const label = describeCall('kmeansEnergy', a);
        const want = kmeansEnergyNd(c.y, c.w);
        expectClose(label, expectTensor(label, call(label, a, () => impl.kmeansEnergy(a[0].value, a[1].value)), want.shape, 'a Tensor', 'float64'), want, TOLERANCE);
      }, { examples: EDGES }),
  },
  {
    name: 'kmeansInfer picks the closest prototype: ž = argmin_z E(y, z)',
    points: 2,
    run: (impl) =>
      forAll(cases, (c) => {
        const { label, got } = infer(impl, c, 'z');
        expectClosest(label, got, c);
      }, { examples: EDGES }),
  },
  {
    name: 'kmeansInfer picks one of the closest prototypes where several are equally close',
    points: 1,
    run: (impl) =>
      forAll(tiedCases, (c) => {
        const { label, got } = infer(impl, c, 'z');
        expectClosest(label, got, c);
      }, { examples: TIES, numRuns: 30 }),
  },
  {
    name: 'kmeansInfer gives the free energy F(y) = min_z E(y, z) of every point',
    points: 3,
    run: (impl) =>
      forAll(cases, (c) => {
        const { label, got } = infer(impl, c, 'energy');
        expectClose(`${label}.energy`, got, minima(kmeansEnergyNd(c.y, c.w)), TOLERANCE);
      }, { examples: [...EDGES, ...TIES] }),
  },
]);
