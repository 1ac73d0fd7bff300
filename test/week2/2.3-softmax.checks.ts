/**
 * 2.3 — stable softmax. Oracle: the float64 softmax of each line with its max subtracted
 * (softmax-family.ts). Inputs reach ±10 000, where exp overflows, and the classic traps are
 * always tried first: [1000, 1000], [−1000, −1000] and rows of very different scale.
 */
import fc from 'fast-check';
import type * as Softmax from '#target/week2/2.3-softmax.ts';
import { finite, moderate } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, firstMismatch, type Tolerance } from '../harness/compare.ts';
import { lines, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num } from '../harness/show.ts';
import { type LineCase, lineCases, softmaxNd } from './softmax-family.ts';

type M = typeof Softmax;

/** Probabilities in [0, 1]: float64 work is exact to ~1e-16; 1e-6 still accepts float32 intermediates. */
const TOLERANCE: Tolerance = { abs: 1e-6, rel: 1e-6 };

function run(impl: M, c: LineCase, withDim = true) {
  const x = toTensor(c.x);
  const args = withDim ? [{ name: 'x', value: x }, { name: 'dim', value: c.dim }] : [{ name: 'x', value: x }];
  const label = describeCall('softmax', args);
  const out = call(label, args, () => (withDim ? impl.softmax(x, c.dim) : impl.softmax(x)));
  return { label, y: expectTensor(label, out, c.x.shape) };
}

const oracle = (impl: M, c: LineCase, withDim = true): void => {
  const { label, y } = run(impl, c, withDim);
  expectClose(label, y, softmaxNd(c.x, withDim ? c.dim : -1), TOLERANCE);
};

const row = (...v: number[]): LineCase => ({ x: nd([1, v.length], v), dim: -1 });

export const checks = defineChecks<M>([
  {
    name: 'softmax of moderate scores along the last dim (the default)',
    points: 2,
    run: (impl) => forAll(lineCases(moderate(10), { dim: -1 }), (c) => oracle(impl, c, false)),
  },
  {
    name: 'softmax along any dim, negative dims counting from the end',
    points: 2,
    run: (impl) => forAll(lineCases(moderate(10)), (c) => oracle(impl, c)),
  },
  {
    name: 'softmax stays finite for huge scores: softmax([1000, 1000]) = [0.5, 0.5]',
    points: 3,
    run: (impl) =>
      forAll(lineCases(finite(1e4)), (c) => oracle(impl, c), {
        examples: [row(1000, 1000), row(-1000, -1000), { x: nd([2, 2], [1000, 999, -1000, -1001]), dim: 1 }],
      }),
  },
  {
    name: 'every line of the result is a probability distribution (entries in [0, 1], sum 1)',
    points: 1,
    run: (impl) =>
      forAll(lineCases(finite(1e4)), (c) => {
        const { label, y } = run(impl, c);
        const p = y.data();
        for (const line of lines(c.x.shape, c.dim)) {
          const total = line.reduce((acc, i) => acc + p[i], 0);
          const bad = line.find((i) => !(p[i] >= 0 && p[i] <= 1));
          if (bad !== undefined || !(Math.abs(total - 1) <= 1e-6 * line.length)) {
            const values = `[${line.map((i) => num(p[i])).join(', ')}]`;
            throw new CheckFailure(`${label} gave the line ${values} along dim ${c.dim}, which sums to ${num(total)}; softmax gives probabilities in [0, 1] that sum to 1`);
          }
        }
      }),
  },
  {
    name: 'adding a constant to every score of a line leaves softmax unchanged',
    points: 1,
    run: (impl) =>
      forAll(fc.tuple(lineCases(moderate(10)), fc.integer({ min: -5000, max: 5000 })), ([c, shift]) => {
        const shifted: LineCase = { x: nd(c.x.shape, c.x.data.map((v) => v + shift)), dim: c.dim };
        const a = run(impl, c).y;
        const b = run(impl, shifted);
        if (firstMismatch(b.y.data(), a.data(), TOLERANCE) >= 0) {
          throw new CheckFailure(`${b.label} differs from softmax of the same scores without the +${shift}; softmax(x + c) must equal softmax(x)`);
        }
      }),
  },
  {
    name: 'a line of length 1 gives probability 1; empty batches give empty results',
    points: 1,
    run: (impl) =>
      forAll(lineCases(finite(1e4), { maxSize: 2, maxLine: 1 }), (c) => {
        const { label, y } = run(impl, c);
        expectClose(label, y, nd(c.x.shape, c.x.data.map(() => 1)), TOLERANCE);
      }, { examples: [{ x: nd([0, 3]), dim: 1 }, { x: nd([3, 1], [5, -1e4, 1e4]), dim: -1 }] }),
  },
]);
