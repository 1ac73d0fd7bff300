import { fc, test } from '@fast-check/vitest';
import { gradcheck, Variable } from '@gradschool/autograd';
import { type NestedArray, tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { bce, bceWithLogits, crossEntropy, mse, nll, type Reduction } from '../src/index.ts';

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

/** Rows of scores and a class per row. */
const classification = fc.integer({ min: 1, max: 5 }).chain((k) => fc.array(
  fc.tuple(fc.array(fc.double({ min: -50, max: 50, noNaN: true }), { minLength: k, maxLength: k }), fc.integer({ min: 0, max: k - 1 })),
  { minLength: 1, maxLength: 8 },
).map((rows) => ({ k, scores: rows.map((r) => r[0]), targets: rows.map((r) => r[1]) })));

const logSoftmaxRef = (row: number[]): number[] => {
  const top = Math.max(...row);
  const lse = top + Math.log(row.reduce((a, v) => a + Math.exp(v - top), 0));
  return row.map((v) => v - lse);
};
const classes = (targets: number[]) => tensor(targets, { dtype: 'int32' });

describe('crossEntropy and nll', () => {
  test.prop([classification, reduction], { numRuns: 60 })('crossEntropy is -log softmax(x)[y], and nll of logSoftmax is the same', ({ scores, targets }, r) => {
    const expected = reduceRef(scores.map((row, i) => -logSoftmaxRef(row)[targets[i]]), r);
    flat(crossEntropy(f64(scores), classes(targets), { reduction: r })).forEach((l, i) => near(l, expected[i]));
    flat(nll(f64(scores).logSoftmax(1), classes(targets), { reduction: r })).forEach((l, i) => near(l, expected[i]));
  });

  test.prop([classification], { numRuns: 50 })('the gradient of the mean is (softmax(x) - onehot(y)) / N', ({ scores, targets }) => {
    const x = leaf(f64(scores));
    crossEntropy(x, classes(targets)).backward();
    const n = scores.length;
    (x.grad!.toArray() as number[][]).forEach((row, i) => {
      const p = logSoftmaxRef(scores[i]).map(Math.exp);
      row.forEach((g, c) => near(g, (p[c] - (c === targets[i] ? 1 : 0)) / n));
    });
  });

  test.prop([classification.chain((c) => fc.record({ c: fc.constant(c), w: fc.array(fc.double({ min: 0.1, max: 5, noNaN: true }), { minLength: c.k, maxLength: c.k }) })), reduction], { numRuns: 40 })(
    'class weights scale each term, and the weighted mean divides by the weight of the targets', ({ c: { scores, targets }, w }, r) => {
      const terms = scores.map((row, i) => -w[targets[i]] * logSoftmaxRef(row)[targets[i]]);
      const total = terms.reduce((a, b) => a + b, 0);
      const expected = r === 'none' ? terms : r === 'sum' ? [total] : [total / targets.reduce((a, t) => a + w[t], 0)];
      flat(crossEntropy(f64(scores), classes(targets), { reduction: r, weight: f64(w) })).forEach((l, i) => near(l, expected[i]));
    });

  it('handles PyTorch\'s other shapes: [C] with a 0-d target, and [N, C, d] with [N, d]', () => {
    near(crossEntropy(f64([0, 0, 0]), tensor(0, { dtype: 'int32' })).item(), Math.log(3));
    const scores = f64([[[1, 2], [3, 4], [0, 0]]]); // N = 1, C = 3, d = 2
    const loss = crossEntropy(scores, tensor([[1, 2]], { dtype: 'int32' }), { reduction: 'none' });
    expect(loss.shape).toEqual([1, 2]);
    flat(loss).forEach((l, j) => near(l, -logSoftmaxRef([[1, 3, 0], [2, 4, 0]][j])[[1, 2][j]]));
  });

  it('stays finite when one score dwarfs the others', () => {
    near(crossEntropy(f64([[1000, 0, -1000]]), classes([2])).item(), 2000);
    near(crossEntropy(f64([[1000, 0, -1000]]), classes([0])).item(), 0);
  });

  it('says what is wrong with the targets', () => {
    expect(() => crossEntropy(tensor([[1, 2, 3]]), tensor([0, 1], { dtype: 'int32' }))).toThrow(
      'crossEntropy: scores [1,3] need targets of shape [1] (one class index per row), got [2]');
    expect(() => crossEntropy(tensor([[1, 2, 3]]), tensor([1]))).toThrow(
      'crossEntropy: targets must be class indices (int32), got float32; for probabilities per class use bce or mse');
    expect(() => nll(tensor([[1, 2, 3]]), tensor([3], { dtype: 'int32' }))).toThrow('nll: target 3 is not a class index for 3 classes (0..2)');
    expect(() => crossEntropy(tensor([[1, 2]]), tensor([1], { dtype: 'int32' }), { weight: tensor([1, 2, 3]) })).toThrow(
      'crossEntropy: weight must have shape [2] (one per class), got [3]');
  });
});
