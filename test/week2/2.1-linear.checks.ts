/**
 * 2.1 — linear layer. Oracles: the textbook triple loop in float64 for y = x·Wᵀ + b and for
 * the three gradients written out by hand; shapes are drawn non-square (in ≠ out ≠ N), N = 1
 * included, so a transposed gradient or a missing sum over the batch shows. The empty batch
 * (N = 0) has a check of its own, so that the other checks' counterexamples shrink to the real
 * mistake rather than to the empty edge. Inputs are float64, and so must every result be.
 */
import fc from 'fast-check';
import type * as Linear from '#target/week2/2.1-linear.ts';
import { finite, moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { map, matmul, type Nd, nd, toTensor, transpose } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';

type M = typeof Linear;

interface Layer {
  x: Nd;
  weight: Nd;
  bias: Nd;
  /** dL/dy, the upstream gradient. */
  g: Nd;
}

const layers: fc.Arbitrary<Layer> = fc
  .record({ n: fc.integer({ min: 1, max: 4 }), inF: fc.integer({ min: 1, max: 5 }), outF: fc.integer({ min: 1, max: 5 }) })
  .chain(({ n, inF, outF }) =>
    fc.record({
      x: ndOf([n, inF], finite(100)),
      weight: ndOf([outF, inF], moderate()),
      bias: ndOf([outF], moderate()),
      g: ndOf([n, outF], moderate()),
    }),
  );

/** Sums of a few float64 products: rounding is far below 1e-6 of the terms' size (float32 intermediates would pass too; the dtype is checked on its own). */
const tolerance = (scale: Nd): Tolerance => ({ abs: 1e-9, rel: 1e-6, scale: scale.data });
const abs = (a: Nd): Nd => map(a, Math.abs);

/** Column sums of an [N, out] array: what a bias broadcast over N rows receives. */
function columnSums(a: Nd): Nd {
  const [n, out] = a.shape;
  const s = nd([out]);
  for (let i = 0; i < n; i++) for (let j = 0; j < out; j++) s.data[j] += a.data[i * out + j];
  return s;
}

function forward(impl: M, l: Layer) {
  const args = [
    { name: 'x', value: toTensor(l.x) },
    { name: 'weight', value: toTensor(l.weight) },
    { name: 'bias', value: toTensor(l.bias) },
  ];
  const label = describeCall('linearForward', args);
  return { label, y: call(label, args, () => impl.linearForward(args[0].value, args[1].value, args[2].value)) };
}

function backward(impl: M, l: Layer) {
  const args = [
    { name: 'x', value: toTensor(l.x) },
    { name: 'weight', value: toTensor(l.weight) },
    { name: 'gradOutput', value: toTensor(l.g) },
  ];
  const label = describeCall('linearBackward', args);
  const grads = call(label, args, () => impl.linearBackward(args[0].value, args[1].value, args[2].value));
  return { label, grads: (grads ?? {}) as Partial<Record<'x' | 'weight' | 'bias', unknown>> };
}

export const checks = defineChecks<M>([
  {
    name: 'linearForward computes y = x·Wᵀ + b',
    points: 3,
    run: (impl) =>
      forAll(layers, (l) => {
        const { label, y } = forward(impl, l);
        const xw = matmul(l.x, transpose(l.weight));
        const [n, outF] = xw.shape;
        const want = nd(xw.shape, xw.data.map((v, i) => v + l.bias.data[i % outF]));
        const scale = matmul(abs(l.x), transpose(abs(l.weight)));
        expectClose(label, expectTensor(label, y, [n, outF], 'a Tensor', 'float64'), want, tolerance(scale));
      }),
  },
  {
    name: 'linearBackward: dL/dx = dL/dy·W, shaped like x',
    points: 3,
    run: (impl) =>
      forAll(layers, (l) => {
        const { label, grads } = backward(impl, l);
        const got = expectTensor(`${label}.x`, grads.x, l.x.shape, 'dL/dx, a Tensor', 'float64');
        expectClose(`${label}.x`, got, matmul(l.g, l.weight), tolerance(matmul(abs(l.g), abs(l.weight))));
      }),
  },
  {
    name: 'linearBackward: dL/dW = (dL/dy)ᵀ·x, shaped like W',
    points: 3,
    run: (impl) =>
      forAll(layers, (l) => {
        const { label, grads } = backward(impl, l);
        const got = expectTensor(`${label}.weight`, grads.weight, l.weight.shape, 'dL/dW, a Tensor', 'float64');
        const gt = transpose(l.g);
        expectClose(`${label}.weight`, got, matmul(gt, l.x), tolerance(matmul(abs(gt), abs(l.x))));
      }),
  },
  {
    name: 'linearBackward: dL/db sums dL/dy over the batch, shaped like b',
    points: 2,
    run: (impl) =>
      forAll(layers, (l) => {
        const { label, grads } = backward(impl, l);
        const got = expectTensor(`${label}.bias`, grads.bias, l.bias.shape, 'dL/db, a Tensor', 'float64');
        expectClose(`${label}.bias`, got, columnSums(l.g), tolerance(columnSums(abs(l.g))));
      }),
  },
  {
    name: 'an empty batch (N = 0) gives an empty y and dL/dx, and zero dL/dW and dL/db',
    points: 1,
    run: (impl) =>
      forAll(layers.map((l) => ({ ...l, x: nd([0, l.x.shape[1]]), g: nd([0, l.g.shape[1]]) })), (l) => {
        // the same layer, first with its one-row batch: zeros of the right shapes alone earn nothing
        const one: Layer = { ...l, x: nd([1, l.x.shape[1]], l.weight.data.slice(0, l.x.shape[1])), g: nd([1, l.g.shape[1]], l.bias.data) };
        const { label: first, grads: g1 } = backward(impl, one);
        const dW = expectTensor(`${first}.weight`, g1.weight, l.weight.shape, 'dL/dW, a Tensor', 'float64');
        expectClose(`${first}.weight`, dW, matmul(transpose(one.g), one.x), tolerance(matmul(transpose(abs(one.g)), abs(one.x))));
        const { label, y } = forward(impl, l);
        expectTensor(label, y, [0, l.weight.shape[0]], 'a Tensor', 'float64');
        const { label: back, grads } = backward(impl, l);
        expectTensor(`${back}.x`, grads.x, l.x.shape, 'dL/dx, a Tensor', 'float64');
        expectClose(`${back}.weight`, expectTensor(`${back}.weight`, grads.weight, l.weight.shape, 'dL/dW, a Tensor', 'float64'), nd(l.weight.shape), tolerance(nd(l.weight.shape)));
        expectClose(`${back}.bias`, expectTensor(`${back}.bias`, grads.bias, l.bias.shape, 'dL/db, a Tensor', 'float64'), nd(l.bias.shape), tolerance(nd(l.bias.shape)));
      }, { numRuns: 10 }),
  },
]);
