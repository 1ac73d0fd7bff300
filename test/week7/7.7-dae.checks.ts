/**
 * 7.7 — the denoising autoencoder. One training step is checked against the float64 chain rule
 * (autoencoder-oracle.ts) with noisy inputs and clean targets drawn independently, so swapping
 * them, or training on the clean input, shows. The training loop is checked three ways, with the
 * width, the learning rate and the number of steps drawn (so that none can be hard-coded):
 * - its start: with steps = 0 it returns the initial parameters, whose shapes follow `hidden`,
 *   whose biases are 0 and whose weights have mean 0 and variance 1/fan-in (within six standard
 *   errors, over a thousand and more weights: He's 2/fan-in, a plain randn or a standard
 *   deviation of 1/fan-in all show), the same for the same seed;
 * - its steps: the same seed gives the same start, so the check replays the run in float64 from
 *   it — with a corruption that records its calls (once per step, on the clean data, with the
 *   generator given) and what it returned — and every step's loss and the final parameters
 *   must be what `steps` gradient steps of size lr on those noisy points give;
 * - end to end on points of the unit circle, judged by the trained parameters alone, through the
 *   oracle's own forward pass: fresh noisy points must come back nearer the circle than they
 *   were, and the energy must be low on the circle and high off it.
 * Results keep the dtype they are given (float64).
 */
import fc from 'fast-check';
import { Generator, type Tensor } from '@gradschool/tensor';
import type * as Dae from '#target/week7/7.7-dae.ts';
import { moderate, ndOf, seeds } from '../harness/arbitraries.ts';
import { call, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance, within } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { nextSeed } from '../harness/seed.ts';
import { num, numPair, show } from '../harness/show.ts';
import { runnerHelper } from '../sandbox/session.ts';
import { type AutoEncoderNd, autoencoders, decodeNd, encodeNd, energiesNd, lossAndGradients, lossNd, mapParameters, type Parameter, PARAMETERS, showParams } from './autoencoder-oracle.ts';
import { expectNear, mean, moment } from './statistics.ts';

type M = typeof Dae;
type Params = Dae.Params;

interface StepCase {
  p: AutoEncoderNd;
  noisy: Nd;
  clean: Nd;
  lr: number;
}

const stepCases: fc.Arbitrary<StepCase> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), input: fc.integer({ min: 1, max: 4 }), code: fc.integer({ min: 1, max: 4 }) })
  .chain(({ n, input, code }) =>
    fc.record({ p: autoencoders(input, code), noisy: ndOf([n, input], moderate(2)), clean: ndOf([n, input], moderate(2)), lr: fc.constantFrom(0.01, 0.1, 0.5) }),
  );

/** A dozen products and a tanh per entry: float64 is exact to ~1e-14; 1e-7 relative is loose yet far below any mistake. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-7 };

const tensors = (p: AutoEncoderNd): Params => mapParameters(p, (a) => toTensor(a));

function step(impl: M, c: StepCase) {
  const params = tensors(c.p);
  const [noisy, clean] = [toTensor(c.noisy), toTensor(c.clean)];
  const args = [...PARAMETERS.map((k) => ({ name: `params.${k}`, value: params[k] })), { name: 'noisy', value: noisy }, { name: 'clean', value: clean }];
  const label = `daeStep(params, noisy, clean, ${num(c.lr)}) with params = ${showParams(c.p)}, noisy = ${show(c.noisy)}, clean = ${show(c.clean)}`;
  const out = call(label, args, () => impl.daeStep(params, noisy, clean, c.lr)) as Partial<{ params: Partial<Params>; loss: unknown }> | undefined;
  return { label, out };
}

/** The oracle's parameters from what the exercise returned, each checked for its shape. */
function paramsNd(label: string, got: unknown, shapes: Record<Parameter, readonly number[]>): AutoEncoderNd {
  const p = (got ?? {}) as Partial<Record<Parameter, unknown>>;
  return mapParameters(shapes, (shape, k) => {
    const t = expectTensor(`${label}.${k}`, p[k], shape, 'a Tensor', 'float64');
    return nd(t.shape, t.data());
  });
}

/** n points on the unit circle, evenly spread with a little jitter. */
function circle(n: number, gen: Generator): Nd {
  return nd([n, 2], Array.from({ length: n }, (_, i) => (2 * Math.PI * (i + gen.uniform())) / n).flatMap((a) => [Math.cos(a), Math.sin(a)]));
}

const scaled = (a: Nd, s: number): Nd => nd(a.shape, a.data.map((v) => v * s));
const meanOf = (a: Nd): number => a.data.reduce((x, y) => x + y, 0) / a.data.length;

/** The parameters' shapes for `input` features and a code of width `hidden`. */
const initialShapes = (input: number, hidden: number): Record<Parameter, readonly number[]> => ({ encoderWeight: [hidden, input], encoderBias: [hidden], decoderWeight: [input, hidden], decoderBias: [input] });

/** What the loop is trained with: 64 points of the circle, Gaussian noise of σ = 0.2, 600 steps of size 0.1. */
const TRAINING = { points: 64, sigma: 0.2, hidden: 32, steps: 600, lr: 0.1 };

export const checks = defineChecks<M>([
  {
    name: 'daeStep reports the loss before the step: mean ‖clean − dec(enc(noisy))‖²',
    points: 1,
    run: (impl) =>
      forAll(stepCases, (c) => {
        const { label, out } = step(impl, c);
        if (typeof out?.loss !== 'number') throw new CheckFailure(`${label} returned loss ${show(out?.loss)}; expected a number`);
        const want = lossAndGradients(c.p, c.noisy, c.clean).loss;
        if (!within(out.loss, want, TOLERANCE)) throw new CheckFailure(`${label} returned loss ${numPair(out.loss, want).join('; expected ')}`);
      }),
  },
  {
    name: 'daeStep moves every parameter against its gradient: p − lr·∂loss/∂p',
    points: 3,
    run: (impl) =>
      forAll(stepCases, (c) => {
        const { label, out } = step(impl, c);
        const got = paramsNd(`${label}.params`, out?.params, mapParameters(c.p, (a) => a.shape));
        const { grads } = lossAndGradients(c.p, c.noisy, c.clean);
        for (const k of PARAMETERS) {
          const want = nd(c.p[k].shape, c.p[k].data.map((v, i) => v - c.lr * grads[k].data[i]));
          expectClose(label, toTensor(got[k]), want, TOLERANCE, `returned params.${k} =`);
        }
      }),
  },
  {
    name: 'daeEnergy is ‖y − dec(enc(y))‖² for every point',
    points: 2,
    run: (impl) =>
      forAll(stepCases, (c) => {
        const params = tensors(c.p);
        const y = toTensor(c.clean);
        const args = [...PARAMETERS.map((k) => ({ name: `params.${k}`, value: params[k] })), { name: 'y', value: y }];
        const label = `daeEnergy(params, y) with params = ${showParams(c.p)}, y = ${show(c.clean)}`;
        const want = energiesNd(c.clean, decodeNd(encodeNd(c.clean, c.p), c.p));
        expectClose(label, expectTensor(label, call(label, args, () => impl.daeEnergy(params, y)), want.shape, 'a Tensor', 'float64'), want, TOLERANCE);
      }),
  },
  {
    name: 'trainDae starts from weights of variance 1/fan-in drawn from gen, and zero biases',
    points: 1,
    run: (impl) =>
      forAll(fc.record({ input: fc.integer({ min: 2, max: 3 }), hidden: fc.integer({ min: 800, max: 1200 }), seed: seeds() }), ({ input, hidden, seed }) => {
        const clean = toTensor(nd([4, input], Array.from({ length: 4 * input }, (_, i) => ((i % 7) - 3) / 4)));
        const corrupt = runnerHelper<Dae.DaeOptions['corrupt']>('gaussianNoise', 0.1);
        const label = `trainDae(clean, { hidden: ${hidden}, steps: 0, lr: 0.1, gen: new Generator(${seed}), corrupt }) with clean of shape [4,${input}]`;
        const start = () => call(label, [{ name: 'clean', value: clean }], () => impl.trainDae(clean, { hidden, steps: 0, lr: 0.1, gen: new Generator(seed), corrupt }))?.params;
        const p = paramsNd(`${label}.params`, start(), initialShapes(input, hidden));
        for (const k of ['encoderBias', 'decoderBias'] as const) {
          const i = p[k].data.findIndex((v) => v !== 0);
          if (i >= 0) throw new CheckFailure(`${label}.params.${k}[${i}] is ${num(p[k].data[i])}; the biases start at 0`);
        }
        // mean 0 and variance 1/fan-in, each within six standard errors (a normal's: a uniform's variance varies less)
        for (const [k, fanIn] of [['encoderWeight', input], ['decoderWeight', hidden]] as const) {
          const w = p[k].data;
          const what = `${label}: its params.${k} (${w.length} weights of fan-in ${fanIn})`;
          expectNear(what, 'a mean', mean(w), 0, Math.sqrt(1 / fanIn / w.length));
          expectNear(what, `a variance (1/fan-in = 1/${fanIn} for tanh)`, moment(w, 2), 1 / fanIn, Math.sqrt(2 / w.length) / fanIn);
        }
        const again = paramsNd(`${label}.params`, start(), initialShapes(input, hidden));
        if (PARAMETERS.some((k) => again[k].data.some((v, i) => v !== p[k].data[i]))) throw new CheckFailure(`${label} started from other weights when called again with the same seed: draw them from options.gen, not Math.random`);
      }, { numRuns: 4 }),
  },
  {
    name: 'trainDae takes `steps` steps of size lr, each on the clean data corrupted afresh with the generator it is given, and reports each step\'s loss',
    points: 2,
    run: (impl) =>
      forAll(
        fc.record({ n: fc.integer({ min: 1, max: 6 }), hidden: fc.integer({ min: 1, max: 4 }), steps: fc.integer({ min: 1, max: 4 }), lr: fc.constantFrom(0.01, 0.05, 0.2), seed: seeds() }),
        ({ n, hidden, steps, lr, seed }) => {
          const clean = toTensor(circle(n, new Generator(seed + 1)));
          const shown = `clean = ${show(clean)}`;
          // the same seed, no steps: where the run starts
          const corrupt0 = runnerHelper<Dae.DaeOptions['corrupt']>('gaussianNoise', 0.1);
          const label0 = `trainDae(clean, { hidden: ${hidden}, steps: 0, lr: ${num(lr)}, gen: new Generator(${seed}), corrupt }) with ${shown}`;
          const start = paramsNd(`${label0}.params`, call(label0, [{ name: 'clean', value: clean }], () => impl.trainDae(clean, { hidden, steps: 0, lr, gen: new Generator(seed), corrupt: corrupt0 }))?.params, initialShapes(2, hidden));
          const recorder = runnerHelper<{ corrupt: Dae.DaeOptions['corrupt']; calls: { clean: Tensor; gen: Generator; noisy: Tensor }[] }>('recordingNoise', 0.1);
          const gen = new Generator(seed);
          const label = `trainDae(clean, { hidden: ${hidden}, steps: ${steps}, lr: ${num(lr)}, gen: new Generator(${seed}), corrupt }) with ${shown}`;
          const out = call(label, [{ name: 'clean', value: clean }], () => impl.trainDae(clean, { hidden, steps, lr, gen, corrupt: recorder.corrupt }));
          const calls = recorder.calls;
          if (calls.length !== steps) throw new CheckFailure(`${label} called corrupt ${calls.length} time(s); expected ${steps}, once before every step, so that every step sees new noise`);
          const want = clean.data();
          calls.forEach((c, i) => {
            if (c.gen !== gen) throw new CheckFailure(`${label}: call ${i + 1} of corrupt was not given options.gen, so the noise cannot be replayed from its seed`);
            const got = c.clean.data();
            if (c.clean.size !== clean.size || got.some((v, j) => v !== want[j])) throw new CheckFailure(`${label}: call ${i + 1} of corrupt was given ${show(c.clean)}, not the clean data; the noise must start from the clean points every time`);
          });
          const losses = out?.losses;
          if (!Array.isArray(losses) || losses.length !== steps || losses.some((l) => typeof l !== 'number')) throw new CheckFailure(`${label} returned losses ${show(losses)}; expected ${steps} numbers, one per step`);
          // replay: step t starts from p, on the noisy points corrupt returned before it
          const cleanNd = nd(clean.shape, want);
          let p = start;
          calls.forEach((c, t) => {
            const noisy = nd(c.noisy.shape, c.noisy.data());
            const { loss, grads } = lossAndGradients(p, noisy, cleanNd);
            if (!within(losses[t], loss, TOLERANCE)) {
              throw new CheckFailure(`${label} returned losses ${show(losses)}: the loss of step ${t + 1} is ${numPair(losses[t], loss).join('; expected ')}, mean ‖clean − dec(enc(noisy))‖² on the noisy points of that step, before it (replayed from the start the same seed gives with steps: 0)`);
            }
            p = mapParameters(p, (a, k) => nd(a.shape, a.data.map((v, i) => v - lr * grads[k].data[i])));
          });
          const end = paramsNd(`${label}.params`, out?.params, initialShapes(2, hidden));
          const replayed = `${label} (replayed in float64 from the start that steps: 0 gives, on the noisy points corrupt returned)`;
          for (const k of PARAMETERS) expectClose(replayed, toTensor(end[k]), p[k], TOLERANCE, `returned params.${k} =`);
        },
      ),
  },
  {
    name: 'trainDae learns to denoise the circle: noisy points come back nearer, and E is low on it, high off it',
    points: 3,
    timeoutMs: 60_000,
    run: (impl) => {
      const [dataSeed, trainSeed, testSeed] = [nextSeed(), nextSeed(), nextSeed()];
      const clean = circle(TRAINING.points, new Generator(dataSeed));
      const corrupt = runnerHelper<Dae.DaeOptions['corrupt']>('gaussianNoise', TRAINING.sigma);
      const options = { hidden: TRAINING.hidden, steps: TRAINING.steps, lr: TRAINING.lr };
      const label = `trainDae(clean, { hidden: ${options.hidden}, steps: ${options.steps}, lr: ${options.lr}, gen: new Generator(${trainSeed}), corrupt: Gaussian noise of σ = ${TRAINING.sigma} }) on ${TRAINING.points} points of the unit circle`;
      const out = call(label, [], () => impl.trainDae(toTensor(clean), { ...options, gen: new Generator(trainSeed), corrupt }));
      const p = paramsNd(`${label}.params`, out?.params, initialShapes(2, options.hidden));
      // fresh noise, drawn here: how far the noisy points are from the circle, and how far their reconstructions
      const testGen = new Generator(testSeed);
      const noisy = nd(clean.shape, clean.data.map((v) => v + TRAINING.sigma * testGen.normal()));
      const [before, after] = [lossNd(clean, noisy), lossNd(clean, decodeNd(encodeNd(noisy, p), p))];
      const energy = (y: Nd) => meanOf(energiesNd(y, decodeNd(encodeNd(y, p), p)));
      const [onCircle, outside] = [energy(clean), energy(scaled(clean, 1.5))];
      const summary = `noisy points were ${num(before)} from the circle on average (squared), their reconstructions ${num(after)}; E is ${num(onCircle)} on the circle and ${num(outside)} at radius 1.5`;
      if (!(after < 0.8 * before)) throw new CheckFailure(`${label}: ${summary}. A denoising autoencoder brings noisy points back towards the data: expected reconstructions at most 0.8 times as far as the noisy points`);
      if (!(outside > 10 * onCircle)) throw new CheckFailure(`${label}: ${summary}. Expected the energy at radius 1.5 to be at least 10 times that on the circle`);
    },
  },
]);
