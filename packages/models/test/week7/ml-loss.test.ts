import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { mlLoss, mlLossGradient } from '../../src/week7/ebm/ml-loss.ts';
import { centralDiff, f64, logSumExp } from './helpers.ts';

// energies over a grid of G values of y for b examples, and the index of each example's observed y
const problem = fc.tuple(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 })).chain(([b, g]) => fc.record({
  values: fc.array(fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: g, maxLength: g }), { minLength: b, maxLength: b }),
  targets: fc.array(fc.integer({ min: 0, max: g - 1 }), { minLength: b, maxLength: b }),
}));
const beta = fc.double({ min: 1e-2, max: 1e2, noNaN: true });
const idx = (t: number[]) => tensor(t, { dtype: 'int32' });

describe('mlLoss', () => {
  test.prop([problem, beta], { numRuns: 80 })('is the mean of −(1/β) log P(Y) under the Gibbs distribution', ({ values, targets }, b) => {
    const want = values.reduce((s, row, i) => s + (b * row[targets[i]] + logSumExp(row.map((e) => -b * e))) / b, 0) / values.length;
    const got = mlLoss(f64(values), idx(targets), b).item();
    expect(got).toBeGreaterThanOrEqual(0); // P(Y) ≤ 1
    // float64 throughout; the terms are at most ~20 + log(6)/β ≈ 200
    expect(Math.abs(got - want)).toBeLessThan(1e-12 * (1 + Math.abs(want)));
  });

  test.prop([problem, beta], { numRuns: 40 })(
    'has the push-down / push-up gradient 1[y = Y] − P(y), checked by central differences', ({ values, targets }, b) => {
      const g = mlLossGradient(f64(values), idx(targets), b).toArray() as number[][];
      const flat = values.flat();
      const width = values[0].length;
      const f = (x: number[]) => mlLoss(f64(x).reshape(values.length, width), idx(targets), b).item();
      // h = 1e-5: truncation error ≤ h²·β²/6 per entry ≈ 2e-7 at β = 100, rounding ~1e-16·20/h = 2e-10
      flat.forEach((_, k) => expect(centralDiff(f, flat, k, 1e-5)).toBeCloseTo(g[Math.floor(k / width)][k % width], 5));
    });

  test.prop([problem, beta], { numRuns: 40 })('the gradient pushes down only at the data and sums to zero in each row', ({ values, targets }, b) => {
    const g = mlLossGradient(f64(values), idx(targets), b).toArray() as number[][];
    g.forEach((row, i) => {
      row.forEach((x, k) => (k === targets[i] ? expect(x).toBeGreaterThanOrEqual(0) : expect(x).toBeLessThanOrEqual(0)));
      expect(Math.abs(row.reduce((s, x) => s + x, 0))).toBeLessThan(1e-15);
    });
  });

  it('at β = Infinity is the gap between the data energy and the lowest energy', () => {
    expect(mlLoss(tensor([[3, 1, 2], [0, 5, 7]]), idx([2, 0]), Infinity).item()).toBe(0.5);
  });

  it('names the shapes it cannot pair', () => {
    expect(() => mlLoss(tensor([[1, 2, 3]]), idx([0, 1]), 1)).toThrow(
      'mlLoss: energies [1,3] (a grid of y along the last dim) need targets of shape [1], got [2]');
    expect(() => mlLossGradient(tensor([[1, 2]]), tensor([[0]], { dtype: 'int32' }), 1)).toThrow('mlLossGradient: energies [1,2]');
    expect(() => mlLoss(tensor([[1, 2]]), idx([2]), 1)).toThrow('mlLoss: target 2 is not the index of a grid point of y (the grid has 2: 0..1)');
  });
});
