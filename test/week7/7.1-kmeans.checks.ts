/**
 * 7.1 — K-means energy and inference. Oracle: float64 loops over every point and prototype
 * (columns of W). Shapes are drawn with d ≠ k as often as not, so reading W's rows as the
 * prototypes shows; n = 0 (no data) and k = 1 (one prototype) come up among them. Where two
 * prototypes are equally close, any of them is an acceptable ž: the check asks that the chosen
 * one be at the minimum energy.
 */
import fc from 'fast-check';
import type { Tensor } from '@gradschool/tensor';
import type * as KMeans from '#target/week7/7.1-kmeans.ts';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance, within } from '../harness/compare.ts';
import { type Nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, numPair } from '../harness/show.ts';
import { kmeansEnergyNd, minima } from './kmeans-oracle.ts';

type M = typeof KMeans;

interface Case {
  y: Nd;
  w: Nd;
}

const cases: fc.Arbitrary<Case> = fc
  .record({ n: fc.integer({ min: 0, max: 5 }), d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, d, k }) => fc.record({ y: ndOf([n, d], moderate()), w: ndOf([d, k], moderate()) }));

/**
 * Squared distances of numbers ≤ 5 in magnitude: float64 is exact here (multiples of 1/8), and
 * the expanded form ‖y‖² − 2y·w + ‖w‖², correct but cancelling, is within 1e-9 of terms ≤ 400.
 */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-9 };

function args(c: Case) {
  return [{ name: 'y', value: toTensor(c.y) }, { name: 'w', value: toTensor(c.w) }];
}

function infer(impl: M, c: Case): { label: string; z: Tensor; energy: Tensor } {
  const a = args(c);
  const label = describeCall('kmeansInfer', a);
  const out = call(label, a, () => impl.kmeansInfer(a[0].value, a[1].value)) as Partial<Record<'z' | 'energy', unknown>> | undefined;
  const n = c.y.shape[0];
  return {
    label,
    z: expectTensor(`${label}.z`, out?.z, [n], 'the index of the closest prototype of each point, a Tensor'),
    energy: expectTensor(`${label}.energy`, out?.energy, [n], 'the free energy of each point, a Tensor'),
  };
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
        expectClose(label, expectTensor(label, call(label, a, () => impl.kmeansEnergy(a[0].value, a[1].value)), want.shape), want, TOLERANCE);
      }),
  },
  {
    name: 'kmeansInfer picks the closest prototype: ž = argmin_z E(y, z)',
    points: 3,
    run: (impl) =>
      forAll(cases, (c) => {
        const { label, z } = infer(impl, c);
        const energies = kmeansEnergyNd(c.y, c.w);
        const k = c.w.shape[1];
        const best = minima(energies);
        z.data().forEach((j, i) => {
          if (!Number.isInteger(j) || j < 0 || j >= k) throw new CheckFailure(`${label}.z[${i}] is ${num(j)}; expected the index of a prototype, an integer from 0 to ${k - 1}`);
          const e = energies.data[i * k + j];
          if (!within(e, best.data[i], TOLERANCE)) {
            const [got, want] = numPair(e, best.data[i]);
            throw new CheckFailure(`${label}.z[${i}] is ${j}, a prototype at energy ${got}; the closest one is at energy ${want}`);
          }
        });
      }),
  },
  {
    name: 'kmeansInfer gives the free energy F(y) = min_z E(y, z) of every point',
    points: 3,
    run: (impl) =>
      forAll(cases, (c) => {
        const { label, energy } = infer(impl, c);
        expectClose(`${label}.energy`, energy, minima(kmeansEnergyNd(c.y, c.w)), TOLERANCE);
      }),
  },
]);
