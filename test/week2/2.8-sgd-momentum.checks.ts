/**
 * 2.8 — SGD with momentum and the training loop. Oracle for the optimizer: the recursion
 * v ← μv + g, p ← p − ηv run in float64 over several steps and parameters of different shapes
 * (so one velocity shared by all parameters, or a velocity that is forgotten, shows). The
 * training loop is checked end to end on the practicum's spiral (@gradschool/models' spiral):
 * its loss must fall and its predictions must be right on at least 90 % of the points.
 */
import fc from 'fast-check';
import { Generator, type Tensor, tensor } from '@gradschool/tensor';
import type * as Sgd from '#target/week2/2.8-sgd-momentum.ts';
import { moderate, ndOf, shapes } from '../harness/arbitraries.ts';
import { type Arg, call, describeCall, expectNumber, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, expectCloseNumber, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { nextSeed } from '../harness/seed.ts';
import { num, show } from '../harness/show.ts';

type M = typeof Sgd;
type Params = Record<string, Tensor>;

const NAMES = ['weight', 'bias', 'gain'];

interface Run {
  lr: number;
  momentum: number;
  params: Nd[];
  /** grads[t][i]: the gradient of parameter i at step t. */
  grads: Nd[][];
}

const runs = (maxSteps: number): fc.Arbitrary<Run> =>
  fc
    .record({
      shapes: fc.array(shapes({ minRank: 0, maxRank: 2, maxSize: 3 }), { minLength: 1, maxLength: 3 }),
      lr: fc.integer({ min: 1, max: 100 }).map((k) => k / 100),
      momentum: fc.integer({ min: 0, max: 99 }).map((k) => k / 100),
      steps: fc.integer({ min: 1, max: maxSteps }),
    })
    .chain(({ shapes: s, lr, momentum, steps }) =>
      fc.record({
        lr: fc.constant(lr),
        momentum: fc.constant(momentum),
        params: fc.tuple(...s.map((shape) => ndOf(shape, moderate()))),
        grads: fc.array(fc.tuple(...s.map((shape) => ndOf(shape, moderate()))), { minLength: steps, maxLength: steps }),
      }),
    );

/** A handful of multiply-adds per element: float64 is exact to ~1e-15, float32 work to ~1e-7. */
const TOLERANCE: Tolerance = { abs: 1e-7, rel: 1e-6 };

const named = (arrays: Nd[]): Params => Object.fromEntries(arrays.map((a, i) => [NAMES[i], toTensor(a)]));

/** Run the student's optimizer over every step, comparing each step's parameters with the float64 recursion. */
function followTrajectory(impl: M, r: Run): void {
  const make = `new SgdMomentum({ lr: ${num(r.lr)}, momentum: ${num(r.momentum)} })`;
  const optimizer = call(make, [], () => new impl.SgdMomentum({ lr: r.lr, momentum: r.momentum }));
  let params = named(r.params);
  const want = r.params.map((p) => Float64Array.from(p.data));
  const velocity = r.params.map((p) => new Float64Array(p.data.length));
  r.grads.forEach((step, t) => {
    const grads = named(step);
    const args: Arg[] = [
      ...Object.entries(params).map(([k, v]) => ({ name: `params.${k}`, value: v })),
      ...Object.entries(grads).map(([k, v]) => ({ name: `grads.${k}`, value: v })),
    ];
    const label = `step ${t + 1} of ${make}`;
    const next = call(label, args, () => optimizer.step(params, grads)) as Params | undefined;
    step.forEach((g, i) => {
      for (let k = 0; k < g.data.length; k++) {
        velocity[i][k] = r.momentum * velocity[i][k] + g.data[k];
        want[i][k] -= r.lr * velocity[i][k];
      }
      const name = NAMES[i];
      const got = expectTensor(`${label} (parameter '${name}')`, next?.[name], g.shape);
      const history = `starting from ${show(r.params[i])} with gradients ${r.grads.slice(0, t + 1).map((s) => show(s[i])).join(', ')}`;
      expectClose(`after ${label}, parameter '${name}' (${history})`, got, nd(g.shape, want[i]), TOLERANCE, 'is');
    });
    params = next!;
  });
}

export const checks = defineChecks<M>([
  {
    name: 'the first step (velocity 0) is a plain gradient step p − η·g',
    points: 3,
    run: (impl) => forAll(runs(1), (r) => followTrajectory(impl, r)),
  },
  {
    name: 'each step follows v ← μ·v + g, p ← p − η·v, with a velocity per parameter',
    points: 4,
    run: (impl) => forAll(runs(5), (r) => followTrajectory(impl, r), { numRuns: 30 }),
  },
  {
    name: 'accuracy is the fraction of predictions equal to their targets',
    points: 2,
    run: (impl) =>
      forAll(
        fc.integer({ min: 1, max: 12 }).chain((n) => fc.tuple(fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }), fc.array(fc.integer({ min: 0, max: 3 }), { minLength: n, maxLength: n }))),
        ([predicted, targets]) => {
          const args = [
            { name: 'predictions', value: tensor(predicted, { dtype: 'int32' }) },
            { name: 'targets', value: tensor(targets, { dtype: 'int32' }) },
          ];
          const label = describeCall('accuracy', args);
          const got = expectNumber(label, call(label, args, () => impl.accuracy(args[0].value, args[1].value)));
          const right = predicted.filter((p, i) => p === targets[i]).length;
          // float32 arithmetic on a fraction of at most 12 counts: 1e-6 is plenty
          expectCloseNumber(label, got, right / predicted.length, { abs: 1e-6, rel: 0 });
        },
      ),
  },
  {
    name: 'trainClassifier separates the spiral: loss falls, ≥ 90 % of training points right',
    points: 5,
    timeoutMs: 60_000,
    run: async (impl) => {
      const [dataSeed, initSeed] = [nextSeed(), nextSeed()];
      // loaded here, not at the top, so the grader can list the checks without the models package
      const { spiral } = await import('@gradschool/models');
      const data = spiral(new Generator(dataSeed), { classes: 3, pointsPerClass: 100, noise: 0.2 });
      const options = { classes: 3, hidden: 32, steps: 200, lr: 0.5, momentum: 0.9 };
      const label = `trainClassifier(x, y, ${JSON.stringify(options).replace(/"/g, '').replace(/,/g, ', ')}) on the 3-arm spiral (300 points)`;
      const args = [{ name: 'x', value: data.x }, { name: 'y', value: data.y }];
      const model = call(label, args, () => impl.trainClassifier(data.x, data.y, { ...options, gen: new Generator(initSeed) }));
      const losses: unknown = model?.losses;
      if (!Array.isArray(losses) || losses.length !== options.steps || losses.some((l) => typeof l !== 'number' || !Number.isFinite(l))) {
        throw new CheckFailure(`${label} returned losses ${Array.isArray(losses) ? `of length ${losses.length}` : String(losses)}; expected ${options.steps} finite numbers, the loss before each step`);
      }
      const [first, last] = [losses[0] as number, losses.at(-1) as number];
      if (!(last < 0.5 * first)) throw new CheckFailure(`${label}: the loss went from ${num(first)} to ${num(last)}; it should at least halve as the network learns`);
      const predictions = expectTensor(`${label}, then predict(x)`, call(`predict(x)`, args, () => model.predict(data.x)), [300], 'class indices, a Tensor');
      const p = predictions.data();
      const y = data.y.data();
      const right = y.filter((c, i) => p[i] === c).length;
      if (right < 270) {
        throw new CheckFailure(`${label}: predict(x) is right on ${right} of 300 training points (${Math.round(right / 3)} %); expected at least 90 %. The loss went from ${num(first)} to ${num(last)}.`);
      }
      const fresh = tensor([[0, 0], [0.5, -0.5], [-0.9, 0.1]]);
      expectTensor(`${label}, then predict on 3 new points`, call('predict(new points)', [], () => model.predict(fresh)), [3], 'class indices, a Tensor');
    },
  },
]);
