/**
 * Known derivatives from the course (week 2: softmax and logsoftmax), checked against formulas
 * computed independently in float64 from the raw numbers, including inputs whose exp overflows.
 */
import { fc, test } from '@fast-check/vitest';
import { oneHot, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { jacobian, parameter, variable } from '../src/index.ts';
import { numRuns, seedArb } from './arbitraries.ts';

/** Softmax of plain numbers, shifted by the max (the oracle, written without the library). */
function softmaxRef(x: number[]): number[] {
  const m = Math.max(...x);
  const e = x.map((v) => Math.exp(v - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

const logitsArb = fc.record({
  values: fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 6 }),
  shift: fc.constantFrom(0, 1e4, -1e4, 3e38), // shifts that make a naive exp overflow or underflow
});

/** Close in absolute terms to float64 rounding of numbers of size 1 after a shift of s (about s · 2^-52). */
const closeTo = (got: ArrayLike<number>, want: number[], tol: number) =>
  want.forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(tol));

describe('softmax family closed forms', () => {
  test.prop([logitsArb], { numRuns })('d softmax_i / d x_j = s_i (δ_ij - s_j)', ({ values }) => {
    const s = softmaxRef(values);
    const J = jacobian((x) => x.softmax(), tensor(values, { dtype: 'float64' })).data();
    const n = values.length;
    // the entries are products of numbers in [0, 1]: 1e-14 is ~100 float64 roundings
    closeTo(J, s.flatMap((si, i) => s.map((sj, j) => si * ((i === j ? 1 : 0) - sj))), 1e-14 * n);
  });

  test.prop([logitsArb, seedArb], { numRuns })('cross-entropy gradient is softmax - onehot, even for huge logits', ({ values, shift }, seed) => {
    const target = seed % values.length;
    const shifted = values.map((v) => v + shift);
    const x = parameter(tensor(shifted, { dtype: 'float64' }));
    const loss = x.logSoftmax().mul(oneHot(tensor([target], { dtype: 'int32' }), values.length).to('float64').reshape(-1)).sum().neg();
    loss.backward();
    const s = softmaxRef(shifted);
    // softmax is computed from x - max(x); two logits within a factor 2 of each other subtract exactly
    // (Sterbenz), so after a shift the gradient is as accurate as without: a few roundings of numbers <= 1
    closeTo(x.grad!.data(), s.map((p, i) => p - (i === target ? 1 : 0)), 1e-14);
  });

  test.prop([logitsArb], { numRuns })('logsumexp\'s gradient is softmax, finite for huge and very negative inputs', ({ values, shift }) => {
    const x = parameter(tensor(values.map((v) => v - shift), { dtype: 'float64' }));
    x.logsumexp().backward();
    closeTo(x.grad!.data(), softmaxRef(values.map((v) => v - shift)), 1e-14);
  });

  it('float32 logits of 1e4 still give a finite softmax gradient', () => {
    const x = parameter([10000, 10001, 9999]);
    x.softmax().mul(tensor([1, 0, 0])).sum().backward();
    const s = softmaxRef([0, 1, -1]);
    // float32: 1e-6 is a few ulps of numbers below 1
    closeTo(x.grad!.data(), [s[0] * (1 - s[0]), -s[0] * s[1], -s[0] * s[2]], 1e-6);
  });
});

describe('activation closed forms', () => {
  test.prop([fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 8 })], { numRuns })(
    'tanh\' = 1 - tanh², sigmoid\' = σ(1 - σ)',
    (values) => {
      const x = parameter(tensor(values, { dtype: 'float64' }));
      x.tanh().add(x.sigmoid()).sum().backward();
      const sig = (v: number) => 1 / (1 + Math.exp(-v));
      // both terms are at most 1.25 and computed in a few float64 ops: 1e-14 is tens of roundings
      closeTo(x.grad!.data(), values.map((v) => 1 - Math.tanh(v) ** 2 + sig(v) * (1 - sig(v))), 1e-14);
    },
  );

  it('mean squared error has gradient 2(ŷ - y)/n', () => {
    const yhat = parameter([1, 2, 4]);
    const y = variable([1, 3, 1]);
    yhat.sub(y).square().mean().backward();
    expect(yhat.grad?.toArray()).toEqual([0, -2 / 3, 2].map(Math.fround));
  });
});
