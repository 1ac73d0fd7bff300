/**
 * 2.3 — stable softmax. Oracle: the float64 softmax of each line with its max subtracted
 * (softmax-family.ts). Inputs reach ±10 000, where exp overflows, and the classic traps are
 * always tried first: [1000, 1000], [−1000, −1000] and rows of very different scale. Lines of
 * length 1 and empty batches come up among the generated shapes, and are always tried. Every
 * check compares with the oracle, so an answer that is merely well-formed (all 1/C, say) earns
 * nothing. Inputs are float64, and so must the result be.
 */
import fc from 'fast-check';
import type * as Softmax from '#target/week2/2.3-softmax.ts';
import { finite, moderate } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { show } from '../harness/show.ts';
import { type LineCase, lineCases, softmaxNd } from './softmax-family.ts';

type M = typeof Softmax;

/** Probabilities in [0, 1]: float64 work is exact to ~1e-16; 1e-6 still accepts float32 intermediates (the result's dtype is checked on its own). */
const TOLERANCE: Tolerance = { abs: 1e-6, rel: 1e-6 };

function run(impl: M, c: LineCase, withDim = true) {
  const x = toTensor(c.x);
  const args = withDim ? [{ name: 'x', value: x }, { name: 'dim', value: c.dim }] : [{ name: 'x', value: x }];
  const label = describeCall('softmax', args);
  const out = call(label, args, () => (withDim ? impl.softmax(x, c.dim) : impl.softmax(x)));
  return { label, y: expectTensor(label, out, c.x.shape, 'a Tensor', 'float64') };
}

const oracle = (impl: M, c: LineCase, withDim = true): void => {
  const { label, y } = run(impl, c, withDim);
  expectClose(label, y, softmaxNd(c.x, withDim ? c.dim : -1), TOLERANCE);
};

const row = (...v: number[]): LineCase => ({ x: nd([1, v.length], v), dim: -1 });
/** A line of length 1 (probability 1) and an empty batch (no lines at all). */
const EDGES: LineCase[] = [{ x: nd([2, 1], [3, -7]), dim: 1 }, { x: nd([0, 3]), dim: -1 }];

export const checks = defineChecks<M>([
  {
    name: 'softmax of moderate scores along the last dim (the default)',
    points: 2,
    run: (impl) => forAll(lineCases(moderate(10), { dim: -1 }), (c) => oracle(impl, c, false)),
  },
  {
    name: 'softmax along any dim, negative dims counting from the end',
    points: 2,
    run: (impl) => forAll(lineCases(moderate(10)), (c) => oracle(impl, c), { examples: EDGES }),
  },
  {
    name: 'softmax stays finite for huge scores: softmax([1000, 1000]) = [0.5, 0.5]',
    points: 4,
    run: (impl) =>
      forAll(lineCases(finite(1e4)), (c) => oracle(impl, c), {
        examples: [row(1000, 1000), row(-1000, -1000), { x: nd([2, 2], [1000, 999, -1000, -1001]), dim: 1 }],
      }),
  },
  {
    name: 'softmax(x + c) = softmax(x) for a constant c added to every score of a line, however large',
    points: 2,
    run: (impl) =>
      forAll(fc.tuple(lineCases(moderate(10)), fc.integer({ min: -5000, max: 5000 })), ([c, shift]) => {
        const { label, y } = run(impl, { x: nd(c.x.shape, c.x.data.map((v) => v + shift)), dim: c.dim });
        expectClose(`${label} (the scores ${show(c.x)} shifted by ${shift})`, y, softmaxNd(c.x, c.dim), TOLERANCE);
      }),
  },
]);
