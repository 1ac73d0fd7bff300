/**
 * 7.3 — Lloyd's algorithm. Oracle: a float64 Lloyd step written here (nearest prototype by a
 * loop, then the mean of each prototype's points). Data and prototypes are drawn so that every
 * point has a single nearest prototype (ties would make "the" step ambiguous); prototypes that
 * win no point are made by adding one far from the data. The loop is judged by what any correct
 * loop must give — energies that never rise, from the start's to the end's, and an end where
 * another step changes nothing — so stopping when W stops moving and stopping when the
 * assignments stop changing both pass.
 */
import fc from 'fast-check';
import type { Tensor } from '@gradschool/tensor';
import type * as Lloyd from '#target/week7/7.3-lloyd.ts';
import { ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance, within } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, numPair, show } from '../harness/show.ts';
import { argmins, kmeansEnergyNd, minima } from './kmeans-oracle.ts';

type M = typeof Lloyd;

interface Case {
  y: Nd;
  w: Nd;
}

/** Multiples of 1/4 in [−4, 4]: readable, exact, and spread enough that ties are rare. */
const coordinate = fc.integer({ min: -16, max: 16 }).map((k) => k / 4);

/** Every point strictly closer to one prototype than to any other. */
function uniqueNearest(c: Case): boolean {
  const e = kmeansEnergyNd(c.y, c.w);
  const k = c.w.shape[1];
  const best = minima(e);
  return best.data.every((m, i) => e.data.subarray(i * k, (i + 1) * k).filter((v) => v === m).length === 1);
}

const cases = (maxK = 4): fc.Arbitrary<Case> =>
  fc
    .record({ n: fc.integer({ min: 1, max: 8 }), d: fc.integer({ min: 1, max: 3 }), k: fc.integer({ min: 1, max: maxK }) })
    .chain(({ n, d, k }) => fc.record({ y: ndOf([n, d], coordinate), w: ndOf([d, k], coordinate) }))
    .filter(uniqueNearest);

const chosen = (c: Case): Set<number> => new Set(argmins(kmeansEnergyNd(c.y, c.w)));

/** The same case with one more prototype, 100 away from everything: no point chooses it. */
const withFarPrototype = (c: Case): Case => {
  const [d, k] = c.w.shape;
  const w = nd([d, k + 1]);
  for (let f = 0; f < d; f++) {
    for (let j = 0; j < k; j++) w.data[f * (k + 1) + j] = c.w.data[f * k + j];
    w.data[f * (k + 1) + k] = 100 + f;
  }
  return { y: c.y, w };
}

/** One Lloyd step: each prototype to the mean of the points nearest to it; one no point chose stays. */
function lloydNd(c: Case): Nd {
  const [n, d] = c.y.shape;
  const k = c.w.shape[1];
  const z = argmins(kmeansEnergyNd(c.y, c.w));
  const sums = nd([d, k]);
  const counts = new Array<number>(k).fill(0);
  for (let i = 0; i < n; i++) {
    counts[z[i]]++;
    for (let f = 0; f < d; f++) sums.data[f * k + z[i]] += c.y.data[i * d + f];
  }
  return nd([d, k], sums.data.map((s, idx) => (counts[idx % k] > 0 ? s / counts[idx % k] : c.w.data[idx])));
}

const meanEnergy = (c: Case): number => {
  const m = minima(kmeansEnergyNd(c.y, c.w)).data;
  return m.reduce((a, b) => a + b, 0) / m.length;
};

/** Means of at most 8 numbers ≤ 4 and squared distances ≤ 200: float64 is exact to ~1e-14. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

const args = (c: Case) => [{ name: 'y', value: toTensor(c.y) }, { name: 'w', value: toTensor(c.w) }];

function step(impl: M, c: Case): void {
  const a = args(c);
  const label = describeCall('lloydStep', a);
  const got = expectTensor(label, call(label, a, () => impl.lloydStep(a[0].value, a[1].value)), c.w.shape);
  expectClose(label, got, lloydNd(c), TOLERANCE);
}

/** Enough steps for these small problems to converge. */
const MAX_STEPS = 30;

function kmeans(impl: M, c: Case, maxSteps = MAX_STEPS): { label: string; w: Tensor; z: Tensor; energies: number[] } {
  const a = args(c);
  const label = describeCall('kmeans', [...a, { name: 'maxSteps', value: maxSteps }]);
  const out = call(label, a, () => impl.kmeans(a[0].value, a[1].value, maxSteps)) as Partial<Record<'w' | 'z' | 'energies', unknown>> | undefined;
  const energies = out?.energies;
  if (!Array.isArray(energies) || energies.length < 2 || energies.some((e) => typeof e !== 'number' || !Number.isFinite(e))) {
    throw new CheckFailure(`${label} returned energies ${show(energies)}; expected an array of finite numbers, at least two: the mean free energy before the first step, then one after each step`);
  }
  return {
    label,
    w: expectTensor(`${label}.w`, out?.w, c.w.shape, 'the final prototypes, a Tensor'),
    z: expectTensor(`${label}.z`, out?.z, [c.y.shape[0]], 'the final closest prototypes, a Tensor'),
    energies: energies as number[],
  };
}

const expectNumber = (label: string, got: number, want: number): void => {
  if (within(got, want, TOLERANCE)) return;
  const [a, b] = numPair(got, want);
  throw new CheckFailure(`${label} is ${a}; expected ${b}`);
};

const wNd = (w: Tensor): Nd => nd(w.shape, w.data());

export const checks = defineChecks<M>([
  {
    name: 'lloydStep moves each prototype to the mean of the points closest to it',
    points: 4,
    run: (impl) => forAll(cases().filter((c) => chosen(c).size === c.w.shape[1]), (c) => step(impl, c)),
  },
  {
    name: 'lloydStep leaves a prototype that no point chose where it is (no 0/0)',
    points: 2,
    run: (impl) => forAll(cases(3).map(withFarPrototype), (c) => step(impl, c), { examples: [{ y: nd([2, 1], [0, 1]), w: nd([1, 2], [0.5, 100]) }] }),
  },
  {
    name: 'kmeans records the mean free energy before and after each step (at most maxSteps), and it never rises',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(cases(), fc.constantFrom(1, 2, 3, MAX_STEPS)), ([c, maxSteps]) => {
        const { label, w, energies } = kmeans(impl, c, maxSteps);
        expectNumber(`${label}.energies[0], the mean free energy at the start,`, energies[0], meanEnergy(c));
        energies.forEach((e, t) => {
          if (t > 0 && e > energies[t - 1] + 1e-9) throw new CheckFailure(`${label}.energies rose from ${num(energies[t - 1])} to ${num(e)} at step ${t}: neither half of a Lloyd step can raise it`);
        });
        expectNumber(`${label}.energies[${energies.length - 1}], the last one,`, energies.at(-1)!, meanEnergy({ y: c.y, w: wNd(w) }));
        if (energies.length - 1 > maxSteps) throw new CheckFailure(`${label} recorded ${energies.length} energies, so took ${energies.length - 1} steps; at most ${maxSteps} were allowed`);
      }),
  },
  {
    name: 'kmeans stops at a fixed point: another step would not move W, and z is its assignment',
    points: 2,
    run: (impl) =>
      forAll(cases(), (c) => {
        const { label, w, z, energies } = kmeans(impl, c);
        const end = { y: c.y, w: wNd(w) };
        if (energies.length - 1 < MAX_STEPS) {
          const next = lloydNd(end);
          if (next.data.some((v, i) => !within(end.w.data[i], v, TOLERANCE))) {
            throw new CheckFailure(`${label} stopped after ${energies.length - 1} step(s) at w = ${show(w)}, but another Lloyd step would move it to ${show(next)}: it had not converged`);
          }
        }
        const e = kmeansEnergyNd(end.y, end.w);
        const best = minima(e);
        const k = c.w.shape[1];
        z.data().forEach((j, i) => {
          if (!(Number.isInteger(j) && j >= 0 && j < k && within(e.data[i * k + j], best.data[i], TOLERANCE))) {
            throw new CheckFailure(`${label}.z[${i}] is ${num(j)}, but the prototype of the final w closest to point ${i} is ${argmins(e)[i]}`);
          }
        });
      }),
  },
]);
