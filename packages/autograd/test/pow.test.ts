/**
 * pow at base 0, where its textbook derivatives are 0·inf or 0·log(0): first and second order
 * against closed forms written in float64 here (with the limits a -> 0+ where a = 0), against
 * central differences where those are defined, and against PyTorch's values for x^0.5.
 */
import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, gradients, parameter, type Variable } from '../src/index.ts';
import { numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

/** Seeded positive bases in [0.5, ~3], with exact zeros where a coin (seeded too) says so. */
function basesWithZeros(shape: number[], seed: number): Float64Array {
  const a = randomTensor(shape, seed, { domain: 'positive' }).data() as Float64Array;
  const coin = randomTensor(shape, seed + 1).data();
  return a.map((v, i) => (coin[i] > 0 ? 0 : v));
}

/**
 * d/da, d/db and the second derivatives of a^b, with their limits as a -> 0+ at a = 0 for b in
 * {2, 3}: b·a^(b-1) -> 0, a^b·log a -> 0, b(b-1)·a^(b-2) -> b(b-1)·[b = 2], a^(b-1)(1 + b·log a) -> 0,
 * a^b·log² a -> 0.
 */
function powDerivatives(a: number, b: number) {
  if (a === 0) return { da: 0, db: 0, dada: b === 2 ? 2 : 0, dadb: 0, dbdb: 0 };
  const l = Math.log(a);
  return {
    da: b * a ** (b - 1), db: a ** b * l, dada: b * (b - 1) * a ** (b - 2), dadb: a ** (b - 1) * (1 + b * l), dbdb: a ** b * l * l,
  };
}

/** Float64 ops on values of a few units: 1e-12 relative is thousands of roundings, 1e-14 absolute covers results near 0. */
function expectClose(got: ArrayLike<number>, want: number[]): void {
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `element ${i}: got ${got[i]}, want ${w}`).toBeLessThanOrEqual(1e-14 + 1e-12 * Math.abs(w)));
}

const exponentArb = fc.constantFrom(2, 3);

describe('pow at base 0', () => {
  test.prop([shapeArb({ minSize: 0 }), seedArb, exponentArb], { numRuns })(
    'a constant exponent 2 or 3: first and second derivatives match central differences',
    (shape, seed, p) => {
      const a = tensor(basesWithZeros(shape, seed), { shape, dtype: 'float64' });
      // x^2 and x^3 are smooth through 0 from both sides, so differences straddling 0 are fine
      assertGradcheck((x) => x.pow(p), [a]);
      assertGradcheck((x) => gradients(x.pow(p).sum(), [x], { createGraph: true })[0], [a]);
    },
  );

  test.prop([shapeArb(), seedArb, exponentArb], { numRuns })(
    'a learned exponent 2 or 3: every first and second derivative is its closed form (its limit at 0), never NaN',
    (shape, seed, p) => {
      const av = basesWithZeros(shape, seed);
      const a = parameter(tensor(av, { shape, dtype: 'float64' }));
      const b = parameter(tensor(av.map(() => p), { shape, dtype: 'float64' }));
      // elementwise, so each Hessian block is diagonal: the gradient of a summed first derivative gives it
      const [ga, gb] = gradients(a.pow(b).sum(), [a, b], { createGraph: true });
      const [dada, dadb] = gradients(ga.sum(), [a, b], { retainGraph: true });
      const [dbda, dbdb] = gradients(gb.sum(), [a, b]);
      const want = [...av].map((v) => powDerivatives(v, p));
      expectClose(ga.data(), want.map((w) => w.da));
      expectClose(gb.data(), want.map((w) => w.db));
      expectClose(dada.data(), want.map((w) => w.dada));
      expectClose(dadb.data(), want.map((w) => w.dadb));
      expectClose(dbda.data(), want.map((w) => w.dadb));
      expectClose(dbdb.data(), want.map((w) => w.dbdb));
    },
  );

  test.prop([shapeArb(), seedArb], { numRuns })(
    'an exponent with exact zeros (positive base): second derivatives match central differences',
    (shape, seed) => {
      const a = randomTensor(shape, seed, { domain: 'positive' });
      const coin = randomTensor(shape, seed + 1);
      const b = randomTensor(shape, seed + 2).mul(coin.gt(0)); // d²(a^b)/da db = 1/a at b = 0
      const both = (x: Variable, y: Variable) => {
        const [gx, gy] = gradients(x.pow(y).sum(), [x, y], { createGraph: true });
        return gx.add(gy.mul(2));
      };
      assertGradcheck(both, [a, b]);
    },
  );

  it('x^0.5 has an infinite slope at 0: +inf, then -inf for the second derivative, as PyTorch gives', () => {
    // PyTorch: d/dx = grad·0.5·x^(-0.5) = inf, and differentiating that again: 0.5·(-0.5)·x^(-1.5) = -inf
    const x = parameter(tensor([0, 4], { dtype: 'float64' }));
    const [g] = gradients(x.pow(0.5).sum(), [x], { createGraph: true });
    expect(g.toArray()).toEqual([Infinity, 0.25]);
    const [gg] = gradients(g.sum(), [x]);
    expect(gg.toArray()).toEqual([-Infinity, -0.25 * 0.5 / 4]);
  });

  it('with a learned exponent 0.5: the exponent gradient at 0 is 0, and the mixed second derivatives have no value, as in PyTorch', () => {
    const a = parameter(tensor([0], { dtype: 'float64' }));
    const b = parameter(tensor([0.5], { dtype: 'float64' }));
    const [ga, gb] = gradients(a.pow(b).sum(), [a, b], { createGraph: true });
    expect([ga.item(), gb.item()]).toEqual([Infinity, 0]);
    // d/db (b·a^(b-1)) = a^(b-1) + b·a^(b-1)·log a = inf - inf at a = 0: PyTorch's same formulas give NaN
    const [, dadb] = gradients(ga.sum(), [a, b], { retainGraph: true });
    const [dbda] = gradients(gb.sum(), [a, b]);
    expect([dadb.item(), dbda.item()]).toEqual([NaN, NaN]);
  });
});
