import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { gibbs } from '../../src/week7/ebm/gibbs.ts';
import { f64, logSumExp, table } from './helpers.ts';

const energies = table(fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), fc.double({ min: -1e3, max: 1e3, noNaN: true }));

describe('gibbs', () => {
  test.prop([energies, fc.double({ min: 1e-4, max: 1e4, noNaN: true })], { numRuns: 80 })(
    'is exp(−βE)/Z, a distribution that favours low energy', ({ values }, b) => {
      const p = gibbs(f64(values), b).toArray() as number[][];
      values.forEach((row, i) => {
        const logZ = logSumExp(row.map((e) => -b * e));
        // an exponent of size |βE| + |log Z| carries a rounding error of ~1e-16 times that, and p ≤ 1
        row.forEach((e, k) => expect(Math.abs(p[i][k] - Math.exp(-b * e - logZ))).toBeLessThan(1e-15 * (1 + Math.abs(b * e) + Math.abs(logZ))));
        expect(p[i].reduce((s, x) => s + x, 0)).toBeCloseTo(1, 12);
        row.forEach((e, k) => row.forEach((e2, k2) => { if (e < e2) expect(p[i][k]).toBeGreaterThanOrEqual(p[i][k2]); }));
      });
    });

  test.prop([energies], { numRuns: 40 })('β = Infinity splits the mass evenly between the minima', ({ values }) => {
    const p = gibbs(f64(values), Infinity).toArray() as number[][];
    values.forEach((row, i) => {
      const m = Math.min(...row);
      const ties = row.filter((e) => e === m).length;
      row.forEach((e, k) => expect(p[i][k]).toBe(e === m ? 1 / ties : 0));
    });
  });

  it('does not overflow however large β·E is', () => {
    expect(gibbs(tensor([1e30, 2e30, 1e30]), 1e30).toArray()).toEqual([0.5, 0, 0.5]);
  });

  it('normalises along the dim it is told to', () => {
    const p = gibbs(tensor([[0, 1], [2, 2]], { dtype: 'float64' }), 1, { dim: 0 }).toArray();
    const s = 1 + Math.exp(-2);
    const t = Math.exp(-1) + Math.exp(-2);
    expect(p).toEqual([[1 / s, Math.exp(-1) / t], [Math.exp(-2) / s, Math.exp(-2) / t]].map((r) => r.map((x) => expect.closeTo(x, 14))));
  });

  it('refuses a non-positive β', () => {
    expect(() => gibbs(tensor([1, 2]), -1)).toThrow('gibbs: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got -1');
  });
});
