import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { freeEnergy, inferDiscrete } from '../../src/week7/ebm/free-energy.ts';
import { gibbs } from '../../src/week7/ebm/gibbs.ts';
import { centralDiff, f64, logSumExp, table } from './helpers.ts';

// energies [b, K]: b examples, K values of the latent z each
const energies = table(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 7 }), fc.double({ min: -50, max: 50, noNaN: true }));
const beta = fc.double({ min: 1e-3, max: 1e3, noNaN: true });

describe('freeEnergy', () => {
  test.prop([energies, beta], { numRuns: 80 })('matches −(1/β) log Σ exp(−βE) computed naively in float64', ({ values }, b) => {
    const got = Array.from(freeEnergy(f64(values), b).data());
    const want = values.map((row) => -logSumExp(row.map((e) => -b * e)) / b);
    // both are float64; the relative error of log-sum-exp is ~1e-15, times energies up to 50 and log(K)/β up to 2e3
    got.forEach((g, i) => expect(Math.abs(g - want[i])).toBeLessThan(1e-9 * (1 + Math.abs(want[i]))));
  });

  test.prop([energies, fc.double({ min: 1e-6, max: 1e12, noNaN: true })], { numRuns: 80 })(
    'lies between min E − log(K)/β and min E', ({ values, cols }, b) => {
      const got = Array.from(freeEnergy(f64(values), b).data());
      values.forEach((row, i) => {
        const m = Math.min(...row);
        const slack = 1e-12 * (Math.abs(m) + Math.log(cols) / b); // float64 rounding only
        expect(got[i]).toBeLessThanOrEqual(m + slack);
        expect(got[i]).toBeGreaterThanOrEqual(m - Math.log(cols) / b - slack);
      });
    });

  test.prop([energies], { numRuns: 40 })('β = Infinity is exactly min_z E, and a huge β is within log(K)/β of it', ({ values }) => {
    const mins = values.map((row) => Math.min(...row));
    expect(Array.from(freeEnergy(f64(values), Infinity).data())).toEqual(mins);
    const b = 1e9;
    Array.from(freeEnergy(f64(values), b).data()).forEach((g, i) => expect(mins[i] - g).toBeLessThanOrEqual(Math.log(7) / b + 1e-12));
  });

  test.prop([energies], { numRuns: 40 })('as β → 0, F_β + log(K)/β tends to the mean energy', ({ values, cols }) => {
    const b = 1e-7;
    const got = Array.from(freeEnergy(f64(values), b).data());
    // F_β = mean E − log K/β − (β/2) Var E + O(β²): with |E| ≤ 50, (β/2) Var E ≤ 1.25e-4; the float64
    // error of the huge log(K)/β ≈ 2e7 term is ~1e-8
    values.forEach((row, i) => {
      const mean = row.reduce((s, e) => s + e, 0) / cols;
      expect(Math.abs(got[i] + Math.log(cols) / b - mean)).toBeLessThan(2e-4);
    });
  });

  test.prop([fc.double({ min: -1e30, max: 1e30, noNaN: true }), fc.double({ min: 1, max: 1e30, noNaN: true })], { numRuns: 60 })(
    'stays finite and in its bounds where exp(−βE) alone would overflow or vanish', (e, b) => {
      const values = [[e, e + Math.abs(e) + 1, e]];
      const [got] = Array.from(freeEnergy(f64(values), b).data());
      expect(Number.isFinite(got)).toBe(true);
      expect(got).toBeLessThanOrEqual(e);
      expect(got).toBeGreaterThanOrEqual(e - Math.log(3) / b - 1e-15 * Math.abs(e));
    });

  test.prop([energies, beta, fc.double({ min: 1e-3, max: 1e3, noNaN: true })], { numRuns: 40 })(
    'a grid spacing dz approximates ∫ e^{−βE} dz, shifting F by −log(dz)/β', ({ values }, b, dz) => {
      const plain = Array.from(freeEnergy(f64(values), b).data());
      const integral = Array.from(freeEnergy(f64(values), b, { dz }).data());
      integral.forEach((g, i) => expect(g).toBeCloseTo(plain[i] - Math.log(dz) / b, 6));
    });

  test.prop([energies, beta], { numRuns: 30 })('its gradient with respect to the energies is the Gibbs distribution over z', ({ values }, b) => {
    const p = gibbs(f64(values), b).toArray() as number[][];
    values.forEach((row, i) => {
      const f = (x: number[]) => freeEnergy(f64(x), b).item();
      // central differences with h = 1e-5 on a function with curvature ≤ β/4: error ≲ β·h²·..., plus rounding 1e-16·|F|/h
      row.forEach((_, k) => expect(centralDiff(f, row, k, 1e-5)).toBeCloseTo(p[i][k], 4));
    });
  });

  it('reduces the dim it is told to, and a float32 input stays float32', () => {
    const e = tensor([[1, 2, 3], [4, 0, 6]]);
    expect(freeEnergy(e, Infinity, { dim: 0 }).toArray()).toEqual([1, 0, 3]);
    expect(freeEnergy(e, 2).dtype).toBe('float32');
    expect(freeEnergy(e, 2).shape).toEqual([2]);
  });

  it('refuses a non-positive β, a bad dz, and an axis with no values of z', () => {
    expect(() => freeEnergy(tensor([1, 2]), 0)).toThrow('freeEnergy: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got 0');
    expect(() => freeEnergy(tensor([1, 2]), Number.NaN)).toThrow('freeEnergy: beta must be > 0');
    expect(() => freeEnergy(tensor([1, 2]), 1, { dz: 0 })).toThrow('freeEnergy: dz must be a finite number > 0, got 0');
    expect(() => freeEnergy(tensor([[], []]), 1)).toThrow('freeEnergy: energies of shape [2,0] hold no values of z along dim -1');
    expect(() => freeEnergy(tensor(3), 1)).toThrow('freeEnergy: energies of shape [] hold no values of z');
    expect(() => freeEnergy(tensor([[1, 2]]), 1, { dim: 2 })).toThrow('freeEnergy: dim 2 is out of range');
  });
});

describe('inferDiscrete', () => {
  test.prop([energies], { numRuns: 50 })('finds the first z of least energy, and that energy', ({ values }) => {
    const { z, energy } = inferDiscrete(f64(values));
    const first = values.map((row) => row.indexOf(Math.min(...row)));
    expect(Array.from(z.data())).toEqual(first);
    // the energy at that z: of 0 and -0 (equal energies) the first one, which Math.min would not pick
    expect(Array.from(energy.data())).toEqual(values.map((row, i) => row[first[i]]));
  });
});
