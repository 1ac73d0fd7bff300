/**
 * 2.5 — softmax and logsoftmax backward. Two independent oracles in float64: the explicit
 * Jacobian of each line multiplied out term by term, and central differences of
 * x ↦ Σ g ⊙ f(x). A metering backend (in the runner: sandbox/runner.ts) sees every tensor the exercise
 * allocates, so building the [C, C] Jacobian shows even when its numbers are right. Lines of
 * length 1 (gradient 0) and empty batches come up among the generated shapes, and are always
 * tried. The default dim is the last. Inputs are float64, and so must the gradients be.
 */
import fc from 'fast-check';
import type * as SoftmaxBackward from '#target/week2/2.5-softmax-backward.ts';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { lines, type Nd, nd, toTensor } from '../harness/nd.ts';
import { peakElements } from '../sandbox/session.ts';
import { forAll } from '../harness/property.ts';
import { shapeText } from '../harness/show.ts';
import { type LineCase, lineCases, logSoftmaxNd, softmaxLine, softmaxNd } from './softmax-family.ts';

type M = typeof SoftmaxBackward;
type Name = 'softmaxBackward' | 'logSoftmaxBackward';

interface VjpCase extends LineCase {
  g: Nd;
}

const withGradient = (cases: fc.Arbitrary<LineCase>): fc.Arbitrary<VjpCase> =>
  cases.chain((c) => ndOf(c.x.shape, moderate()).map((g) => ({ ...c, g })));

/** A line of length 1 (whose gradient is 0, whatever g) and an empty batch (no lines at all). */
const EDGES: VjpCase[] = [{ x: nd([2, 1], [3, -7]), g: nd([2, 1], [1.5, -2]), dim: 1 }, { x: nd([0, 3]), g: nd([0, 3]), dim: -1 }];

/** Sums of C products of numbers below 10: float64 error ~1e-14; 1e-6 leaves room for float32 work. */
const TOLERANCE: Tolerance = { abs: 1e-7, rel: 1e-6 };

/** dx_j = Σ_i g_i ∂y_i/∂x_j, with the Jacobian entry spelled out for each pair (i, j). */
function vjpByJacobian(c: VjpCase, jacobian: (p: number[], i: number, j: number) => number): Nd {
  const out = nd(c.x.shape);
  for (const line of lines(c.x.shape, c.dim)) {
    const p = softmaxLine(line.map((k) => c.x.data[k]));
    line.forEach((kj, j) => {
      out.data[kj] = line.reduce((acc, ki, i) => acc + c.g.data[ki] * jacobian(p, i, j), 0);
    });
  }
  return out;
}

const delta = (i: number, j: number): number => (i === j ? 1 : 0);
const ORACLES: Record<Name, { forward: (x: Nd, dim: number) => Nd; vjp: (c: VjpCase) => Nd }> = {
  softmaxBackward: { forward: softmaxNd, vjp: (c) => vjpByJacobian(c, (p, i, j) => p[i] * (delta(i, j) - p[j])) },
  logSoftmaxBackward: { forward: logSoftmaxNd, vjp: (c) => vjpByJacobian(c, (p, i, j) => delta(i, j) - p[j]) },
};

/** name(y, g, dim), or name(y, g) with the default dim (the last) when `withDim` is false. */
function run(impl: M, name: Name, c: VjpCase, withDim = true) {
  const y = toTensor(ORACLES[name].forward(c.x, withDim ? c.dim : -1));
  const g = toTensor(c.g);
  const args = [{ name: 'y', value: y }, { name: 'gradOutput', value: g }, ...(withDim ? [{ name: 'dim', value: c.dim }] : [])];
  const label = describeCall(name, args);
  const out = call(label, args, () => (withDim ? impl[name](y, g, c.dim) : impl[name](y, g)));
  return { label, dx: expectTensor(label, out, c.x.shape, 'dL/dx, a Tensor', 'float64'), size: c.x.data.length };
}

/** (φ(x + h) − φ(x − h)) / 2h for φ(x) = Σ g ⊙ f(x), one coordinate at a time. */
function centralDifferences(c: VjpCase, f: (x: Nd, dim: number) => Nd): Nd {
  const h = 1e-5;
  const phi = (x: Nd) => f(x, c.dim).data.reduce((acc, v, i) => acc + v * c.g.data[i], 0);
  return nd(c.x.shape, c.x.data.map((_, k) => {
    const nudge = (by: number) => nd(c.x.shape, c.x.data.map((v, i) => (i === k ? v + by : v)));
    return (phi(nudge(h)) - phi(nudge(-h))) / (2 * h);
  }));
}

const both = (check: (name: Name) => void): void => {
  check('softmaxBackward');
  check('logSoftmaxBackward');
};

export const checks = defineChecks<M>([
  {
    name: 'softmaxBackward equals the vector-Jacobian product of softmax, along any dim, the last by default',
    points: 3,
    run: (impl) =>
      forAll(withGradient(lineCases(moderate(10))), (c) => {
        const { label, dx } = run(impl, 'softmaxBackward', c);
        expectClose(label, dx, ORACLES.softmaxBackward.vjp(c), TOLERANCE);
        // the same gradient without a dim: the signature's default is the last dim (when that has entries)
        if (c.x.shape.at(-1)! === 0) return;
        const byDefault = run(impl, 'softmaxBackward', c, false);
        expectClose(byDefault.label, byDefault.dx, ORACLES.softmaxBackward.vjp({ ...c, dim: -1 }), TOLERANCE);
      }, { examples: EDGES }),
  },
  {
    name: 'logSoftmaxBackward equals the vector-Jacobian product of logsoftmax, along any dim, the last by default',
    points: 3,
    run: (impl) =>
      forAll(withGradient(lineCases(moderate(10))), (c) => {
        const { label, dx } = run(impl, 'logSoftmaxBackward', c);
        expectClose(label, dx, ORACLES.logSoftmaxBackward.vjp(c), TOLERANCE);
        // the same gradient without a dim: the signature's default is the last dim (when that has entries)
        if (c.x.shape.at(-1)! === 0) return;
        const byDefault = run(impl, 'logSoftmaxBackward', c, false);
        expectClose(byDefault.label, byDefault.dx, ORACLES.logSoftmaxBackward.vjp({ ...c, dim: -1 }), TOLERANCE);
      }, { examples: EDGES }),
  },
  {
    name: 'both agree with central differences of x ↦ Σ g ⊙ f(x)',
    points: 3,
    run: (impl) =>
      forAll(withGradient(lineCases(moderate(5), { maxSize: 3 })), (c) =>
        both((name) => {
          const { label, dx } = run(impl, name, c);
          // h = 1e-5: truncation ~h² and rounding ~1e-16/h, both far below 1e-5
          expectClose(label, dx, centralDifferences(c, ORACLES[name].forward), { abs: 1e-5, rel: 1e-5 });
        }), { numRuns: 25 }),
  },
  {
    name: 'both stay right without building a tensor larger than their input (no [C, C] Jacobian)',
    points: 3,
    run: (impl) =>
      forAll(withGradient(lineCases(moderate(10), { minSize: 1, maxSize: 3, minLine: 16, maxLine: 40 })), (c) =>
        both((name) => {
          const { result, peak } = peakElements(() => run(impl, name, c));
          expectClose(result.label, result.dx, ORACLES[name].vjp(c), TOLERANCE);
          // room for the input's own copy and a few scalar constants; a Jacobian is C ≥ 16 times y
          if (peak > 2 * result.size + 8) {
            throw new CheckFailure(
              `${result.label} built a tensor of ${peak} elements for an input of ${result.size} (shape ${shapeText(c.x.shape)}): ` +
                'that is a [C, C] Jacobian per line. Multiply out the vector-Jacobian product instead; it needs no tensor larger than y.',
            );
          }
        }), { numRuns: 10 }),
  },
]);
