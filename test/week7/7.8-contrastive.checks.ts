/**
 * 7.8 — contrastive divergence and the margin loss. The descent runs on energies made here from
 * Variable ops, E(y) = Σⱼ aⱼ(yⱼ − cⱼ)² + b·Σⱼ yⱼ⁴, whose gradient the oracle writes out: the
 * float64 recursion y ← y − lr·∇E must match step by step, with several points at once (so a
 * mean over the points, which shrinks each one's step, shows). For the contrastive points the
 * energy is a bowl a‖y − c‖², on which `steps` steps of descent are the affine map
 * ȳ − c = (1 − 2a·lr)^steps (kicked − c): inverting it recovers the kick, which must be normal
 * noise of standard deviation `kick` (mean, variance, a normal's fourth moment 3σ⁴ — which a
 * uniform kick of the right variance misses —, independence, within six standard errors, over
 * 4 000 entries), drawn from the generator. The bowl's curvature a, the step size lr and the
 * number of steps are drawn, with examples away from lr = 0.1: a walk that ignores options.lr
 * or options.steps recovers kicks of the wrong variance. The loss is checked for its value and
 * for the gradient backward() gives it: −1/n on E(ȳ) and +1/n on E(y) for every pair within the
 * margin, 0 beyond. Results keep the dtype they are given (float64).
 */
import fc from 'fast-check';
import { Generator, type Tensor } from '@gradschool/tensor';
import type * as Contrastive from '#target/week7/7.8-contrastive.ts';
import { moderate, ndOf, seeds } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, shapeText, show } from '../harness/show.ts';
import { runnerHelper } from '../sandbox/session.ts';
import { expectIndependent, expectNear, mean, moment } from './statistics.ts';
import { expectVariable, gradientOf, variable } from './variables.ts';

type M = typeof Contrastive;

/** E(y) = Σⱼ aⱼ(yⱼ − cⱼ)² + b·Σⱼ yⱼ⁴ for every row of y. */
interface Landscape {
  a: Nd;
  c: Nd;
  b: number;
}

const landscapes = (d: number): fc.Arbitrary<Landscape> =>
  fc.record({ a: ndOf([d], fc.integer({ min: 1, max: 8 }).map((k) => k / 4)), c: ndOf([d], moderate(2)), b: fc.constantFrom(0, 0.125) });

/** The landscape's energy, made in the runner (sandbox/session.ts) so the exercise can differentiate it. */
const energyOf = (l: Landscape): Contrastive.Energy => runnerHelper<Contrastive.Energy>('landscape', toTensor(l.a), toTensor(l.c), l.b);

const describeLandscape = (l: Landscape): string =>
  `E(y) = Σⱼ aⱼ(yⱼ − cⱼ)²${l.b === 0 ? '' : ` + ${num(l.b)}·Σⱼ yⱼ⁴`} with a = ${show(l.a)}, c = ${show(l.c)}`;

/** The float64 walk y ← y − lr·(2a(y − c) + 4b·y³), entry by entry. */
function walk(l: Landscape, start: Nd, steps: number, lr: number): Nd {
  const d = start.shape[1];
  const y = Float64Array.from(start.data);
  for (let t = 0; t < steps; t++) {
    for (let i = 0; i < y.length; i++) {
      const j = i % d;
      y[i] -= lr * (2 * l.a.data[j] * (y[i] - l.c.data[j]) + 4 * l.b * y[i] ** 3);
    }
  }
  return nd(start.shape, y);
}

interface DescentCase {
  l: Landscape;
  start: Nd;
  steps: number;
  lr: number;
}

const descents: fc.Arbitrary<DescentCase> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), d: fc.integer({ min: 1, max: 3 }) })
  .chain(({ n, d }) =>
    fc.record({ l: landscapes(d), start: ndOf([n, d], moderate(2)), steps: fc.integer({ min: 0, max: 8 }), lr: fc.constantFrom(0.01, 0.05, 0.1) }),
  );

/** A few dozen multiply-adds per entry on numbers ≤ 10: float64 is exact to ~1e-13; float32 work would be ~1e-6. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-7 };

interface KickCase {
  y: Nd;
  c: Nd;
  kick: number;
  steps: number;
  seed: number;
  /** The bowl a‖y − c‖² (b = 0, every aⱼ = a) and the step size: `steps` steps of descent scale the distance to c by (1 − 2a·lr)^steps. */
  a: number;
  lr: number;
}

/** 1000 points of 4 coordinates from a seed of their own, so a failing case shrinks in a few numbers. */
const kickCase = (dataSeed: number, c: Nd, kick: number, steps: number, seed: number, a: number, lr: number): KickCase => {
  const gen = new Generator(dataSeed);
  return { y: nd([1000, 4], Array.from({ length: 4000 }, () => gen.int(-16, 17) / 8)), c, kick, steps, seed, a, lr };
};

const kickCases: fc.Arbitrary<KickCase> = fc
  .record({ dataSeed: seeds(), c: ndOf([4], moderate(2)), kick: fc.constantFrom(0.1, 0.5, 1), steps: fc.constantFrom(0, 1, 3, 5), seed: seeds(), a: fc.constantFrom(0.5, 1), lr: fc.constantFrom(0.05, 0.1, 0.2) })
  .map(({ dataSeed, c, kick, steps, seed, a, lr }) => kickCase(dataSeed, c, kick, steps, seed, a, lr));

/** Walks that ignore options.lr or options.steps shrink the kick by another factor than (1 − 2a·lr)^steps. */
const KICK_EXAMPLES: KickCase[] = [kickCase(1, nd([4], [0.5, -1, 0, 2]), 0.5, 3, 2, 1, 0.05), kickCase(3, nd([4], [0, 0, 1, -1]), 1, 1, 4, 0.5, 0.2)];

function contrastivePoints(impl: M, k: KickCase, gen: Generator, genText: string): { label: string; points: Tensor } {
  const l: Landscape = { a: nd([4], [k.a, k.a, k.a, k.a]), c: k.c, b: 0 };
  const y = toTensor(k.y);
  const options = { kick: k.kick, steps: k.steps, lr: k.lr };
  const label = `contrastivePoints(E, y, ${genText}, { kick: ${num(k.kick)}, steps: ${k.steps}, lr: ${num(k.lr)} }) with ${describeLandscape(l)} and y of shape ${shapeText(k.y.shape)}`;
  const out = call(label, [{ name: 'y', value: y }], () => impl.contrastivePoints(energyOf(l), y, gen, options));
  return { label, points: expectTensor(label, out, k.y.shape, 'a Tensor', 'float64') };
}

interface Pairs {
  positive: Nd;
  negative: Nd;
  margin: number;
}

const pairs: fc.Arbitrary<Pairs> = fc
  .integer({ min: 1, max: 6 })
  .chain((n) => fc.record({ positive: ndOf([n], moderate(3)), negative: ndOf([n], moderate(3)), margin: fc.constantFrom(0, 0.5, 1, 2) }));

/** Which pairs are inside the margin, m + E(y) − E(ȳ) > 0, and so still pushed. */
const active = (p: Pairs): boolean[] => Array.from(p.positive.data, (e, i) => p.margin + e - p.negative.data[i] > 0);

function loss(impl: M, p: Pairs) {
  const [positive, negative] = [variable(toTensor(p.positive), { requiresGrad: true }), variable(toTensor(p.negative), { requiresGrad: true })];
  const args = [{ name: 'positive', value: positive.value }, { name: 'negative', value: negative.value }, { name: 'margin', value: p.margin }];
  const label = describeCall('contrastiveLoss', args);
  const out = expectVariable(label, call(label, args, () => impl.contrastiveLoss(positive, negative, p.margin)), [], 'float64');
  return { label, out, positive, negative, args };
}

export const checks = defineChecks<M>([
  {
    name: 'descend walks y ← y − lr·∂E/∂y for `steps` steps, every point on its own energy',
    points: 3,
    run: (impl) =>
      forAll(descents, (c) => {
        const start = toTensor(c.start);
        const label = `descend(E, start, ${c.steps}, ${num(c.lr)}) with ${describeLandscape(c.l)}, start = ${show(c.start)}`;
        const out = call(label, [{ name: 'start', value: start }], () => impl.descend(energyOf(c.l), start, c.steps, c.lr));
        expectClose(label, expectTensor(label, out, c.start.shape, 'a Tensor', 'float64'), walk(c.l, c.start, c.steps, c.lr), TOLERANCE);
      }),
  },
  {
    name: 'contrastivePoints kicks every point with normal noise of standard deviation `kick`, then descends `steps` steps of `lr`',
    points: 2,
    run: (impl) =>
      forAll(kickCases, (k) => {
        const { label, points } = contrastivePoints(impl, k, new Generator(k.seed), `new Generator(${k.seed})`);
        // undo the descent: kicked = c + (ȳ − c) / (1 − 2a·lr)^steps, then the kick is kicked − y
        const shrink = (1 - 2 * k.a * k.lr) ** k.steps;
        const noise = Float64Array.from(points.data(), (v, i) => (k.c.data[i % 4] + (v - k.c.data[i % 4]) / shrink) - k.y.data[i]);
        const n = noise.length;
        const s2 = k.kick ** 2;
        const what = `${label}: the kick it implies (after undoing ${k.steps} descent step${k.steps === 1 ? '' : 's'} of ${num(k.lr)})`;
        expectNear(what, 'mean', mean(noise), 0, k.kick / Math.sqrt(n));
        expectNear(what, 'variance', moment(noise, 2), s2, s2 * Math.sqrt(2 / n));
        // a normal's fourth moment is 3σ⁴, with standard error √96·σ⁴/√n (its 8th moment is 105σ⁸); a uniform kick's is 1.8σ⁴
        expectNear(what, 'fourth moment (3σ⁴ for a normal distribution)', moment(noise, 4), 3 * s2 * s2, Math.sqrt(96 / n) * s2 * s2);
        expectIndependent(label, 'kicks', noise, 1000, 4);
      }, { numRuns: 15, examples: KICK_EXAMPLES }),
  },
  {
    name: 'contrastivePoints draws its kick from gen: the same seed gives the same points, each call new ones',
    points: 1,
    run: (impl) =>
      forAll(kickCases, (k) => {
        const first = contrastivePoints(impl, k, new Generator(k.seed), `new Generator(${k.seed})`);
        const again = contrastivePoints(impl, k, new Generator(k.seed), `new Generator(${k.seed})`).points.data();
        if (first.points.data().some((v, i) => !Object.is(v, again[i]))) throw new CheckFailure(`${first.label} gave other points when called again with the same seed: draw the kick from gen, not Math.random`);
        const gen = new Generator(k.seed);
        const one = contrastivePoints(impl, k, gen, 'gen').points.data();
        const two = contrastivePoints(impl, k, gen, 'the same gen');
        if (two.points.data().every((v, i) => Object.is(v, one[i]))) throw new CheckFailure(`${two.label} gave the same points as the call before: each call must draw a new kick from gen`);
      }, { numRuns: 10 }),
  },
  {
    name: 'contrastiveLoss is the mean over pairs of [m + E(y) − E(ȳ)]₊',
    points: 2,
    run: (impl) =>
      forAll(pairs, (p) => {
        const { label, out } = loss(impl, p);
        const want = Array.from(p.positive.data, (e, i) => Math.max(0, p.margin + e - p.negative.data[i])).reduce((a, b) => a + b, 0) / p.positive.data.length;
        expectClose(label, out.value, nd([], [want]), TOLERANCE);
      }, { examples: [{ positive: nd([2], [0, 0]), negative: nd([2], [3, 0.5]), margin: 1 }] }),
  },
  {
    name: 'contrastiveLoss pushes E(y) down and E(ȳ) up by 1/n for each pair within the margin, and leaves the others alone',
    points: 2,
    run: (impl) =>
      // exactly at the margin the hinge has no derivative: those pairs are left out
      forAll(pairs.filter((p) => p.positive.data.every((e, i) => p.margin + e - p.negative.data[i] !== 0)), (p) => {
        const { label, out, positive, negative, args } = loss(impl, p);
        if (!out.requiresGrad) throw new CheckFailure(`${label} gave a Variable that no gradient flows back from: build it with the Variables' own ops on positive and negative`);
        call(`${label}.backward()`, args, () => out.backward());
        const n = p.positive.data.length;
        const push = active(p).map((on) => (on ? 1 / n : 0));
        expectClose(`after ${label}.backward(), positive.grad`, gradientOf(`${label}.backward()`, positive, 'positive'), nd([n], push), TOLERANCE, 'is');
        expectClose(`after ${label}.backward(), negative.grad`, gradientOf(`${label}.backward()`, negative, 'negative'), nd([n], push.map((v) => -v)), TOLERANCE, 'is');
      }, { examples: [{ positive: nd([2], [0, 0]), negative: nd([2], [3, 0.5]), margin: 1 }] }),
  },
]);
