/**
 * 7.3 — Lloyd's algorithm. Oracle: a float64 Lloyd step written here (nearest prototype by a
 * loop, then the mean of each prototype's points). Data and prototypes are drawn so that every
 * point has a single nearest prototype (ties would make "the" step ambiguous); prototypes that
 * win no point are made by adding one far from the data. `kmeans` is followed step by step: the
 * oracle runs the same steps, on cases whose every point keeps a clear nearest prototype all the
 * way (by 1e-6 in energy), so that every correct run takes the same path; then the record must
 * hold the mean free energy of each step's W, the run must end where the stopping rule says —
 * at the first step that leaves W where it was, or (also right) at the first step after which no
 * point changes prototype, else after maxSteps — and z must be the assignment of the W returned,
 * which runs of 1 to 3 steps, still moving, tell from the assignment the last step started from.
 * Results keep the dtype they are given (float64); z is int32.
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

/**
 * Means of at most 8 numbers ≤ 4 and squared distances ≤ 200: float64 is exact to ~1e-14. The
 * chapter's policy on guarded denominators (count + ε, ε ≤ 1e-6, in place of max(count, 1)) sets
 * the relative part: such a mean is off by ε/count ≤ 1e-6 of itself, a real mistake by far more.
 */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-6 };

/** What the oracle's run of Lloyd steps went through: W and the assignment before the first step and after each. */
interface Run {
  ws: Nd[];
  zs: number[][];
  /** Every point's nearest prototype beats the next by more than 1e-6 at every W of the run. */
  clear: boolean;
  /** The first step that leaves W where it was, and the first after which z is what it was (Infinity: none within maxSteps). */
  stillW: number;
  stillZ: number;
  /** The step counts a correct kmeans may take: stopping when W stops moving, or when z stops changing. */
  accepted: Set<number>;
}

/** The smallest gap between a point's nearest and next nearest prototype. */
function margin(c: Case): number {
  const e = kmeansEnergyNd(c.y, c.w);
  const k = c.w.shape[1];
  let gap = Infinity;
  for (let i = 0; i < c.y.shape[0]; i++) {
    const row = Array.from(e.data.subarray(i * k, (i + 1) * k)).sort((a, b) => a - b);
    if (k > 1) gap = Math.min(gap, row[1] - row[0]);
  }
  return gap;
}

/** `maxSteps` Lloyd steps from c.w (past a fixed point, W stays), and where a correct run stops. */
function lloydRun(c: Case, maxSteps: number): Run {
  const ws = [c.w];
  const zs = [argmins(kmeansEnergyNd(c.y, c.w))];
  let clear = margin(c) > 1e-6;
  let [stillW, stillZ] = [Infinity, Infinity];
  for (let t = 1; t <= maxSteps; t++) {
    const w = lloydNd({ y: c.y, w: ws[t - 1] });
    ws.push(w);
    zs.push(argmins(kmeansEnergyNd(c.y, w)));
    clear &&= margin({ y: c.y, w }) > 1e-6;
    if (stillW === Infinity && w.data.every((v, i) => Math.abs(v - ws[t - 1].data[i]) <= 1e-12)) stillW = t;
    if (stillZ === Infinity && zs[t].every((j, i) => j === zs[t - 1][i])) stillZ = t;
  }
  return { ws, zs, clear, stillW, stillZ, accepted: new Set([Math.min(stillW, maxSteps), Math.min(stillZ, maxSteps)]) };
}

const args = (c: Case) => [{ name: 'y', value: toTensor(c.y) }, { name: 'w', value: toTensor(c.w) }];

function step(impl: M, c: Case): void {
  const a = args(c);
  const label = describeCall('lloydStep', a);
  const got = expectTensor(label, call(label, a, () => impl.lloydStep(a[0].value, a[1].value)), c.w.shape, 'a Tensor', 'float64');
  expectClose(label, got, lloydNd(c), TOLERANCE);
}

/** Enough steps for these small problems to converge. */
const MAX_STEPS = 30;

interface KMeansOut {
  label: string;
  w: unknown;
  z: unknown;
  energies: number[];
}

function kmeans(impl: M, c: Case, maxSteps: number): KMeansOut {
  const a = args(c);
  const label = describeCall('kmeans', [...a, { name: 'maxSteps', value: maxSteps }]);
  const out = call(label, a, () => impl.kmeans(a[0].value, a[1].value, maxSteps)) as Partial<Record<'w' | 'z' | 'energies', unknown>> | undefined;
  const energies = out?.energies;
  if (!Array.isArray(energies) || energies.length < 1 || energies.some((e) => typeof e !== 'number' || !Number.isFinite(e))) {
    throw new CheckFailure(`${label} returned energies ${show(energies)}; expected an array of finite numbers: the mean free energy before the first step, then one after each step`);
  }
  if (energies.length - 1 > maxSteps) throw new CheckFailure(`${label} recorded ${energies.length} energies, so took ${energies.length - 1} steps; at most ${maxSteps} were allowed`);
  return { label, w: out?.w, z: out?.z, energies: energies as number[] };
}

const expectNumber = (label: string, got: number, want: number): void => {
  if (within(got, want, TOLERANCE)) return;
  const [a, b] = numPair(got, want);
  throw new CheckFailure(`${label} is ${a}; expected ${b}`);
};

const wNd = (w: Tensor): Nd => nd(w.shape, w.data());

/** Runs the oracle can follow step by step, with maxSteps from a few (still moving) to MAX_STEPS (converged). */
const runs = (filter: (c: Case, run: Run, maxSteps: number) => boolean = () => true) =>
  fc
    .tuple(cases(), fc.constantFrom(1, 2, 3, MAX_STEPS))
    .map(([c, maxSteps]) => ({ c, maxSteps, run: lloydRun(c, maxSteps) }))
    .filter(({ c, maxSteps, run }) => run.clear && filter(c, run, maxSteps));

type RunCase = { c: Case; maxSteps: number; run: Run };

/** A run whose assignment still changes at step maxSteps: z before and after that step differ. */
const STILL_MOVING: Case[] = [
  // 1-d: points 0, 1, 2, 10 from prototypes 0 and 1.75: one step moves them to 0 and 13/3, and points 1 and 2 change sides
  { y: nd([4, 1], [0, 1, 2, 10]), w: nd([1, 2], [0, 1.75]) },
];
const stillMoving = (c: Case, maxSteps: number): RunCase => ({ c, maxSteps, run: lloydRun(c, maxSteps) });

export const checks = defineChecks<M>([
  {
    name: 'lloydStep moves each prototype to the mean of the points closest to it',
    points: 3,
    run: (impl) => forAll(cases().filter((c) => chosen(c).size === c.w.shape[1]), (c) => step(impl, c)),
  },
  {
    name: 'lloydStep leaves a prototype that no point chose where it is (no 0/0)',
    points: 2,
    run: (impl) => forAll(cases(3).map(withFarPrototype), (c) => step(impl, c), { examples: [{ y: nd([2, 1], [0, 1]), w: nd([1, 2], [0.5, 100]) }] }),
  },
  {
    name: 'kmeans records the mean free energy before the first step and after each one, as Lloyd\'s steps lower it',
    points: 2,
    run: (impl) =>
      forAll(runs(), ({ c, maxSteps, run }) => {
        const { label, w, energies } = kmeans(impl, c, maxSteps);
        expectNumber(`${label}.energies[0], the mean free energy at the start,`, energies[0], meanEnergy(c));
        energies.forEach((e, t) => {
          if (t > 0 && e > energies[t - 1] + 1e-9) throw new CheckFailure(`${label}.energies rose from ${num(energies[t - 1])} to ${num(e)} at step ${t}: neither half of a Lloyd step can raise it`);
          expectNumber(`${label}.energies[${t}], the mean free energy after step ${t},`, e, meanEnergy({ y: c.y, w: run.ws[t] }));
        });
        const final = wNd(expectTensor(`${label}.w`, w, c.w.shape, 'the final prototypes, a Tensor'));
        expectNumber(`${label}.energies[${energies.length - 1}], the last one,`, energies.at(-1)!, meanEnergy({ y: c.y, w: final }));
      }, { examples: [stillMoving(STILL_MOVING[0], 1), stillMoving(STILL_MOVING[0], MAX_STEPS)] }),
  },
  {
    name: 'kmeans stops at the first step that leaves W where it was (or after which no point changes prototype), after at most maxSteps, and returns that W',
    points: 2,
    run: (impl) =>
      forAll(runs(), ({ c, maxSteps, run }) => {
        const { label, w, energies } = kmeans(impl, c, maxSteps);
        const taken = energies.length - 1;
        const accepted = [...run.accepted].sort((a, b) => a - b);
        if (!run.accepted.has(taken)) {
          const rule = run.stillW <= maxSteps
            ? `Lloyd's steps from this W first leave it where it was at step ${run.stillW}${run.stillZ < run.stillW ? ` (and no point changes prototype after step ${run.stillZ})` : ''}`
            : `W still moves at each of the ${maxSteps} steps allowed`;
          throw new CheckFailure(`${label} took ${taken} step(s) (it recorded ${energies.length} energies); ${rule}, so it should stop after ${accepted.join(' or ')}`);
        }
        const got = expectTensor(`${label}.w`, w, c.w.shape, 'the final prototypes, a Tensor', 'float64');
        expectClose(`${label}.w`, got, run.ws[taken], TOLERANCE, `(after ${taken} step${taken === 1 ? '' : 's'}) is`);
      }, { examples: [stillMoving(STILL_MOVING[0], MAX_STEPS)] }),
  },
  {
    name: 'kmeans returns z, the closest prototype of every point to the W it returns',
    points: 1,
    run: (impl) =>
      // runs still moving at their last step: z before that step is not z after it
      forAll(runs((_c, run, maxSteps) => maxSteps < MAX_STEPS && run.zs[maxSteps].some((j, i) => j !== run.zs[maxSteps - 1][i]) && run.accepted.has(maxSteps) && run.accepted.size === 1), ({ c, maxSteps }) => {
        const { label, w, z } = kmeans(impl, c, maxSteps);
        const final = wNd(expectTensor(`${label}.w`, w, c.w.shape, 'the final prototypes, a Tensor'));
        const got = expectTensor(`${label}.z`, z, [c.y.shape[0]], 'the final closest prototypes, a Tensor', 'int32');
        const e = kmeansEnergyNd(c.y, final);
        const best = argmins(e);
        got.data().forEach((j, i) => {
          if (j !== best[i]) throw new CheckFailure(`${label}.z is ${show(got)}, but the prototypes it returns, w = ${show(final)}, are closest to ${show(best)}: z[${i}] is ${num(j)}, not ${best[i]}. Assign the points again after the last step`);
        });
      }, { examples: [stillMoving(STILL_MOVING[0], 1)] }),
  },
]);
