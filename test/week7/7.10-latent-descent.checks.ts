/**
 * 7.10 — inference of a continuous latent by gradient descent. Oracles in float64: the energy
 * ‖y − Wz‖² + λ‖z‖² row by row; its gradient by central differences of that energy (exact up
 * to rounding for a quadratic, and a different method from the formula the exercise uses); the
 * descent as the same recursion run here; and its end point as the closed-form minimiser
 * ž = (WᵀW + λI)⁻¹Wᵀy, solved by Gaussian elimination, reached with a step size of
 * 1/(2(‖W‖²_F + λ)), below the 1/L that guarantees convergence. Shapes are drawn with d ≠ k as
 * often as not, so a W where Wᵀ belongs shows. Both pieces inferLatent returns are checked after
 * a few steps too, where the walk has not settled: an energy taken one step early (inside the
 * loop, before the last update) is right only once the walk stands still. Results keep the dtype
 * they are given (float64).
 */
import fc from 'fast-check';
import type * as Latent from '#target/week7/7.10-latent-descent.ts';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { call, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, show } from '../harness/show.ts';

type M = typeof Latent;

interface Case {
  /** [n, d] */
  y: Nd;
  /** [d, k] */
  w: Nd;
  /** [n, k] */
  z: Nd;
  lambda: number;
}

const cases = (lambdas: fc.Arbitrary<number>): fc.Arbitrary<Case> =>
  fc.record({ n: fc.integer({ min: 1, max: 3 }), d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 3 }) }).chain(({ n, d, k }) =>
    fc.record({ y: ndOf([n, d], moderate(2)), w: ndOf([d, k], moderate(1)), z: ndOf([n, k], moderate(1)), lambda: lambdas }),
  );

/** E(y_i, z_i) for one row. */
function rowEnergy(c: Case, i: number, z: ArrayLike<number>): number {
  const [d, k] = c.w.shape;
  let e = 0;
  for (let f = 0; f < d; f++) {
    let wz = 0;
    for (let j = 0; j < k; j++) wz += c.w.data[f * k + j] * z[j];
    e += (c.y.data[i * d + f] - wz) ** 2;
  }
  for (let j = 0; j < k; j++) e += c.lambda * z[j] ** 2;
  return e;
}

const rowOf = (a: Nd, i: number): Float64Array => a.data.slice(i * a.shape[1], (i + 1) * a.shape[1]);
const energyNd = (c: Case, z: Nd = c.z): Nd => nd([c.y.shape[0]], Array.from({ length: c.y.shape[0] }, (_, i) => rowEnergy(c, i, rowOf(z, i))));

/** ∂E/∂z by central differences, coordinate by coordinate. */
function centralDifferences(c: Case, z: Nd = c.z): Nd {
  const h = 1e-4;
  const [n, k] = z.shape;
  const out = nd([n, k]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      const [up, down] = [rowOf(z, i), rowOf(z, i)];
      up[j] += h;
      down[j] -= h;
      out.data[i * k + j] = (rowEnergy(c, i, up) - rowEnergy(c, i, down)) / (2 * h);
    }
  }
  return out;
}

/** `steps` steps of z ← z − lr·∂E/∂z, the gradient by the oracle's differences (exact for this quadratic). */
function descent(c: Case, steps: number, lr: number): Nd {
  let z = c.z;
  for (let t = 0; t < steps; t++) {
    const g = centralDifferences(c, z);
    z = nd(z.shape, z.data.map((v, i) => v - lr * g.data[i]));
  }
  return z;
}

/** Solve A x = b for a small symmetric positive definite A (k × k) by Gaussian elimination. */
function solve(a: number[][], b: number[]): number[] {
  const k = b.length;
  const m = a.map((row, i) => [...row, b[i]]);
  for (let p = 0; p < k; p++) {
    for (let r = p + 1; r < k; r++) {
      const f = m[r][p] / m[p][p];
      for (let col = p; col <= k; col++) m[r][col] -= f * m[p][col];
    }
  }
  const x = new Array<number>(k).fill(0);
  for (let r = k - 1; r >= 0; r--) x[r] = (m[r][k] - m[r].slice(r + 1, k).reduce((acc, v, j) => acc + v * x[r + 1 + j], 0)) / m[r][r];
  return x;
}

/** ž = (WᵀW + λI)⁻¹ Wᵀ y for every row: where ∂E/∂z = 0. */
function minimiser(c: Case): Nd {
  const [d, k] = c.w.shape;
  const w = (f: number, j: number) => c.w.data[f * k + j];
  const a = Array.from({ length: k }, (_, r) => Array.from({ length: k }, (_, s) => Array.from({ length: d }, (_, f) => w(f, r) * w(f, s)).reduce((x, y) => x + y, 0) + (r === s ? c.lambda : 0)));
  return nd(c.z.shape, Array.from({ length: c.y.shape[0] }, (_, i) => solve(a, Array.from({ length: k }, (_, r) => Array.from({ length: d }, (_, f) => w(f, r) * c.y.data[i * d + f]).reduce((x, y) => x + y, 0)))).flat());
}

/** Sums of a dozen products of numbers ≤ 2: float64 exact to ~1e-14; central differences of a quadratic to ~1e-10. */
const TOLERANCE: Tolerance = { abs: 1e-8, rel: 1e-8 };

const tensors = (c: Case) => ({ y: toTensor(c.y), w: toTensor(c.w), z: toTensor(c.z) });
const args = (t: ReturnType<typeof tensors>) => [{ name: 'y', value: t.y }, { name: 'w', value: t.w }, { name: 'z', value: t.z }];
const shown = (c: Case): string => `y = ${show(c.y)}, w = ${show(c.w)}, z = ${show(c.z)}`;

function infer(impl: M, c: Case, steps: number, lr: number) {
  const t = tensors(c);
  const options = { lambda: c.lambda, steps, lr };
  const label = `inferLatent(y, w, z0, { lambda: ${num(c.lambda)}, steps: ${steps}, lr: ${num(lr)} }) with ${shown(c).replace('z =', 'z0 =')}`;
  const out = call(label, args(t).map((a) => (a.name === 'z' ? { ...a, name: 'z0' } : a)), () => impl.inferLatent(t.y, t.w, t.z, options)) as Partial<Record<'z' | 'energy', unknown>> | undefined;
  return {
    label,
    z: expectTensor(`${label}.z`, out?.z, c.z.shape, 'a Tensor', 'float64'),
    energy: () => expectTensor(`${label}.energy`, out?.energy, [c.y.shape[0]], 'a Tensor', 'float64'),
  };
}

/** Below 1/L for L = 2(‖W‖²_F + λ) ≥ 2(σ_max(W)² + λ), the curvature of E in z. */
const safeRate = (c: Case): number => 1 / (2 * (c.w.data.reduce((a, v) => a + v * v, 0) + c.lambda));

const lambdas = fc.constantFrom(0.25, 0.5, 1, 2);

/** latentEnergy or latentEnergyGradient at the case, compared with its oracle. */
function compare(impl: M, name: 'latentEnergy' | 'latentEnergyGradient', c: Case, want: Nd, tolerance: Tolerance): void {
  const t = tensors(c);
  const label = `${name}(y, w, z, ${num(c.lambda)}) with ${shown(c)}`;
  expectClose(label, expectTensor(label, call(label, args(t), () => impl[name](t.y, t.w, t.z, c.lambda)), want.shape, 'a Tensor', 'float64'), want, tolerance);
}

export const checks = defineChecks<M>([
  {
    name: 'latentEnergy is ‖y − Wz‖² + λ‖z‖² for each example',
    points: 2,
    run: (impl) => forAll(cases(lambdas), (c) => compare(impl, 'latentEnergy', c, energyNd(c), TOLERANCE)),
  },
  {
    name: 'latentEnergyGradient is ∂E/∂z = −2Wᵀ(y − Wz) + 2λz, as central differences of E confirm',
    points: 3,
    // central differences with h = 1e-4 of energies ≤ 100: rounding ~1e-10, and no truncation error for a quadratic
    run: (impl) => forAll(cases(lambdas), (c) => compare(impl, 'latentEnergyGradient', c, centralDifferences(c), { abs: 1e-7, rel: 1e-7 })),
  },
  {
    name: 'inferLatent takes `steps` steps z ← z − lr·∂E/∂z from z0, leaves z0 alone, and returns E(y, z) where it stops',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(cases(lambdas), fc.integer({ min: 0, max: 12 }), fc.constantFrom(0.01, 0.05)), ([c, steps, lr]) => {
        const { label, z, energy } = infer(impl, c, steps, lr);
        const want = descent(c, steps, lr);
        expectClose(`${label}.z`, z, want, { abs: 1e-7, rel: 1e-7 });
        expectClose(`${label}.energy`, energy(), energyNd(c, want), { abs: 1e-7, rel: 1e-7 });
      }),
  },
  {
    name: 'inferLatent reaches the minimum ž = (WᵀW + λI)⁻¹Wᵀy and returns its free energy F(y) = E(y, ž)',
    points: 2,
    run: (impl) =>
      forAll(cases(fc.constantFrom(0.5, 1, 2)), (c) => {
        const { label, z, energy } = infer(impl, c, 600, safeRate(c));
        const best = minimiser(c);
        // 600 steps shrink the distance to ž by (1 − λ/(‖W‖²_F + λ))^600 ≤ 0.96^600 ≈ 2e-11
        expectClose(`${label}.z`, z, best, { abs: 1e-6, rel: 1e-6 });
        expectClose(`${label}.energy`, energy(), energyNd(c, best), { abs: 1e-6, rel: 1e-6 });
      }, { numRuns: 20 }),
  },
]);
