/**
 * 2.4 — stable logsoftmax. Oracle: (x − m) − log Σ exp(x − m) per line in float64. The traps:
 * [0, −1000], whose second log-probability is −1000 although its probability rounds to 0
 * (so log(softmax(x)) gives −Infinity), and [1000, 1000], where exp overflows. Lines of length 1
 * (log-probability 0) and empty batches come up among the generated shapes, and are always
 * tried. The default dim is the last. Inputs are float64, and so must the result be.
 */
import fc from 'fast-check';
import type * as LogSoftmax from '#target/week2/2.4-log-softmax.ts';
import { finite, moderate } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { show } from '../harness/show.ts';
import { type LineCase, lineCases, logSoftmaxNd } from './softmax-family.ts';

type M = typeof LogSoftmax;

/**
 * Log-probabilities reach −20 000 here; float64 work is exact to ~1e-12 of that and float32
 * intermediates to ~1e-7 relative, so 1e-6 relative (plus 1e-6 near 0) accepts both.
 */
const TOLERANCE: Tolerance = { abs: 1e-6, rel: 1e-6 };

/** logSoftmax(x, dim), or logSoftmax(x) with the default dim when `withDim` is false. */
function run(impl: M, c: LineCase, withDim = true) {
  const x = toTensor(c.x);
  const args = withDim ? [{ name: 'x', value: x }, { name: 'dim', value: c.dim }] : [{ name: 'x', value: x }];
  const label = describeCall('logSoftmax', args);
  const out = call(label, args, () => (withDim ? impl.logSoftmax(x, c.dim) : impl.logSoftmax(x)));
  return { label, y: expectTensor(label, out, c.x.shape, 'a Tensor', 'float64') };
}

const oracle = (impl: M, c: LineCase, withDim = true): void => {
  const { label, y } = run(impl, c, withDim);
  expectClose(label, y, logSoftmaxNd(c.x, withDim ? c.dim : -1), TOLERANCE);
};

const row = (...v: number[]): LineCase => ({ x: nd([1, v.length], v), dim: -1 });
/** A line of length 1 (log-probability 0) and an empty batch (no lines at all). */
const EDGES: LineCase[] = [{ x: nd([2, 1], [3, -7]), dim: 1 }, { x: nd([0, 3]), dim: -1 }];

export const checks = defineChecks<M>([
  {
    name: 'logSoftmax of moderate scores along any dim, the last by default',
    points: 3,
    run: (impl) =>
      forAll(lineCases(moderate(20)), (c) => {
        oracle(impl, c);
        // the same scores without a dim: the signature's default is the last dim (when that has entries to normalise)
        if (c.x.shape.at(-1)! > 0) oracle(impl, c, false);
      }, { examples: EDGES }),
  },
  {
    name: 'logSoftmax stays exact where probabilities underflow: logSoftmax([0, −1000]) = [0, −1000]',
    points: 3,
    run: (impl) =>
      forAll(lineCases(finite(1e4)), (c) => oracle(impl, c), {
        examples: [row(0, -1000), row(1000, 1000), { x: nd([2, 2], [1000, 999, -1000, -1001]), dim: 1 }],
      }),
  },
  {
    name: 'logSoftmax(x + c) = logSoftmax(x) for a constant c added to every score of a line, however large',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(lineCases(moderate(10)), fc.integer({ min: -5000, max: 5000 })), ([c, shift]) => {
        const { label, y } = run(impl, { x: nd(c.x.shape, c.x.data.map((v) => v + shift)), dim: c.dim });
        expectClose(`${label} (the scores ${show(c.x)} shifted by ${shift})`, y, logSoftmaxNd(c.x, c.dim), TOLERANCE);
      }),
  },
]);
