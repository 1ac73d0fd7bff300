/**
 * 2.9 — practical tricks. Standardisation against float64 column statistics (population std)
 * on data with well-separated values and some constant columns, with training stats applied to
 * new data (a column constant in training included: divided by 1, not by a tiny epsilon). He
 * initialisation by its statistics: with n ≥ 1024 draws, the sample mean and variance must lie
 * within 6 standard errors of 0 and 2/fanIn — any zero-mean distribution with that variance
 * passes (normal, uniform or ±√(2/fanIn)), Xavier's 1/fanIn or a fan-out variance does not — and
 * by its dependence on the generator. Minibatches by the partition they must form, by their
 * dependence on the generator, and by the statistics of the order over many epochs: a uniformly
 * random order has one fixed point per epoch on average and moves an index (n² − 1)/3n places
 * on average, which a shuffle within batches, a rotation or an off-by-one Fisher–Yates does not;
 * and by how often each of the 24 orders of 4 comes up in 40 000 shuffles, which a sort with a
 * random comparator or the naive swap-with-anywhere shuffle gets wrong by far more than chance.
 */
import fc from 'fast-check';
import { Generator, type Tensor } from '@gradschool/tensor';
import type * as Tricks from '#target/week2/2.9-practical-tricks.ts';
import { seeds } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { nextSeed } from '../harness/seed.ts';
import { runnerHelper } from '../sandbox/session.ts';
import { num, show } from '../harness/show.ts';

type M = typeof Tricks;

/** Multiples of 1/8 (exact in binary), so a constant column has a mean and std computed exactly. */
const column = (n: number): fc.Arbitrary<number[]> =>
  fc.oneof(
    { weight: 3, arbitrary: fc.array(fc.integer({ min: -800, max: 800 }).map((k) => k / 8), { minLength: n, maxLength: n }) },
    { weight: 1, arbitrary: fc.integer({ min: -9, max: 9 }).map((k) => Array<number>(n).fill(k)) },
  );

const matrices = (minRows = 1): fc.Arbitrary<Nd> =>
  fc.record({ n: fc.integer({ min: minRows, max: 6 }), d: fc.integer({ min: 1, max: 4 }) }).chain(({ n, d }) =>
    fc.array(column(n), { minLength: d, maxLength: d }).map((cols) => nd([n, d], Array.from({ length: n * d }, (_, k) => cols[k % d][Math.floor(k / d)]))),
  );

function columnStats(x: Nd): { mean: Nd; std: Nd } {
  const [n, d] = x.shape;
  const mean = nd([d]);
  const std = nd([d]);
  for (let j = 0; j < d; j++) {
    let s = 0;
    for (let i = 0; i < n; i++) s += x.data[i * d + j];
    mean.data[j] = s / n;
    let q = 0;
    for (let i = 0; i < n; i++) q += (x.data[i * d + j] - mean.data[j]) ** 2;
    std.data[j] = Math.sqrt(q / n);
  }
  return { mean, std };
}

const rescaled = (x: Nd, mean: Nd, std: Nd): Nd => {
  const d = x.shape[1];
  return nd(x.shape, x.data.map((v, k) => (v - mean.data[k % d]) / (std.data[k % d] > 0 ? std.data[k % d] : 1)));
};

/** Values of magnitude ≤ 100 and spreads ≥ 1/16: float64 is exact to ~1e-15 here, and float32 work stays within 1e-6. */
const TOLERANCE: Tolerance = { abs: 1e-6, rel: 1e-6 };

function standardize(impl: M, x: Nd, stats?: { mean: Nd; std: Nd }) {
  const xt = toTensor(x);
  const given = stats && { mean: toTensor(stats.mean), std: toTensor(stats.std) };
  const args = given ? [{ name: 'x', value: xt }, { name: 'stats.mean', value: given.mean }, { name: 'stats.std', value: given.std }] : [{ name: 'x', value: xt }];
  const label = given ? `${describeCall('standardize', args.slice(0, 1))} with stats { mean: ${show(given.mean)}, std: ${show(given.std)} }` : describeCall('standardize', args);
  const out = call(label, args, () => impl.standardize(xt, given)) as Partial<Record<'x' | 'mean' | 'std', unknown>> | undefined;
  const d = x.shape[1];
  return {
    label,
    x: expectTensor(`${label}.x`, out?.x, x.shape, 'a Tensor', 'float64'),
    mean: expectTensor(`${label}.mean`, out?.mean, [d], 'the feature means, a Tensor', 'float64'),
    std: expectTensor(`${label}.std`, out?.std, [d], 'the feature stds, a Tensor', 'float64'),
  };
}

const sampleStats = (t: Tensor): { mean: number; variance: number; n: number } => {
  const v = Array.from(t.data());
  const mean = v.reduce((a, b) => a + b, 0) / v.length;
  return { mean, variance: v.reduce((a, b) => a + (b - mean) ** 2, 0) / v.length, n: v.length };
};

function heInit(impl: M, fanIn: number, fanOut: number, seed: number): { label: string; w: Tensor } {
  const label = `heInit(${fanIn}, ${fanOut}, new Generator(${seed}))`;
  return { label, w: expectTensor(label, call(label, [], () => impl.heInit(fanIn, fanOut, new Generator(seed))), [fanOut, fanIn]) };
}

function minibatches(impl: M, n: number, batchSize: number, gen: Generator, text: string): { label: string; batches: number[][] } {
  const label = `minibatches(${n}, ${batchSize}, ${text})`;
  const out = call(label, [], () => impl.minibatches(n, batchSize, gen));
  if (!Array.isArray(out) || out.some((b) => !Array.isArray(b) || b.some((i) => typeof i !== 'number'))) {
    throw new CheckFailure(`${label} returned ${show(out)}; expected an array of batches, each an array of indices`);
  }
  return { label, batches: out };
}

const fans = fc.tuple(fc.integer({ min: 32, max: 200 }), fc.integer({ min: 32, max: 200 }));

/** Epochs drawn from one generator for the statistics of the order. */
const EPOCHS = 50;

/**
 * Over EPOCHS calls with one gen, the order (the batches one after the other) must look uniformly
 * random, judged by two statistics, each within 6 standard errors. The number of fixed points
 * (index i at position i) of a uniform permutation has mean 1 and variance 1, whatever n; an
 * off-by-one Fisher–Yates (Sattolo's algorithm: j < i) or a rotation never leaves one. Spearman's
 * footrule Σ|position − index| has mean (n² − 1)/3 and variance (n + 1)(2n² + 7)/45 (Diaconis &
 * Graham, 1977); a shuffle within batches moves indices only a few places, a few swaps hardly any.
 */
function uniformOrder(impl: M, n: number, size: number, seed: number): void {
  const gen = new Generator(seed);
  let fixed = 0;
  let moved = 0;
  for (let e = 0; e < EPOCHS; e++) {
    const { label, batches } = minibatches(impl, n, size, gen, e === 0 ? `gen = new Generator(${seed})` : 'the same gen');
    const order = batches.flat();
    if (order.length !== n || new Set(order).size !== n || order.some((v) => !Number.isInteger(v) || v < 0 || v >= n)) {
      throw new CheckFailure(`${label} gave ${show(batches)}: every index from 0 to ${n - 1} must appear exactly once`);
    }
    order.forEach((v, i) => {
      if (v === i) fixed++;
      moved += Math.abs(v - i);
    });
  }
  const calls = `minibatches(${n}, ${size}, gen) called ${EPOCHS} times with gen = new Generator(${seed})`;
  if (Math.abs(fixed - EPOCHS) > 6 * Math.sqrt(EPOCHS)) {
    throw new CheckFailure(
      `${calls} left ${fixed} indices at their own position in all (${num(fixed / EPOCHS)} per epoch); a uniformly random order leaves 1 per epoch on average ` +
        `(${EPOCHS} ± ${num(6 * Math.sqrt(EPOCHS))} over ${EPOCHS} epochs). Every order must be equally likely: gen.permutation(n) draws one.`,
    );
  }
  const mean = (n * n - 1) / 3;
  const error = Math.sqrt(((n + 1) * (2 * n * n + 7)) / 45 / EPOCHS);
  if (Math.abs(moved / EPOCHS - mean) > 6 * error) {
    throw new CheckFailure(
      `${calls} moved the indices ${num(moved / EPOCHS / n)} places from where they started, on average; in a uniformly random order of ${n} they move ` +
        `${num(mean / n)} places (± ${num((6 * error) / n)} over ${EPOCHS} epochs). Shuffle the whole order, so that any example can land in any batch.`,
    );
  }
}

/** Shuffles of 4 indices drawn in one check, for the test that each of the 24 orders is equally likely. */
const SHUFFLES = 40_000;
const ORDERS = 24;
const PERMUTATIONS_OF_4: number[][] = [0, 1, 2, 3].flatMap((a) => [0, 1, 2, 3].flatMap((b) => [0, 1, 2, 3].flatMap((c) => [0, 1, 2, 3].map((d) => [a, b, c, d])))).filter((p) => new Set(p).size === 4);
/**
 * How far a correct shuffle's count of any one order may stray from SHUFFLES/24 ≈ 1667. Each
 * count is Binomial(N, q = 1/24), and Bernstein's inequality bounds
 *   P(|count − Nq| ≥ s) ≤ 2·exp(−s² / (2(Nq(1 − q) + s/3))),
 * so P(some order strays ≥ s) ≤ 48·exp(…) over the 24 orders. Setting that to 10⁻¹² gives
 * s = L/3 + √(L²/9 + 2L·Nq(1 − q)) with L = ln(48·10¹²) ≈ 31.5: s ≈ 328 (±0.82 percentage points
 * around 4.17 %). A uniform shuffle, however written, fails with probability below 10⁻¹², at any seed.
 * The biased shuffles are far outside: the naive swap (j from all of 0…n − 1 at every step) gives
 * 1, 0, 3, 2 probability 15/256, 2344 draws expected, 349 beyond the line, so it passes with
 * probability below 4·10⁻¹² by the same inequality. Sorting with a random comparator decides
 * the order by the sort's coin flips, so each order's probability is k/2ᵐ, never 1/24: V8's sort
 * (Node's and Deno's) gives some order 3/16 or 1/8 of the time (5000–7500 draws expected,
 * thousands beyond the line).
 */
const STRAY = (() => {
  const q = 1 / ORDERS;
  const L = Math.log(2 * ORDERS * 1e12);
  return L / 3 + Math.sqrt((L * L) / 9 + 2 * L * SHUFFLES * q * (1 - q));
})();

/**
 * SHUFFLES orders of 4 from one gen (drawn in the runner, where they cost milliseconds): every one
 * of the 24 orders must come up SHUFFLES/24 times, give or take STRAY. The fixed-point and
 * footrule statistics above cannot see a shuffle whose bias is spread over many orders, as the
 * naive swap's and the random comparator's are.
 */
function everyOrderEquallyLikely(impl: M, size: number, seed: number): void {
  const n = 4;
  const gen = new Generator(seed);
  const label = `minibatches(${n}, ${size}, gen) called ${SHUFFLES} times with gen = new Generator(${seed})`;
  const text = call(label, [], () => runnerHelper<{ results: unknown }>('epochs', impl.minibatches, n, size, gen, SHUFFLES).results);
  let results: unknown;
  try {
    results = typeof text === 'string' ? JSON.parse(text) : undefined;
  } catch { /* not JSON: judged below */ }
  if (!Array.isArray(results) || results.length !== SHUFFLES) throw new CheckFailure(`${label} did not give back ${SHUFFLES} results`);
  // each order as a number in base n (digits 0…n − 1), counted
  const counts = new Map<number, number>();
  for (let k = 0; k < SHUFFLES; k++) {
    const batches: unknown = results[k];
    let code = 0;
    let seen = 0;
    let length = 0;
    const valid = Array.isArray(batches) && batches.every((b) => Array.isArray(b) && b.every((v) => {
      length++;
      if (!Number.isInteger(v) || v < 0 || v >= n || seen & (1 << v)) return false;
      seen |= 1 << v;
      code = code * n + v;
      return true;
    }));
    if (!valid || length !== n) {
      throw new CheckFailure(`${label}: call ${k + 1} gave ${show(batches)}; expected batches holding every index from 0 to ${n - 1} exactly once`);
    }
    counts.set(code, (counts.get(code) ?? 0) + 1);
  }
  const expected = SHUFFLES / ORDERS;
  const orders = PERMUTATIONS_OF_4.map((p): [string, number] => [`[${p.join(', ')}]`, counts.get(p.reduce((c, v) => c * n + v, 0)) ?? 0]);
  const [worst, count] = orders.reduce((a, b) => (Math.abs(b[1] - expected) > Math.abs(a[1] - expected) ? b : a));
  if (Math.abs(count - expected) > STRAY) {
    const pct = (c: number): string => `${((100 * c) / SHUFFLES).toFixed(2)} %`;
    const missing = counts.size < ORDERS ? ` Only ${counts.size} of the ${ORDERS} orders came up at all.` : '';
    throw new CheckFailure(
      `${label} gave the order ${worst} in ${pct(count)} of the shuffles; a uniform shuffle gives each of the ${ORDERS} orders of ${n} the same chance, ` +
        `1/${ORDERS} = ${pct(expected)} (over ${SHUFFLES} shuffles it strays beyond ${pct(expected - STRAY)}–${pct(expected + STRAY)} with probability below 10⁻¹²).${missing} ` +
        'Sorting with a random comparator (sort(() => gen.uniform() − 0.5)) or swapping each element with one from anywhere (j from 0 to n − 1 at every step) favours some orders. ' +
        'Fisher–Yates makes every order equally likely: for i from n − 1 down to 1, swap element i with one at j drawn from 0…i (gen.int(0, i + 1)); gen.permutation(n) does exactly that.',
    );
  }
}

export const checks = defineChecks<M>([
  {
    name: 'standardize gives each column mean 0 and std 1 (population std), and returns the stats',
    points: 2,
    run: (impl) =>
      forAll(matrices(), (x) => {
        const want = columnStats(x);
        const got = standardize(impl, x);
        expectClose(`${got.label}.mean`, got.mean, want.mean, TOLERANCE);
        expectClose(`${got.label}.std (population: divide by N, not N − 1)`, got.std, want.std, TOLERANCE);
        expectClose(`${got.label}.x`, got.x, rescaled(x, want.mean, want.std), TOLERANCE);
      }),
  },
  {
    name: 'standardize applies given training stats unchanged to new data',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(matrices(2), matrices(1)).filter(([a, b]) => a.shape[1] === b.shape[1]), ([train, other]) => {
        const stats = columnStats(train);
        const got = standardize(impl, other, stats);
        expectClose(`${got.label}.x`, got.x, rescaled(other, stats.mean, stats.std), TOLERANCE);
        expectClose(`${got.label}.mean`, got.mean, stats.mean, TOLERANCE);
        expectClose(`${got.label}.std`, got.std, stats.std, TOLERANCE);
      }, {
        // the second column is constant in training (std 0), not in the new data: divided by 1, it keeps its spread
        examples: [[nd([2, 2], [1, 7, 3, 7]), nd([2, 2], [2, 5, 0, 9])]],
      }),
  },
  {
    name: 'standardize divides a constant column by 1, not by its std of 0',
    points: 1,
    run: (impl) =>
      forAll(matrices().filter((x) => columnStats(x).std.data.some((s) => s === 0)), (x) => {
        const { mean, std } = columnStats(x);
        const got = standardize(impl, x);
        expectClose(`${got.label}.x`, got.x, rescaled(x, mean, std), TOLERANCE);
      }, { examples: [nd([3, 2], [7, 1, 7, 2, 7, 3])] }),
  },
  {
    name: 'heInit has shape [fanOut, fanIn], mean 0 and variance 2/fanIn',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(fans, seeds()), ([[fanIn, fanOut], seed]) => {
        const { label, w } = heInit(impl, fanIn, fanOut, seed);
        const { mean, variance, n } = sampleStats(w);
        const target = 2 / fanIn;
        // standard errors of the sample mean and variance of n draws (4th moment ≤ 3σ⁴, a normal's)
        const meanError = Math.sqrt(target / n);
        const varianceError = target * Math.sqrt(2 / n);
        if (Math.abs(mean) > 6 * meanError) throw new CheckFailure(`${label} has sample mean ${num(mean)}; expected 0 (within ±${num(6 * meanError)})`);
        if (Math.abs(variance - target) > 6 * varianceError) {
          throw new CheckFailure(`${label} has sample variance ${num(variance)}; expected 2/fanIn = ${num(target)} (within ±${num(6 * varianceError)})`);
        }
      }, { numRuns: 25 }),
  },
  {
    name: 'heInit draws from the generator: the same seed gives the same weights; another seed, or the next call, others',
    points: 1,
    run: (impl) =>
      forAll(fc.tuple(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), seeds()), ([fanIn, fanOut, seed]) => {
        const a = heInit(impl, fanIn, fanOut, seed);
        const b = heInit(impl, fanIn, fanOut, seed).w.data();
        if (a.w.data().some((v, i) => !Object.is(v, b[i]))) throw new CheckFailure(`${a.label} gave different weights when called twice: draw every number from gen, not Math.random`);
        // Other weights are compared over at least 64 of them: a correct He initialiser may draw each weight from
        // two values (±√(2/fanIn)), and two seeds then agree on all of them with probability 2⁻⁶⁴ — on a 2×1 layer, 1/4.
        const rows = Math.max(fanOut, Math.ceil(64 / fanIn));
        const one = heInit(impl, fanIn, rows, seed);
        const other = heInit(impl, fanIn, rows, seed + 1).w.data();
        if (one.w.data().every((v, i) => v === other[i])) throw new CheckFailure(`${one.label} and the same call with seed ${seed + 1} gave identical weights: the generator must decide them`);
        const gen = new Generator(seed);
        const label = `heInit(${fanIn}, ${rows}, gen)`;
        const first = expectTensor(`${label} with gen = new Generator(${seed})`, call(label, [], () => impl.heInit(fanIn, rows, gen)), [rows, fanIn]).data();
        const next = expectTensor(`${label} called again with the same gen`, call(label, [], () => impl.heInit(fanIn, rows, gen)), [rows, fanIn]).data();
        if (first.every((v, i) => v === next[i])) {
          throw new CheckFailure(`${label} called twice with the same gen = new Generator(${seed}) gave the same weights both times: draw from gen itself, so that two layers initialised from one generator get different weights`);
        }
      }),
  },
  {
    name: 'minibatches use each index 0..n−1 once, in batches of batchSize (the last may be smaller)',
    points: 1,
    run: (impl) =>
      forAll(fc.tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 20 }), seeds()), ([n, size, seed]) => {
        const { label, batches } = minibatches(impl, n, size, new Generator(seed), `new Generator(${seed})`);
        const sizes = batches.map((b) => b.length);
        const want = Array.from({ length: Math.ceil(n / size) }, (_, k) => Math.min(size, n - k * size));
        if (sizes.join() !== want.join()) throw new CheckFailure(`${label} gave batches of sizes [${sizes.join(', ')}]; expected [${want.join(', ')}]`);
        const all = batches.flat().sort((a, b) => a - b);
        if (all.some((v, i) => v !== i)) throw new CheckFailure(`${label} gave ${show(batches)}: every index from 0 to ${n - 1} must appear exactly once`);
      }, {
        // no examples (no batches), batchSize above n (one smaller batch), n a multiple of batchSize (no smaller one), batches of 1
        examples: [[0, 3, 1], [7, 10, 2], [12, 4, 3], [5, 1, 4]],
      }),
  },
  {
    name: 'minibatches are shuffled by the generator: within and across batches, afresh on every call',
    points: 1,
    run: (impl) => {
      forAll(fc.tuple(fc.integer({ min: 20, max: 60 }), fc.integer({ min: 4, max: 10 }), seeds()), ([n, size, seed]) => {
        const text = `new Generator(${seed})`;
        const first = minibatches(impl, n, size, new Generator(seed), text);
        const again = minibatches(impl, n, size, new Generator(seed), text).batches;
        if (JSON.stringify(first.batches) !== JSON.stringify(again)) throw new CheckFailure(`${first.label} gave a different order when called again with the same seed: shuffle with gen, not Math.random`);
        if (first.batches.every((b) => b.every((v, i) => i === 0 || v > b[i - 1]))) {
          throw new CheckFailure(`${first.label} gave ${show(first.batches)}: every batch is in increasing order, so the examples were not shuffled`);
        }
        // batch k of an unshuffled order holds k·size … (k + 1)·size − 1: shuffling inside each batch keeps them there
        if (first.batches.every((b) => b.every((v) => Math.floor(v / size) === Math.floor(b[0] / size)))) {
          throw new CheckFailure(`${first.label} gave ${show(first.batches)}: each batch holds the same examples as without shuffling, only reordered; shuffle the whole order, then cut it into batches`);
        }
        const gen = new Generator(seed);
        const epoch1 = minibatches(impl, n, size, gen, 'gen').batches;
        const epoch2 = minibatches(impl, n, size, gen, 'the same gen');
        if (JSON.stringify(epoch1) === JSON.stringify(epoch2.batches)) {
          throw new CheckFailure(`${epoch2.label} repeated the previous epoch's order; each call must draw a fresh order from gen`);
        }
      }, { numRuns: 12 });
      forAll(fc.tuple(fc.integer({ min: 20, max: 60 }), fc.integer({ min: 4, max: 10 }), seeds()), ([n, size, seed]) => uniformOrder(impl, n, size, seed), { numRuns: 2 });
      // one draw of 40 000 shuffles, not a property: shrinking would repeat it dozens of times
      const seed = nextSeed();
      everyOrderEquallyLikely(impl, 1 + (seed % 4), seed);
    },
  },
]);
