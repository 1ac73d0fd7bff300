import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { spiral } from '../../src/data/spiral.ts';
import { kmeansEnergy, kmeansInfer } from '../../src/week7/kmeans/energy.ts';
import { kmeansInit, lloydStep } from '../../src/week7/kmeans/lloyd.ts';
import { kmeansGradientStep } from '../../src/week7/kmeans/gradient-step.ts';
import { f64, rowsOf, seed } from './helpers.ts';

const sq = (a: number[], b: number[]) => a.reduce((s, x, i) => s + (x - b[i]) ** 2, 0);
const columns = (w: number[][]) => w[0].map((_, j) => w.map((r) => r[j]));
const meanEnergy = (y: ReturnType<typeof f64>, w: ReturnType<typeof f64>) => kmeansInfer(y, w).energy.mean().item();

// n points in d dims and k prototypes, float64
const problem = fc.record({ n: fc.integer({ min: 1, max: 30 }), d: fc.integer({ min: 1, max: 4 }), k: fc.integer({ min: 1, max: 6 }), s: seed });
const draw = ({ n, d, k, s }: { n: number; d: number; k: number; s: number }) => {
  const g = new Generator(s);
  return { y: randn([n, d], g, { dtype: 'float64' }).mul(3), w: randn([d, k], g, { dtype: 'float64' }).mul(3) };
};

describe('K-means energy E(y, z) = ‖y − Wz‖²', () => {
  test.prop([problem], { numRuns: 50 })('is the squared distance to every prototype (column of W)', (p) => {
    const { y, w } = draw(p);
    const protos = columns(rowsOf(w));
    const got = rowsOf(kmeansEnergy(y, w));
    rowsOf(y).forEach((row, i) => protos.forEach((c, j) => expect(got[i][j]).toBeCloseTo(sq(row, c), 10)));
    const { z, energy } = kmeansInfer(y, w);
    got.forEach((row, i) => {
      expect(energy.data()[i]).toBe(Math.min(...row));
      expect(z.data()[i]).toBe(row.indexOf(Math.min(...row)));
    });
  });

  it('names the shapes it cannot pair', () => {
    expect(() => kmeansEnergy(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      'kmeansEnergy: data [1,2] must be [n, d] and prototypes [1,3] must be [d, k] with k ≥ 1 (one prototype per column)');
    expect(() => lloydStep(tensor([[1, 2]]), tensor([[], []]))).toThrow('lloydStep: data [1,2] must be [n, d] and prototypes [2,0]');
  });
});

describe('lloydStep', () => {
  test.prop([problem, fc.integer({ min: 1, max: 5 })], { numRuns: 60 })('never increases the mean free energy', (p, steps) => {
    let { w } = draw(p);
    const { y } = draw(p);
    let before = meanEnergy(y, w);
    for (let t = 0; t < steps; t++) {
      w = lloydStep(y, w);
      const after = meanEnergy(y, w);
      expect(after).toBeLessThanOrEqual(before * (1 + 1e-12)); // float64 rounding of the means only
      before = after;
    }
  });

  test.prop([problem], { numRuns: 50 })('moves each prototype to the mean of the points it won, and leaves the losers alone', (p) => {
    const { y, w } = draw(p);
    const z = Array.from(kmeansInfer(y, w).z.data());
    const next = columns(rowsOf(lloydStep(y, w)));
    const old = columns(rowsOf(w));
    const pts = rowsOf(y);
    next.forEach((c, j) => {
      const mine = pts.filter((_, i) => z[i] === j);
      const want = mine.length === 0 ? old[j] : old[j].map((_, t) => mine.reduce((s, r) => s + r[t], 0) / mine.length);
      c.forEach((v, t) => expect(v).toBeCloseTo(want[t], 10));
    });
  });

  it('settles on the spiral within 30 steps, each point then owned by its nearest prototype', () => {
    const y = spiral(new Generator(7), { classes: 1, pointsPerClass: 300, noise: 0.05 }).x.to('float64');
    let w = kmeansInit(y, 10, new Generator(1));
    const start = meanEnergy(y, w);
    for (let t = 0; t < 30; t++) w = lloydStep(y, w);
    expect(lloydStep(y, w).toArray()).toEqual(w.toArray()); // a fixed point: coordinate descent has converged
    // the arm (two turns out to radius 1) is about 6.5 long; 10 prototypes cut it into pieces ~0.65
    // long, and points spread along a piece lie on average 0.65²/12 ≈ 0.035 (squared) from its middle
    expect(meanEnergy(y, w)).toBeLessThan(0.05);
    expect(meanEnergy(y, w)).toBeLessThan(start / 2);
  });
});

describe('kmeansInit', () => {
  test.prop([problem], { numRuns: 40 })('picks k distinct data points as the columns', (p) => {
    const { y } = draw({ ...p, n: Math.max(p.n, p.k) });
    const w = kmeansInit(y, p.k, new Generator(p.s));
    expect(w.shape).toEqual([p.d, p.k]);
    const pts = rowsOf(y).map((r) => r.join());
    const picked = columns(rowsOf(w)).map((c) => c.join());
    picked.forEach((c) => expect(pts).toContain(c));
    expect(new Set(picked).size).toBe(p.k); // normal draws never repeat a row, so distinct points give distinct columns
  });

  it('refuses more prototypes than points', () => {
    expect(() => kmeansInit(tensor([[0, 1]]), 2, new Generator(0))).toThrow(
      'kmeansInit: cannot choose 2 prototypes from data of shape [1,2] (need [n, d] with n ≥ k)');
    expect(() => kmeansInit(tensor([[0, 1]]), 0, new Generator(0))).toThrow('kmeansInit: k must be an integer >= 1, got 0');
  });
});

describe('kmeansGradientStep', () => {
  test.prop([problem, fc.double({ min: 1e-3, max: 10, noNaN: true })], { numRuns: 40 })(
    'moves each prototype by lr · (2/n) · Σ (y − w) over the points it wins', (p, lr) => {
      const { y, w } = draw(p);
      const z = Array.from(kmeansInfer(y, w).z.data());
      const old = columns(rowsOf(w));
      const pts = rowsOf(y);
      const next = columns(rowsOf(kmeansGradientStep(y, w, lr)));
      next.forEach((c, j) => c.forEach((v, t) => {
        const pull = pts.reduce((s, r, i) => s + (z[i] === j ? r[t] - old[j][t] : 0), 0);
        expect(v).toBeCloseTo(old[j][t] + (lr * 2 * pull) / pts.length, 9);
      }));
    });

  test.prop([problem, fc.double({ min: 1e-3, max: 0.5, noNaN: true })], { numRuns: 40 })(
    'with lr ≤ 1/2 never increases the energy (each prototype moves at most to the mean of its points)', (p, lr) => {
      const { y, w } = draw(p);
      expect(meanEnergy(y, kmeansGradientStep(y, w, lr))).toBeLessThanOrEqual(meanEnergy(y, w) * (1 + 1e-12));
    });

  it('also fits the spiral, more slowly than Lloyd', () => {
    const y = spiral(new Generator(7), { classes: 1, pointsPerClass: 300, noise: 0.05 }).x.to('float64');
    let wg = kmeansInit(y, 10, new Generator(1));
    let wl = wg;
    for (let t = 0; t < 5; t++) {
      wg = kmeansGradientStep(y, wg, 0.5);
      wl = lloydStep(y, wl);
    }
    expect(meanEnergy(y, wl)).toBeLessThanOrEqual(meanEnergy(y, wg));
    for (let t = 0; t < 100; t++) wg = kmeansGradientStep(y, wg, 0.5);
    expect(meanEnergy(y, wg)).toBeLessThan(0.05); // as good as Lloyd's bound above
  });
});
