import { fc, test } from '@fast-check/vitest';
import { noGrad } from '@gradschool/autograd';
import { Generator, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { mse } from '../../src/losses/mse.ts';
import { branch, LatentPredictor, trainTwoBranchModels, twoBranches } from '../../src/week7/conditional/two-branches.ts';
import { branchesFigure } from '../../src/week7/figures.ts';
import { seed } from './helpers.ts';

describe('twoBranches', () => {
  test.prop([seed, fc.integer({ min: 1, max: 50 })])('gives every y₁ twice, once with each answer ±f(y₁)', (s, pairs) => {
    const { x, y } = twoBranches(new Generator(s), { pairs, noise: 0 });
    expect(x.shape).toEqual([2 * pairs, 1]);
    const [xs, ys] = [x.data(), y.data()];
    for (let i = 0; i < pairs; i++) {
      expect(xs[2 * i]).toBe(xs[2 * i + 1]);
      expect(Math.abs(xs[2 * i])).toBeLessThanOrEqual(1);
      expect(ys[2 * i]).toBeCloseTo(branch(xs[2 * i]), 6);
      expect(ys[2 * i + 1]).toBeCloseTo(-branch(xs[2 * i]), 6);
    }
  });
});

describe('LatentPredictor', () => {
  test.prop([seed])('with one value of z, F = min_z E is the squared error: least squares', (s) => {
    const g = new Generator(s);
    const model = new LatentPredictor({ latents: 1, hidden: [4], generator: g });
    const { x, y } = twoBranches(g, { pairs: 5 });
    const f = noGrad(() => model.freeEnergy(x, y).mean()).item();
    expect(f).toBeCloseTo(noGrad(() => mse(model.forward(x), y)).item(), 6);
  });

  it('names a bad width', () => {
    expect(() => new LatentPredictor({ hidden: [0], generator: new Generator(0) })).toThrow('LatentPredictor: hidden[0] must be an integer >= 1, got 0');
  });
});

// The demo's run: least squares (one z) and the latent EBM (two) on the same data, from the same seed.
describe('given y₁, predict y₂, trained as the demo trains', () => {
  const data = twoBranches(new Generator(2));
  const run = trainTwoBranchModels(data);
  const predict = (m: LatentPredictor, y1: number) => Array.from(noGrad(() => m.forward(tensor([[y1]]))).value.data());
  const y1 = fc.double({ min: -0.95, max: 0.95, noNaN: true });

  test.prop([y1], { numRuns: 200 })('least squares predicts the mean of the two answers (0), far from both', (v) => {
    const [ls] = predict(run.leastSquares, v);
    expect(Math.abs(ls)).toBeLessThan(0.05);
    expect(branch(v) - Math.abs(ls)).toBeGreaterThan(0.15); // at least 0.2 away from either answer
  });

  test.prop([y1], { numRuns: 200 })('the latent EBM predicts each answer, one per value of z, the same z on the same branch everywhere', (v) => {
    const [lower, upper] = predict(run.latent, v);
    expect(Math.abs(lower + branch(v))).toBeLessThan(0.05);
    expect(Math.abs(upper - branch(v))).toBeLessThan(0.05);
  });

  it('draws the data, least squares and one curve per z, each in the key, on labelled axes', () => {
    const svg = branchesFigure(data, run, { title: 'two answers' });
    expect(svg.split('<path ').length - 1).toBe(3);
    expect(svg.split('<circle ').length - 1).toBe(data.x.shape[0] + 1);
    for (const label of ['data: two answers y₂ for each y₁', 'least squares: ȳ(y₁), their mean', 'latent EBM: G(y₁, z = 1)', 'latent EBM: G(y₁, z = 2)', 'y₁ (given)', 'y₂ (predicted)']) {
      expect(svg).toContain(`>${label}</text>`);
    }
  });
});
