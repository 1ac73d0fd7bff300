/**
 * 7.6 — the autoencoder's forward pass and reconstruction loss. Oracle: the autoencoder in
 * float64 (autoencoder-oracle.ts), gradients by the chain rule written out. Widths are drawn
 * with input ≠ code as often as not, so an untransposed weight shows; an empty batch comes up
 * for encode and decode. The energy and the loss are also differentiated: backward() from the
 * energies must reach y and ŷ with ∓2(y − ŷ) (the loss need not call reconstructionEnergy, so the
 * energy's own graph is checked on its own), and the loss's gradients with respect to the four
 * parameters must arrive, through encode and decode, where 7.7's training step needs them.
 * encode and decode are also differentiated on their own, backward() from their result with a
 * drawn upstream gradient g: the loss check pins their gradients with respect to the parameters
 * (and decode's with respect to the code, which the encoder's gradients pass through), but not
 * encode's with respect to its input x, which a code built from x.value drops — and which
 * descending the energy with respect to the data needs.
 * Results keep the dtype they are given (float64).
 */
import fc from 'fast-check';
import type { Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';
import type * as AutoEncoder from '#target/week7/7.6-autoencoder.ts';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { matmul, type Nd, nd, toTensor, transpose } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { show } from '../harness/show.ts';
import { type AutoEncoderNd, autoencoders, decodeNd, encodeNd, energiesNd, lossAndGradients, mapParameters, PARAMETERS, showParams } from './autoencoder-oracle.ts';
import { expectVariable, gradientOf, parameter, variable } from './variables.ts';

type M = typeof AutoEncoder;
type Params = AutoEncoder.AutoEncoderParams<Variable>;

interface Case {
  /** [n, input]: the (noisy) input. */
  x: Nd;
  /** [n, input]: the target. */
  y: Nd;
  /** [n, code]: a code to decode. */
  h: Nd;
  p: AutoEncoderNd;
  /** [n, code] and [n, input]: upstream gradients for backward() from encode's and decode's results. */
  gCode: Nd;
  gOut: Nd;
}

const cases = (minN: number): fc.Arbitrary<Case> =>
  fc.record({ n: fc.integer({ min: minN, max: 4 }), input: fc.integer({ min: 1, max: 5 }), code: fc.integer({ min: 1, max: 5 }) }).chain(({ n, input, code }) =>
    fc.record({
      x: ndOf([n, input], moderate(2)),
      y: ndOf([n, input], moderate(2)),
      h: ndOf([n, code], moderate(1)),
      p: autoencoders(input, code),
      gCode: ndOf([n, code], moderate(1)),
      gOut: ndOf([n, input], moderate(1)),
    }),
  );

/** A few products and a tanh of numbers ≤ 5: float64 is exact to ~1e-14; 1e-7 relative is loose, yet far below any mistake. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-7 };

const params = (p: AutoEncoderNd, make: (t: Tensor) => Variable): Params => mapParameters(p, (a) => make(toTensor(a)));

/** The parameters as call arguments, so that writing into them is caught. */
const paramArgs = (p: Params) => PARAMETERS.map((k) => ({ name: `params.${k}`, value: p[k].value }));

function forward(impl: M, name: 'encode' | 'decode', input: Nd, p: AutoEncoderNd, want: Nd): void {
  const v = variable(toTensor(input));
  const vp = params(p, (t) => variable(t));
  const arg = name === 'encode' ? 'x' : 'h';
  const args = [{ name: arg, value: v.value }, ...paramArgs(vp)];
  const label = `${name}(${arg}, params) with ${arg} = ${show(input)}, params = ${showParams(p)}`;
  const out = call(label, args, () => impl[name](v, vp));
  expectClose(label, expectVariable(label, out, want.shape, 'float64').value, want, TOLERANCE);
}

/**
 * What backward(g) from encode's or decode's result must leave on its input and its layer's two
 * parameters, by the chain rule written out in float64. encode: with h = tanh(x·W_encᵀ + b_enc),
 * the pre-activation gets d = g ⊙ (1 − h²), and x.grad = d·W_enc, W_enc.grad = dᵀ·x,
 * b_enc.grad = Σₙ d. decode: h.grad = g·W_dec, W_dec.grad = gᵀ·h, b_dec.grad = Σₙ g.
 */
function layerGradients(name: 'encode' | 'decode', input: Nd, p: AutoEncoderNd, g: Nd): [Nd, Nd, Nd] {
  const d = name === 'encode' ? nd(g.shape, g.data.map((v, i) => v * (1 - encodeNd(input, p).data[i] ** 2))) : g;
  const weight = name === 'encode' ? p.encoderWeight : p.decoderWeight;
  const sums = nd([d.shape[1]], Array.from({ length: d.shape[1] }, (_, j) => Array.from({ length: d.shape[0] }, (_, i) => d.data[i * d.shape[1] + j]).reduce((a, b) => a + b, 0)));
  return [matmul(d, weight), matmul(transpose(d), input), sums];
}

/**
 * backward(g) from encode's (decode's) own result, with its input and the parameters made by
 * parameter(...): the gradients must reach the input and the layer's weight and bias with the
 * chain rule's values. Sums of a few products of numbers ≤ 2, and a tanh: TOLERANCE holds.
 */
function backwardThrough(impl: M, name: 'encode' | 'decode', input: Nd, p: AutoEncoderNd, g: Nd): void {
  if (input.shape[0] === 0) return;
  const v = variable(toTensor(input), { requiresGrad: true });
  const vp = params(p, (t) => parameter(t));
  const arg = name === 'encode' ? 'x' : 'h';
  const args = [{ name: arg, value: v.value }, ...paramArgs(vp)];
  const label = `${name}(${arg}, params) with ${arg} = ${show(input)}, params = ${showParams(p)}`;
  const out = expectVariable(label, call(label, args, () => impl[name](v, vp)), g.shape, 'float64');
  const from = `${label}.backward(g) with g = ${show(g)}`;
  if (!out.requiresGrad) throw new CheckFailure(`${label} gave a Variable that no gradient flows back from: build it with the Variables' own ops, from ${arg} and the parameters`);
  call(from, args, () => out.backward(toTensor(g)));
  const [dInput, dWeight, dBias] = layerGradients(name, input, p, g);
  const [weight, bias] = name === 'encode' ? (['encoderWeight', 'encoderBias'] as const) : (['decoderWeight', 'decoderBias'] as const);
  expectClose(`after ${from}, ${arg}.grad`, gradientOf(from, v, arg), dInput, TOLERANCE, 'is');
  expectClose(`after ${from}, params.${weight}.grad`, gradientOf(from, vp[weight], `params.${weight}`), dWeight, TOLERANCE, 'is');
  expectClose(`after ${from}, params.${bias}.grad`, gradientOf(from, vp[bias], `params.${bias}`), dBias, TOLERANCE, 'is');
}

export const checks = defineChecks<M>([
  {
    name: 'encode is tanh(x·W_encᵀ + b_enc), one code per example',
    points: 2,
    run: (impl) =>
      forAll(cases(0), (c) => {
        forward(impl, 'encode', c.x, c.p, encodeNd(c.x, c.p));
        backwardThrough(impl, 'encode', c.x, c.p, c.gCode);
      }),
  },
  {
    name: 'decode is h·W_decᵀ + b_dec, a linear output',
    points: 2,
    run: (impl) =>
      forAll(cases(0), (c) => {
        forward(impl, 'decode', c.h, c.p, decodeNd(c.h, c.p));
        backwardThrough(impl, 'decode', c.h, c.p, c.gOut);
      }),
  },
  {
    name: 'reconstructionEnergy is ‖y − ŷ‖² per example, summed over the features, and backward() reaches y and ŷ',
    points: 2,
    run: (impl) =>
      forAll(cases(0), (c) => {
        const [y, yHat] = [variable(toTensor(c.y), { requiresGrad: true }), variable(toTensor(c.x), { requiresGrad: true })];
        const args = [{ name: 'y', value: y.value }, { name: 'reconstruction', value: yHat.value }];
        const label = describeCall('reconstructionEnergy', args);
        const want = energiesNd(c.y, c.x);
        const energy = expectVariable(label, call(label, args, () => impl.reconstructionEnergy(y, yHat)), want.shape, 'float64');
        expectClose(label, energy.value, want, TOLERANCE);
        if (c.y.shape[0] === 0) return;
        // backward() from the energies with weights g: y gets 2g(y − ŷ), ŷ gets −2g(y − ŷ), row by row
        const g = nd([c.y.shape[0]], Array.from({ length: c.y.shape[0] }, (_, i) => 1 + i / 2));
        const from = `${label}.backward(g) with g = ${show(g)}`;
        if (!energy.requiresGrad) throw new CheckFailure(`${label} gave a Variable that no gradient flows back from: build it with the Variables' own ops on y and the reconstruction`);
        call(from, args, () => energy.backward(toTensor(g)));
        const width = c.y.shape[1];
        const dy = nd(c.y.shape, c.y.data.map((v, i) => 2 * g.data[Math.floor(i / width)] * (v - c.x.data[i])));
        expectClose(`after ${from}, y.grad`, gradientOf(from, y, 'y'), dy, TOLERANCE, 'is');
        expectClose(`after ${from}, reconstruction.grad`, gradientOf(from, yHat, 'reconstruction'), nd(dy.shape, dy.data.map((v) => -v)), TOLERANCE, 'is');
      }),
  },
  {
    name: 'reconstructionLoss is the batch mean of the energies, and its gradients reach all four parameters',
    points: 3,
    run: (impl) =>
      forAll(cases(1), (c) => {
        const vp = params(c.p, (t) => parameter(t));
        const [x, y] = [variable(toTensor(c.x)), variable(toTensor(c.y))];
        const args = [{ name: 'y', value: y.value }, { name: 'x', value: x.value }, ...paramArgs(vp)];
        const label = `reconstructionLoss(y, decode(encode(x, params), params)) with y = ${show(c.y)}, x = ${show(c.x)}, params = ${showParams(c.p)}`;
        const want = lossAndGradients(c.p, c.x, c.y);
        const loss = expectVariable(label, call(label, args, () => impl.reconstructionLoss(y, impl.decode(impl.encode(x, vp), vp))), [], 'float64');
        expectClose(label, loss.value, nd([], [want.loss]), TOLERANCE);
        if (!loss.requiresGrad) throw new CheckFailure(`${label} gave a Variable that no gradient flows back from: build it with the Variables' own ops, from the parameters it depends on`);
        call(`${label}.backward()`, args, () => loss.backward());
        for (const k of PARAMETERS) expectClose(`after ${label}.backward(), params.${k}.grad`, gradientOf(`${label}.backward()`, vp[k], `params.${k}`), want.grads[k], TOLERANCE, 'is');
      }),
  },
]);
