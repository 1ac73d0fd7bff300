/** Seeded randomness: reproducible by seed, no shared state, right ranges, right moments. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { Generator, rand, randint, randn } from '../src/index.ts';
import { shapeArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';

const runs = { numRuns: 30 };
const seed = fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 });
const N = 20000;

/**
 * Sample moments are checked to 6 standard errors: a correct generator fails such a check with
 * probability 2e-9, so the few hundred seeds a run draws (fresh ones every run) fail it about once
 * in a million runs, while a wrong distribution (a mean off by 0.05 sd, a variance off by 10 %) fails it.
 */
const within6Sigma = (value: number, mean: number, sd: number, n: number) =>
  expect(Math.abs(value - mean)).toBeLessThan((6 * sd) / Math.sqrt(n));

it.prop([seed, fc.nat({ max: 50 }), fc.nat({ max: 50 })], runs)('getState/setState: a generator put at another one\'s state continues its stream exactly', (s, before, after) => {
  const g = new Generator(s);
  for (let i = 0; i < before; i++) g.nextUint32();
  const copy = new Generator(s + 1);
  copy.setState(g.getState());
  const want = Array.from({ length: after + 1 }, () => g.uniform());
  expect(Array.from({ length: after + 1 }, () => copy.uniform())).toEqual(want);
  expect(copy.getState()).toEqual(g.getState());
});

it('setState refuses what is not a state: the wrong length, non-words, all zeros', () => {
  const g = new Generator(1);
  for (const bad of [[1, 2, 3], [1, 2, 3, 2 ** 32], [1, 2, 3, -1], [1.5, 2, 3, 4], [0, 0, 0, 0]]) {
    expect(() => g.setState(bad)).toThrow(/Generator.setState: expected 4 unsigned 32-bit words/);
  }
});

describeBackends('random', (b) => {
  const floats = fc.constantFrom(...b.dtypes.filter((d) => d !== 'int32'));

  it.prop([seed, shapeArb(), floats], runs)('the same seed gives the same tensor; the generator is the only state', (s, shape, dtype) => {
    const first = rand(shape, new Generator(s), { dtype });
    expect([first.shape, first.dtype]).toEqual([shape, dtype]);
    expect(Array.from(rand(shape, new Generator(s), { dtype }).data())).toEqual(Array.from(first.data()));
    // interleaving another generator's draws changes nothing
    const g = new Generator(s);
    randn([7], new Generator(s + 1));
    expect(Array.from(rand(shape, g, { dtype }).data())).toEqual(Array.from(first.data()));
  });

  it.prop([seed], runs)('different seeds and successive draws give different numbers', (s) => {
    const g = new Generator(s);
    const a = Array.from(rand([8], g).data());
    expect(Array.from(rand([8], g).data())).not.toEqual(a);
    expect(Array.from(rand([8], new Generator(s + 1)).data())).not.toEqual(a);
  });

  it.prop([seed, floats], runs)('rand lies in [0, 1) with mean 1/2 and variance 1/12', (s, dtype) => {
    const v = Array.from(rand([N], new Generator(s), { dtype }).data());
    expect(v.every((x) => x >= 0 && x < 1)).toBe(true);
    const mean = v.reduce((a, x) => a + x, 0) / N;
    within6Sigma(mean, 0.5, Math.sqrt(1 / 12), N);
  });

  it('rand never rounds up to 1 in float32, even for a draw just below 1', () => {
    class NearlyOne extends Generator {
      override uniform(): number { return 1 - 2 ** -30; }
    }
    expect(rand([3], new NearlyOne(0)).data().every((x) => x < 1)).toBe(true);
  });

  it.prop([seed, floats], runs)('randn has mean 0 and variance 1', (s, dtype) => {
    const v = Array.from(randn([N], new Generator(s), { dtype }).data());
    const mean = v.reduce((a, x) => a + x, 0) / N;
    const variance = v.reduce((a, x) => a + (x - mean) ** 2, 0) / (N - 1);
    within6Sigma(mean, 0, 1, N);
    within6Sigma(variance, 1, Math.sqrt(2), N); // the sample variance of a normal has standard deviation √(2/n)
  });

  it.prop([seed, fc.integer({ min: -50, max: 50 }), fc.integer({ min: 1, max: 12 })], runs)(
    'randint(low, high) gives int32 integers in [low, high), every one of them',
    (s, low, width) => {
      const t = randint(low, low + width, [40 * width], new Generator(s));
      expect(t.dtype).toBe('int32');
      const seen = new Set(t.data());
      expect([...seen].sort((p, q) => p - q)).toEqual(Array.from({ length: width }, (_, i) => low + i));
    },
  );

  it.prop([seed, fc.integer({ min: 0, max: 30 })], runs)('permutation(n) is a permutation of 0..n-1; fork() gives an independent stream', (s, n) => {
    const g = new Generator(s);
    expect(g.permutation(n).sort((p, q) => p - q)).toEqual([...Array(n).keys()]);
    const child = g.fork();
    expect(Array.from(rand([4], child).data())).not.toEqual(Array.from(rand([4], g).data()));
  });
});
