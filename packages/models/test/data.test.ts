import { fc, test } from '@fast-check/vitest';
import { Generator, tensor, arange, randn } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { ellipse } from '../src/data/ellipse.ts';
import { moons } from '../src/data/moons.ts';
import { spiral } from '../src/data/spiral.ts';
import { minibatches } from '../src/data/batches.ts';
import { trainTestSplit } from '../src/data/split.ts';
import { fitStandardizer, standardize } from '../src/data/standardize.ts';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const rows = (x: { data(): ArrayLike<number> }, width: number): number[][] => {
  const d = Array.from(x.data());
  return Array.from({ length: d.length / width }, (_, i) => d.slice(i * width, (i + 1) * width));
};
const counts = (labels: ArrayLike<number>, k: number): number[] => {
  const c = new Array<number>(k).fill(0);
  for (const l of Array.from(labels)) c[l]++;
  return c;
};
// The generators compute in float64 and store float32: 1e-6 covers that rounding for |values| <= 2.
const F32 = 1e-6;

describe('spiral', () => {
  test.prop([seed, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 40 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    'has K balanced blocks, each point at radius t = i/(N-1)', (s, k, n, noise) => {
      const { x, y } = spiral(new Generator(s), { classes: k, pointsPerClass: n, noise });
      expect(x.shape).toEqual([k * n, 2]);
      expect(x.dtype).toBe('float32');
      expect(y.dtype).toBe('int32');
      expect(Array.from(y.data())).toEqual(Array.from({ length: k * n }, (_, r) => Math.floor(r / n)));
      // Noise moves the angle only, so the radius is exactly the practicum's linspace(0, 1, N).
      rows(x, 2).forEach(([a, b], r) => {
        const t = n > 1 ? (r % n) / (n - 1) : 0;
        expect(Math.hypot(a, b)).toBeCloseTo(t, 5);
      });
    });

  test.prop([fc.integer({ min: 1, max: 5 }), fc.integer({ min: 2, max: 30 })], { numRuns: 30 })(
    'without noise, arm c turns from 2πc/K to 2π(c+2)/K', (k, n) => {
      const { x } = spiral(new Generator(0), { classes: k, pointsPerClass: n, noise: 0 });
      rows(x, 2).forEach(([a, b], r) => {
        const c = Math.floor(r / n);
        const t = (r % n) / (n - 1);
        const angle = ((2 * Math.PI) / k) * (c + 2 * t);
        expect(Math.abs(a - t * Math.sin(angle))).toBeLessThan(F32);
        expect(Math.abs(b - t * Math.cos(angle))).toBeLessThan(F32);
      });
    });

  test.prop([seed], { numRuns: 20 })('a seed reproduces the data, another seed changes it', (s) => {
    const a = spiral(new Generator(s), { pointsPerClass: 20 });
    const b = spiral(new Generator(s), { pointsPerClass: 20 });
    const c = spiral(new Generator(s + 1), { pointsPerClass: 20 });
    expect(Array.from(a.x.data())).toEqual(Array.from(b.x.data()));
    expect(Array.from(a.x.data())).not.toEqual(Array.from(c.x.data()));
  });

  it('refuses impossible options, naming them', () => {
    const g = new Generator(1);
    expect(() => spiral(g, { classes: 0 })).toThrow('spiral: classes must be an integer >= 1, got 0');
    expect(() => spiral(g, { pointsPerClass: 2.5 })).toThrow('spiral: pointsPerClass must be an integer >= 0, got 2.5');
    expect(() => spiral(g, { noise: -1 })).toThrow('spiral: noise must be a finite number >= 0, got -1');
  });
});

describe('moons', () => {
  test.prop([seed, fc.integer({ min: 0, max: 40 })], { numRuns: 30 })('without noise, each class lies on its half circle', (s, n) => {
    const { x, y } = moons(new Generator(s), { pointsPerClass: n, noise: 0 });
    expect(x.shape).toEqual([2 * n, 2]);
    expect(counts(y.data(), 2)).toEqual([n, n]);
    rows(x, 2).forEach(([a, b], r) => {
      if (r < n) {
        expect(Math.abs(Math.hypot(a, b) - 1)).toBeLessThan(F32);
        expect(b).toBeGreaterThanOrEqual(-F32);
      } else {
        expect(Math.abs(Math.hypot(a - 1, b - 0.5) - 1)).toBeLessThan(F32);
        expect(b).toBeLessThanOrEqual(0.5 + F32);
      }
    });
  });

  test.prop([seed], { numRuns: 20 })('noise is reproducible from the seed', (s) => {
    const a = moons(new Generator(s), { noise: 0.3, pointsPerClass: 10 });
    const b = moons(new Generator(s), { noise: 0.3, pointsPerClass: 10 });
    expect(Array.from(a.x.data())).toEqual(Array.from(b.x.data()));
  });
});

describe('ellipse', () => {
  test.prop([seed, fc.integer({ min: 0, max: 40 }), fc.double({ min: 0.1, max: 3, noNaN: true }), fc.double({ min: 0.1, max: 3, noNaN: true })], { numRuns: 30 })(
    'without noise, the points solve (x/a)² + (y/b)² = 1 at their angle', (s, n, a, b) => {
      const { points, angles } = ellipse(new Generator(s), { points: n, radii: [a, b] });
      expect(points.shape).toEqual([n, 2]);
      const theta = Array.from(angles.data());
      rows(points, 2).forEach(([u, v], i) => {
        expect(theta[i]).toBeGreaterThanOrEqual(0);
        expect(theta[i]).toBeLessThan(2 * Math.PI);
        // float32 angle and coordinates: 1e-5 relative to the radii (at most 3).
        expect(Math.abs(u - a * Math.cos(theta[i]))).toBeLessThan(1e-5 * 3);
        expect(Math.abs(v - b * Math.sin(theta[i]))).toBeLessThan(1e-5 * 3);
      });
    });
});

/** Column means and population standard deviations, in float64, straight from the definition. */
function columnStats(m: number[][]): { mean: number[]; std: number[] } {
  const n = m.length;
  const mean = m[0].map((_, j) => m.reduce((s, r) => s + r[j], 0) / n);
  const std = m[0].map((_, j) => Math.sqrt(m.reduce((s, r) => s + (r[j] - mean[j]) ** 2, 0) / n));
  return { mean, std };
}

const matrix = fc.integer({ min: 1, max: 5 }).chain((d) =>
  fc.array(fc.array(fc.oneof(fc.double({ min: -1e6, max: 1e6, noNaN: true }), fc.double({ min: -1e-6, max: 1e-6, noNaN: true })), { minLength: d, maxLength: d }), { minLength: 1, maxLength: 12 }));

describe('standardize', () => {
  test.prop([matrix], { numRuns: 60 })('matches the float64 definition (x - mean) / std, with constant columns left at 0', (m) => {
    const x = tensor(m, { dtype: 'float64' });
    const { mean, std } = columnStats(m);
    const z = rows(standardize(x), m[0].length);
    z.forEach((r, i) => r.forEach((v, j) => {
      // a spread within 10 ulps of |mean| is the mean's own rounding error: the column is constant
      const expected = std[j] > 10 * 2 ** -52 * Math.abs(mean[j]) ? (m[i][j] - mean[j]) / std[j] : 0;
      // float64 throughout, but values span 1e-6..1e6 and the mean subtracts nearly equal numbers:
      // allow 1e-6 absolute on the unit-variance scale.
      expect(Math.abs(v - expected)).toBeLessThan(1e-6);
    }));
  });

  test.prop([matrix], { numRuns: 40 })('inverse undoes transform', (m) => {
    const x = tensor(m, { dtype: 'float64' });
    const s = fitStandardizer(x);
    rows(s.inverse(s.transform(x)), m[0].length).forEach((r, i) => r.forEach((v, j) => {
      expect(Math.abs(v - m[i][j])).toBeLessThanOrEqual(1e-9 * Math.max(1, Math.abs(m[i][j])));
    }));
  });

  test.prop([seed, fc.integer({ min: 2, max: 50 }), fc.integer({ min: 1, max: 4 })], { numRuns: 30 })(
    'fitted columns have mean 0 and variance 1', (s, n, d) => {
      const x = randn([n, d], new Generator(s), { dtype: 'float64' }).mul(100).add(-7);
      const { mean, std } = columnStats(rows(standardize(x), d));
      mean.forEach((v) => expect(Math.abs(v)).toBeLessThan(1e-9));
      std.forEach((v) => expect(Math.abs(v - 1)).toBeLessThan(1e-9));
    });

  it('leaves a constant float32 column near 0 although its mean is off by a rounding error', () => {
    // 123.456 has no exact float32 form and summing 5 of them rounds, so the computed mean is an
    // ulp off the values and their computed spread is 7.6e-6 rather than 0
    const x = tensor([[123.456, 0], [123.456, 1], [123.456, 2], [123.456, 3], [123.456, 4]]);
    // left unscaled, the column keeps only that rounding error (< 10 ulps of 123.456 = 1.5e-4),
    // where dividing by the spurious spread made it ±1
    rows(standardize(x), 2).forEach((r) => expect(Math.abs(r[0])).toBeLessThan(1.5e-4));
  });

  it('says what it was fitted on when the features differ', () => {
    const s = fitStandardizer(tensor([[1, 2, 3], [4, 5, 7]]));
    expect(() => s.transform(tensor([[1, 2]]))).toThrow('standardizer.transform: fitted on rows of shape [3], got a tensor of shape [1,2]');
    expect(() => fitStandardizer(tensor([]).reshape(0, 2))).toThrow('fitStandardizer: needs at least one row to fit on, got shape [0,2]');
  });
});

/** A dataset whose labels are the row numbers and whose rows repeat them, so any mix-up shows. */
const numbered = (n: number) => ({ x: arange(n).to('float32').reshape(n, 1).mul(tensor([[1, -1]])), y: arange(n) });

describe('trainTestSplit', () => {
  test.prop([seed, fc.integer({ min: 0, max: 60 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 50 })(
    'partitions the examples, keeping rows with their labels', (s, n, f) => {
      const { train, test: held } = trainTestSplit(numbered(n), new Generator(s), { testFraction: f });
      const nTest = Math.ceil(f * n);
      expect(held.y.shape).toEqual([nTest]);
      expect(train.y.shape).toEqual([n - nTest]);
      const ids = [...train.y.data(), ...held.y.data()];
      expect([...ids].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const part of [train, held]) {
        const labels = Array.from(part.y.data());
        expect(rows(part.x, 2)).toEqual(labels.map((l) => [l, -l]));
      }
    });

  it('rejects a fraction outside [0, 1] and misaligned data', () => {
    expect(() => trainTestSplit(numbered(4), new Generator(0), { testFraction: 1.5 })).toThrow('trainTestSplit: testFraction must lie in [0, 1], got 1.5');
    expect(() => trainTestSplit({ x: tensor([[1], [2]]), y: tensor([1]) }, new Generator(0))).toThrow(
      'trainTestSplit: x [2,1] and y [1] must have the same number of rows (dim 0)');
  });
});

describe('minibatches', () => {
  test.prop([seed, fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 }), fc.boolean()], { numRuns: 50 })(
    'one pass visits every example once, in full batches but maybe the last', (s, n, size, dropLast) => {
      const batches = [...minibatches(numbered(n), { batchSize: size, generator: new Generator(s), dropLast })];
      const kept = dropLast ? n - (n % size) : n;
      expect(batches.length).toBe(Math.ceil(kept / size));
      batches.forEach((b, i) => {
        expect(b.y.shape[0]).toBe(i < batches.length - 1 ? size : kept - size * i);
        expect(rows(b.x, 2)).toEqual(Array.from(b.y.data()).map((l) => [l, -l]));
      });
      const ids = batches.flatMap((b) => Array.from(b.y.data()));
      expect(new Set(ids).size).toBe(kept);
    });

  test.prop([fc.integer({ min: 1, max: 30 }), fc.integer({ min: 1, max: 8 })], { numRuns: 20 })('keeps the order without a generator', (n, size) => {
    const ids = [...minibatches(numbered(n), { batchSize: size })].flatMap((b) => Array.from(b.y.data()));
    expect(ids).toEqual(Array.from({ length: n }, (_, i) => i));
  });

  it('shuffles differently on each pass of one generator', () => {
    const g = new Generator(3);
    const pass = () => [...minibatches(numbered(30), { batchSize: 30, generator: g })][0].y.data();
    expect(Array.from(pass())).not.toEqual(Array.from(pass()));
  });

  it('refuses a batch size below 1 at the call', () => {
    expect(() => minibatches(numbered(3), { batchSize: 0 })).toThrow('minibatches: batchSize must be an integer >= 1, got 0');
  });
});
