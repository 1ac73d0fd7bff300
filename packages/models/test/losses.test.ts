import { fc, test } from '@fast-check/vitest';
import { gradcheck, Variable } from '@gradschool/autograd';
import { type NestedArray, tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { bce, bceWithLogits, mse, type Reduction } from '../src/index.ts';

const flat = (t: Tensor | Variable): number[] => Array.from(t.data());
const f64 = (values: NestedArray) => tensor(values, { dtype: 'float64' });
const leaf = (t: Tensor) => new Variable(t, { requiresGrad: true });
const reduction = fc.constantFrom<Reduction>('none', 'mean', 'sum');
/** The float64 reference reduced as PyTorch does. */
const reduceRef = (values: number[], r: Reduction): number[] =>
  r === 'none' ? values : r === 'sum' ? [values.reduce((a, b) => a + b, 0)] : [values.reduce((a, b) => a + b, 0) / values.length];
/** |a - b| small relative to the size of the numbers compared (float64 arithmetic on both sides). */
const near = (a: number, b: number, tol = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));

const pairs = (gen: fc.Arbitrary<number>, tgt: fc.Arbitrary<number>) => fc.array(fc.tuple(gen, tgt), { minLength: 1, maxLength: 12 });

describe('mse', () => {
  const v = fc.double({ min: -1e3, max: 1e3, noNaN: true });
  test.prop([pairs(v, v), reduction], { numRuns: 50 })('is (x - y)² reduced, with gradient 2(x - y)/n for the mean', (xy, r) => {
    const [xs, ys] = [xy.map((p) => p[0]), xy.map((p) => p[1])];
    const x = leaf(f64(xs));
    const loss = mse(x, f64(ys), { reduction: r });
    flat(loss).forEach((l, i) => near(l, reduceRef(xs.map((a, j) => (a - ys[j]) ** 2), r)[i]));
    if (r === 'mean') {
      loss.backward();
      flat(x.grad!).forEach((g, i) => near(g, (2 * (xs[i] - ys[i])) / xs.length));
    }
  });

  it('refuses shapes that would broadcast, and an unknown reduction', () => {
    expect(() => mse(tensor([[1], [2]]), tensor([1, 2]))).toThrow(
      'mse: input [2,1] and target [2] must have the same shape (broadcasting them would compare every pair)');
    expect(() => mse(tensor([1]), tensor([1]), { reduction: 'avg' as Reduction })).toThrow("mse: reduction must be 'none', 'mean' or 'sum', got 'avg'");
  });
});

describe('bce', () => {
  const ref = (p: number, y: number) => -(y * Math.max(Math.log(p), -100) + (1 - y) * Math.max(Math.log(1 - p), -100));
  const prob = fc.double({ min: 0, max: 1, noNaN: true });
  test.prop([pairs(prob, prob), reduction], { numRuns: 50 })('is -[y log p + (1-y) log(1-p)], logs clamped at -100', (py, r) => {
    const [ps, ys] = [py.map((q) => q[0]), py.map((q) => q[1])];
    flat(bce(f64(ps), f64(ys), { reduction: r })).forEach((l, i) => near(l, reduceRef(ps.map((p, j) => ref(p, ys[j])), r)[i]));
  });

  test.prop([pairs(prob, prob)], { numRuns: 50 })("has PyTorch's gradient (p - y) / max(p(1-p), 1e-12), finite even at p = 0 or 1", (py) => {
    const [ps, ys] = [py.map((q) => q[0]), py.map((q) => q[1])];
    const p = leaf(f64(ps));
    bce(p, f64(ys), { reduction: 'sum' }).backward();
    flat(p.grad!).forEach((g, i) => near(g, (ps[i] - ys[i]) / Math.max(ps[i] * (1 - ps[i]), 1e-12)));
  });

  test.prop([pairs(fc.double({ min: 0.01, max: 0.99, noNaN: true }), prob)], { numRuns: 30 })('agrees with central differences in p and in y', (py) => {
    const result = gradcheck((p, y) => bce(p, y), [f64(py.map((q) => q[0])), f64(py.map((q) => q[1]))]);
    expect(result.ok, result.message).toBe(true);
  });

  it('matches values PyTorch documents: a certain mistake costs 100, a coin flip log 2', () => {
    expect(flat(bce(f64([0, 1, 0.5]), f64([1, 0, 1]), { reduction: 'none' }))).toEqual([100, 100, Math.LN2]);
  });

  it('refuses numbers that are not probabilities, pointing to bceWithLogits', () => {
    expect(() => bce(tensor([0.5, 1.5]), tensor([1, 0]))).toThrow(
      'bce: input must hold probabilities in [0, 1], found 1.5; pass raw scores (logits) to bceWithLogits instead');
  });
});

describe('bceWithLogits', () => {
  /** log(1 + e^-x) without overflow, in float64. */
  const softplusNeg = (x: number) => (x > 0 ? Math.log1p(Math.exp(-x)) : -x + Math.log1p(Math.exp(x)));
  const ref = (x: number, y: number) => (1 - y) * x + softplusNeg(x);
  const logit = fc.oneof(fc.double({ min: -20, max: 20, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true }));
  const target = fc.double({ min: 0, max: 1, noNaN: true });

  test.prop([pairs(logit, target), reduction], { numRuns: 60 })('is (1 - y)x + log(1 + e^-x), finite for huge |x|, with gradient σ(x) - y', (xy, r) => {
    const [xs, ys] = [xy.map((q) => q[0]), xy.map((q) => q[1])];
    const x = leaf(f64(xs));
    const loss = bceWithLogits(x, f64(ys), { reduction: r });
    flat(loss).forEach((l, i) => near(l, reduceRef(xs.map((a, j) => ref(a, ys[j])), r)[i]));
    loss.sum().backward();
    const scale = r === 'mean' ? 1 / xs.length : 1;
    flat(x.grad!).forEach((g, i) => near(g, scale * (1 / (1 + Math.exp(-xs[i])) - ys[i])));
  });

  test.prop([pairs(fc.double({ min: -8, max: 8, noNaN: true }), target)], { numRuns: 30 })('equals bce of the sigmoid where both are finite', (xy) => {
    const [xs, ys] = [xy.map((q) => q[0]), xy.map((q) => q[1])];
    const p = f64(xs).sigmoid();
    near(bceWithLogits(f64(xs), f64(ys)).item(), bce(p, f64(ys)).item(), 1e-9);
  });

  it('takes the derivative at x = 0 from σ, not from a kink', () => {
    const x = leaf(f64([0, 0]));
    bceWithLogits(x, f64([0, 1]), { reduction: 'sum' }).backward();
    expect(flat(x.grad!)).toEqual([0.5, -0.5]);
  });
});
