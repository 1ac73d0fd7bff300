/**
 * 7.5 — corruption. Random results are judged by their statistics over a few thousand entries,
 * each within six standard errors (statistics.ts): the noise (output − y) must have mean 0,
 * variance σ², a normal's fourth moment 3σ⁴ and no correlation between neighbouring entries;
 * the mask must drop a fraction p, independently per entry — no correlation between neighbours,
 * a binomial number of drops in every row (variance d·p(1 − p) across rows) and in every call
 * (a χ² test of the totals of 16 calls, which a fixed drop count, exactly p·n, fails) — and keep
 * the rest exactly. The data vary in size and sign, so noise scaled by y shows. Randomness must
 * come from the generator: the same seed gives the same result, the next call on the same
 * generator a new one. Results keep y's dtype (float64).
 */
import fc from 'fast-check';
import { Generator, type Tensor } from '@gradschool/tensor';
import type * as Corruption from '#target/week7/7.5-corruption.ts';
import { seeds } from '../harness/arbitraries.ts';
import { call, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, shapeText } from '../harness/show.ts';
import { expectBinomialRows, expectBinomialTotals, expectIndependent, expectNear, mean, moment } from './statistics.ts';

type M = typeof Corruption;
type Name = 'corruptGaussian' | 'corruptMask';

interface Case {
  y: Nd;
  /** σ or p */
  amount: number;
  seed: number;
}

/**
 * [m, d] with 4 000 to 6 000 nonzero entries, multiples of 1/8 up to ±5, made from a seed of
 * their own: a failing case then shrinks in its few numbers, never through thousands of values.
 */
const data: fc.Arbitrary<Nd> = fc
  .record({ m: fc.integer({ min: 400, max: 500 }), d: fc.integer({ min: 10, max: 12 }), seed: seeds() })
  .map(({ m, d, seed }) => {
    const gen = new Generator(seed);
    return nd([m, d], Array.from({ length: m * d }, () => (gen.int(1, 41) / 8) * (gen.uniform() < 0.5 ? -1 : 1)));
  });

const cases = (amounts: fc.Arbitrary<number>): fc.Arbitrary<Case> => fc.record({ y: data, amount: amounts, seed: seeds() });

const sigmas = fc.constantFrom(0.1, 0.5, 1, 2);
const probabilities = fc.constantFrom(0.1, 0.25, 0.5, 0.75, 0.9);

function corrupt(impl: M, name: Name, y: Tensor, amount: number, gen: Generator, genText: string): { label: string; out: Tensor } {
  const label = `${name}(y, ${num(amount)}, ${genText}) with y of shape ${shapeText(y.shape)}`;
  const out = call(label, [{ name: 'y', value: y }], () => impl[name](y, amount, gen));
  return { label, out: expectTensor(label, out, y.shape, 'a Tensor', 'float64') };
}

const fresh = (impl: M, name: Name, c: Case) => corrupt(impl, name, toTensor(c.y), c.amount, new Generator(c.seed), `new Generator(${c.seed})`);

/** Same seed, same result; the same generator again, a new one; σ or p of 0, y itself. */
function drawsFromGenerator(impl: M, name: Name, c: Case): void {
  const y = toTensor(c.y);
  const first = fresh(impl, name, c);
  const again = fresh(impl, name, c).out.data();
  if (first.out.data().some((v, i) => !Object.is(v, again[i]))) {
    throw new CheckFailure(`${first.label} gave a different result when called again with the same seed: draw every random number from gen, not Math.random`);
  }
  const gen = new Generator(c.seed);
  const one = corrupt(impl, name, y, c.amount, gen, 'gen').out.data();
  const two = corrupt(impl, name, y, c.amount, gen, 'the same gen');
  if (two.out.data().every((v, i) => Object.is(v, one[i]))) {
    throw new CheckFailure(`${two.label} repeated the previous call's result exactly: each call must draw fresh noise from gen, or the model sees the same corruption every time`);
  }
  const none = corrupt(impl, name, y, 0, new Generator(c.seed), `new Generator(${c.seed})`);
  if (none.out.data().some((v, i) => v !== c.y.data[i])) throw new CheckFailure(`${none.label} changed y; with ${name === 'corruptMask' ? 'p' : 'σ'} = 0 nothing may change`);
}

export const checks = defineChecks<M>([
  {
    name: 'corruptGaussian adds noise of mean 0 and standard deviation σ, normal and independent for every entry',
    points: 3,
    run: (impl) =>
      forAll(cases(sigmas), (c) => {
        const { label, out } = fresh(impl, 'corruptGaussian', c);
        const noise = Float64Array.from(out.data(), (v, i) => v - c.y.data[i]);
        const n = noise.length;
        const s2 = c.amount ** 2;
        expectNear(`${label} − y, the noise,`, 'mean', mean(noise), 0, c.amount / Math.sqrt(n));
        expectNear(`${label} − y, the noise,`, 'variance', moment(noise, 2), s2, s2 * Math.sqrt(2 / n));
        // a normal's fourth moment is 3σ⁴, with standard error √96·σ⁴/√n (its 8th moment is 105σ⁸)
        expectNear(`${label} − y, the noise,`, 'fourth moment (3σ⁴ for a normal distribution)', moment(noise, 4), 3 * s2 * s2, Math.sqrt(96 / n) * s2 * s2);
        expectIndependent(label, 'noises', noise, c.y.shape[0], c.y.shape[1]);
      }, { numRuns: 15 }),
  },
  {
    name: 'corruptGaussian draws from gen: the same seed gives the same noise, each call fresh noise, σ = 0 none',
    points: 2,
    run: (impl) => forAll(cases(sigmas), (c) => drawsFromGenerator(impl, 'corruptGaussian', c), { numRuns: 10 }),
  },
  {
    name: 'corruptMask sets each entry to 0 with probability p, independently, and keeps the others exactly',
    points: 2,
    run: (impl) =>
      forAll(cases(probabilities), (c) => {
        const { label, out } = fresh(impl, 'corruptMask', c);
        const got = out.data();
        got.forEach((v, i) => {
          if (v !== 0 && v !== c.y.data[i]) throw new CheckFailure(`${label} has ${num(v)} where y has ${num(c.y.data[i])}: an entry is either dropped (0) or kept as it is`);
        });
        const dropped = Float64Array.from(got, (v) => (v === 0 ? 1 : 0));
        const p = c.amount;
        expectNear(label, 'a dropped fraction', mean(dropped), p, Math.sqrt((p * (1 - p)) / dropped.length));
        expectIndependent(label, 'drops (1 if set to 0)', dropped, c.y.shape[0], c.y.shape[1]);
        expectBinomialRows(label, 'entries set to 0', dropped, c.y.shape[0], c.y.shape[1], p);
      }, { numRuns: 15 }),
  },
  {
    name: 'corruptMask drops a number of entries that varies from call to call, as independent drops make it, not a fixed count',
    points: 1,
    run: (impl) =>
      // 16 calls on the same generator, each on 500 nonzero entries (so that a 0 is a drop)
      forAll(fc.record({ p: probabilities, seed: seeds(), dataSeed: seeds() }), ({ p, seed, dataSeed }) => {
        const data = new Generator(dataSeed);
        const y = toTensor(nd([50, 10], Array.from({ length: 500 }, () => data.int(1, 41) / 8)));
        const gen = new Generator(seed);
        const totals = Array.from({ length: 16 }, (_, k) => {
          const { out } = corrupt(impl, 'corruptMask', y, p, gen, k === 0 ? `new Generator(${seed})` : 'the same gen');
          return Array.from(out.data()).filter((v) => v === 0).length;
        });
        expectBinomialTotals(`corruptMask(y, ${num(p)}, gen) called 16 times on the same gen, with y of shape [50,10]`, 'entries set to 0', totals, 500, p);
      }, { numRuns: 6 }),
  },
  {
    name: 'corruptMask draws from gen: the same seed gives the same mask, each call a new mask, p = 0 none',
    points: 2,
    run: (impl) => forAll(cases(probabilities), (c) => drawsFromGenerator(impl, 'corruptMask', c), { numRuns: 10 }),
  },
]);
