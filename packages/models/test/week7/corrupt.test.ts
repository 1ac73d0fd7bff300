import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { corruptGaussian, corruptMask } from '../../src/week7/corrupt.ts';
import { seed } from './helpers.ts';

const shape = fc.array(fc.integer({ min: 0, max: 5 }), { minLength: 1, maxLength: 3 });

describe('corruptGaussian', () => {
  test.prop([seed, shape, fc.double({ min: 0, max: 10, noNaN: true })], { numRuns: 40 })(
    'adds σ times the seeded standard normal noise', (s, sh, sigma) => {
      const y = randn(sh, new Generator(s + 1), { dtype: 'float64' });
      const got = corruptGaussian(y, sigma, new Generator(s));
      const eps = randn(sh, new Generator(s), { dtype: 'float64' });
      expect(got.shape).toEqual(sh);
      expect(got.dtype).toBe('float64');
      const [g, a, e] = [got.data(), y.data(), eps.data()];
      g.forEach((v, i) => expect(v).toBeCloseTo(a[i] + sigma * e[i], 12));
    });

  it('has the stated spread: 20,000 draws at σ = 0.5 have standard deviation 0.5 ± 0.01', () => {
    const noise = corruptGaussian(tensor(new Float64Array(20000)), 0.5, new Generator(3));
    // the sample std of n normals has std σ/√(2n) = 0.0025: ± 0.01 is four of those
    expect(Math.abs(noise.std().item() - 0.5)).toBeLessThan(0.01);
    expect(Math.abs(noise.mean().item())).toBeLessThan(0.015); // σ/√n = 0.0035, so ± 4 of those
  });

  it('refuses a negative σ', () => {
    expect(() => corruptGaussian(tensor([1]), -1, new Generator(0))).toThrow('corruptGaussian: sigma must be a finite number >= 0, got -1');
  });
});

describe('corruptMask', () => {
  test.prop([seed, shape, fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    'keeps each entry or zeroes it, the same way for the same seed', (s, sh, p) => {
      const y = randn(sh, new Generator(s + 1)).add(5); // no entry is 0 to begin with
      const a = corruptMask(y, p, new Generator(s));
      expect(Array.from(corruptMask(y, p, new Generator(s)).data())).toEqual(Array.from(a.data()));
      const orig = y.data();
      a.data().forEach((v, i) => expect(v === 0 || v === orig[i]).toBe(true));
    });

  it('zeroes a fraction p of the entries: 0 keeps all, 1 none, 0.3 about 30 %', () => {
    const y = tensor(new Float32Array(10000).fill(1));
    expect(corruptMask(y, 0, new Generator(1)).sum().item()).toBe(10000);
    expect(corruptMask(y, 1, new Generator(1)).sum().item()).toBe(0);
    // a binomial(10000, 0.3) count has std √(10000·0.3·0.7) ≈ 46: ± 200 is over four of those
    expect(Math.abs(10000 - corruptMask(y, 0.3, new Generator(1)).sum().item() - 3000)).toBeLessThan(200);
  });

  it('refuses a probability outside [0, 1]', () => {
    expect(() => corruptMask(tensor([1]), 1.5, new Generator(0))).toThrow('corruptMask: p must lie in [0, 1], got 1.5');
  });
});
