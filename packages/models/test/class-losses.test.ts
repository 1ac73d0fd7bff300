import { fc, test } from '@fast-check/vitest';
import { Variable } from '@gradschool/autograd';
import { tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { crossEntropy, type CrossEntropyOptions, nll, type Reduction } from '../src/index.ts';

const flat = (t: Tensor | Variable): number[] => Array.from(t.data());
const leaf = (t: Tensor) => new Variable(t, { requiresGrad: true });
/**
 * |a - b| <= tol · max(1, |b|), NaN only where the reference is NaN. Both sides are float64 and
 * every loss term is >= 0 (weights > 0, -log p >= 0), so sums do not cancel: the 1e-12 default
 * leaves a thousand ulps of room for summing in another order.
 */
function near(a: number, b: number, tol = 1e-12): void {
  if (Number.isNaN(b)) expect(a).toBeNaN();
  else expect(Math.abs(a - b)).toBeLessThanOrEqual(tol * Math.max(1, Math.abs(b)));
}

const logSoftmaxRef = (row: number[]): number[] => {
  const top = Math.max(...row);
  const lse = top + Math.log(row.reduce((a, v) => a + Math.exp(v - top), 0));
  return row.map((v) => v - lse);
};
const sumOf = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
/**
 * log p = x - logsumexp(x) loses a few ulps of |x| to cancellation (2.2e-16·|x| each), on both
 * sides and differently: with scores up to 1e4, at most 4 classes and weights up to 5 that is
 * under 1e-10 absolute, so the tolerance grows with the largest |score|.
 */
const tolFor = (scores: number[]) => 1e-12 * Math.max(1, ...scores.map(Math.abs));
/** Evenly spread in [min, max] (fc.double favours tiny numbers: most doubles in [0, 1] are below 1e-10). */
const uniform = (min: number, max: number) => fc.integer({ min: 0, max: 2 ** 20 }).map((k) => min + ((max - min) * k) / 2 ** 20);

/**
 * The scores' layout: [C] (one example, a 0-d target), or [N, C, d1, ...]. `rows` is the count
 * of class vectors (N·d1·…), each a row of the float64 reference.
 */
interface Layout { shape: number[]; targetShape: number[]; classes: number; rows: number; spatial: number }
const layout: fc.Arbitrary<Layout> = fc.record({
  batch: fc.option(fc.integer({ min: 0, max: 3 }), { nil: null }),
  classes: fc.integer({ min: 1, max: 4 }),
  dims: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }),
}).map(({ batch, classes, dims }) => {
  if (batch === null) return { shape: [classes], targetShape: [], classes, rows: 1, spatial: 1 };
  const spatial = dims.reduce((a, b) => a * b, 1);
  return { shape: [batch, classes, ...dims], targetShape: [batch, ...dims], classes, rows: batch * spatial, spatial };
});
/** Row r = (n, j) of a flat [N, C, D] array, as the class vector the loss sees. */
const rowsOf = (flatScores: number[], l: Layout): number[][] => Array.from({ length: l.rows }, (_, r) => {
  const [n, j] = [Math.floor(r / l.spatial), r % l.spatial];
  return Array.from({ length: l.classes }, (_, c) => flatScores[(n * l.classes + c) * l.spatial + j]);
});
const scoresFor = (l: Layout, value = fc.oneof(fc.double({ min: -50, max: 50, noNaN: true }), fc.double({ min: -1e4, max: 1e4, noNaN: true }))) =>
  fc.array(value, { minLength: l.rows * l.classes, maxLength: l.rows * l.classes });
const f64 = (values: number[], shape: number[]) => tensor(values, { dtype: 'float64' }).reshape(shape);
const int32 = (values: number[], shape: number[]) => tensor(values, { dtype: 'int32' }).reshape(shape);

const reduction = fc.constantFrom<Reduction>('none', 'mean', 'sum');
const smoothing = fc.oneof(fc.constantFrom(0, 1), uniform(0, 1));
const weightsFor = (l: Layout) => fc.option(fc.array(uniform(0.1, 5), { minLength: l.classes, maxLength: l.classes }), { nil: undefined });

interface IndexCase { l: Layout; scores: number[]; targets: number[]; ignoreIndex?: number; weight?: number[] }
/** Class-index targets, some of them equal to ignoreIndex when there is one: in range or not. */
const indexCase: fc.Arbitrary<IndexCase> = layout.chain((l) => fc.option(fc.oneof(fc.constantFrom(-100, -1, 255), fc.integer({ min: 0, max: l.classes - 1 })), { nil: undefined })
  .chain((ignoreIndex) => {
    const cls = fc.integer({ min: 0, max: l.classes - 1 });
    return fc.record({
      l: fc.constant(l),
      scores: scoresFor(l),
      targets: fc.array(ignoreIndex === undefined ? cls : fc.oneof(cls, fc.constant(ignoreIndex)), { minLength: l.rows, maxLength: l.rows }),
      ignoreIndex: fc.constant(ignoreIndex),
      weight: weightsFor(l),
    });
  }));

/**
 * PyTorch's cross_entropy with class indices, term by term as its source writes it
 * (aten/src/ATen/native/LossNLL.cpp, cross_entropy_loss_label_smoothing): the nll term and the
 * smoothing term are each reduced, 'mean' dividing both by the kept targets' total weight, then
 * mixed as (1 - ε)·nll + (ε/C)·smooth. `logProbsOf` is logSoftmax for crossEntropy, the
 * identity for nll. Also returns, per row, a_c = ∂ℓ_n/∂(-log p_c), the weight of each class in
 * the row's loss, and the divisor of 'mean'.
 */
function indexRef(k: IndexCase, eps: number, r: Reduction, logProbsOf: (row: number[]) => number[]) {
  const C = k.l.classes;
  const w = (c: number) => (k.weight ? k.weight[c] : 1);
  const rows = rowsOf(k.scores, k.l).map((row, n) => {
    const [lp, y] = [logProbsOf(row), k.targets[n]];
    if (y === k.ignoreIndex) return { nll: 0, smooth: 0, weight: 0, a: lp.map(() => 0) };
    return {
      nll: -w(y) * lp[y],
      smooth: -sumOf(lp.map((v, c) => w(c) * v)),
      weight: w(y),
      a: lp.map((_, c) => (1 - eps) * (c === y ? w(y) : 0) + (eps / C) * w(c)),
    };
  });
  const divisor = r === 'mean' ? sumOf(rows.map((x) => x.weight)) : 1;
  const reduced = (terms: number[]) => (r === 'none' ? terms : [sumOf(terms) / divisor]);
  const [nllPart, smoothPart] = [reduced(rows.map((x) => x.nll)), reduced(rows.map((x) => x.smooth))];
  return { loss: nllPart.map((v, i) => (1 - eps) * v + (eps / C) * smoothPart[i]), a: rows.map((x) => x.a), divisor };
}

/**
 * The gradient of Σ_n ℓ_n / divisor in the logits, where ℓ_n = Σ_c a_c·(-log softmax(x)_c):
 * (softmax(x)_c·Σ_k a_k - a_c) / divisor, the closed form that gives softmax - onehot for plain
 * cross-entropy. A row with every a_c = 0 (skipped) gets 0, even when the divisor is 0.
 */
function expectLogitGradient(x: Variable, k: { l: Layout; scores: number[] }, a: number[][], divisor: number): void {
  const tol = tolFor(k.scores);
  const got = rowsOf(flat(x.grad!), k.l);
  rowsOf(k.scores, k.l).forEach((row, n) => {
    const p = logSoftmaxRef(row).map(Math.exp);
    const total = sumOf(a[n]);
    got[n].forEach((g, c) => near(g, total === 0 ? 0 : (p[c] * total - a[n][c]) / divisor, tol));
  });
}

describe('crossEntropy with class indices', () => {
  test.prop([indexCase, smoothing, reduction], { numRuns: 80 })(
    "is PyTorch's (1 - ε)·nll + (ε/C)·Σ_c w_c(-log p_c), skipped targets costing 0 and left out of the mean", (k, eps, r) => {
      const x = leaf(f64(k.scores, k.l.shape));
      const opts: CrossEntropyOptions = { reduction: r, labelSmoothing: eps, ignoreIndex: k.ignoreIndex, weight: k.weight && tensor(k.weight, { dtype: 'float64' }) };
      const loss = crossEntropy(x, int32(k.targets, k.l.targetShape), opts);
      const want = indexRef(k, eps, r, logSoftmaxRef);
      expect(loss.shape).toEqual(r === 'none' ? k.l.targetShape : []);
      flat(loss).forEach((v, i) => near(v, want.loss[i], tolFor(k.scores)));
      loss.sum().backward();
      expectLogitGradient(x, k, want.a, want.divisor);
    });

  test.prop([indexCase.filter((k) => k.l.rows > 0), reduction], { numRuns: 40 })('nll picks -w_y·log p_y from given log-probabilities, with the same skipping and weighting', (k, r) => {
    const logProbs = k.scores.map((v) => -Math.abs(v));
    const loss = nll(f64(logProbs, k.l.shape), int32(k.targets, k.l.targetShape), { reduction: r, ignoreIndex: k.ignoreIndex, weight: k.weight && tensor(k.weight, { dtype: 'float64' }) });
    flat(loss).forEach((v, i) => near(v, indexRef({ ...k, scores: logProbs }, 0, r, (row) => row).loss[i]));
  });

  it('gives NaN for the mean when every target is skipped (0/0, as PyTorch), 0 for the sum, and a zero gradient', () => {
    const x = leaf(tensor([[1, 2, 3], [4, 5, 6]], { dtype: 'float64' }));
    const skipped = tensor([-1, -1], { dtype: 'int32' });
    expect(crossEntropy(x, skipped, { ignoreIndex: -1 }).item()).toBeNaN();
    expect(crossEntropy(x, skipped, { ignoreIndex: -1, reduction: 'sum', labelSmoothing: 0.1 }).item()).toBe(0);
    crossEntropy(x, skipped, { ignoreIndex: -1, labelSmoothing: 0.1 }).backward();
    expect(flat(x.grad!)).toEqual([0, 0, 0, 0, 0, 0]);
  });

  it('costs exactly 0 for a skipped row even where its log-probability is -∞', () => {
    const logProbs = leaf(tensor([[-Infinity, 0], [-Infinity, -2]], { dtype: 'float64' }));
    const loss = nll(logProbs, tensor([0, 1], { dtype: 'int32' }), { ignoreIndex: 0, reduction: 'none' });
    expect(flat(loss)).toEqual([0, 2]);
    loss.sum().backward();
    expect(flat(logProbs.grad!)).toEqual([0, 0, 0, -1]);
  });

  it('handles PyTorch\'s other shapes: [C] with a 0-d target, and [N, C, d] with [N, d]', () => {
    near(crossEntropy(tensor([0, 0, 0], { dtype: 'float64' }), tensor(0, { dtype: 'int32' })).item(), Math.log(3));
    const scores = tensor([[[1, 2], [3, 4], [0, 0]]], { dtype: 'float64' }); // N = 1, C = 3, d = 2
    const loss = crossEntropy(scores, tensor([[1, 2]], { dtype: 'int32' }), { reduction: 'none' });
    expect(loss.shape).toEqual([1, 2]);
    flat(loss).forEach((l, j) => near(l, -logSoftmaxRef([[1, 3, 0], [2, 4, 0]][j])[[1, 2][j]]));
  });

  it('stays finite when one score dwarfs the others', () => {
    const scores = tensor([[1000, 0, -1000]], { dtype: 'float64' });
    near(crossEntropy(scores, tensor([2], { dtype: 'int32' })).item(), 2000);
    near(crossEntropy(scores, tensor([0], { dtype: 'int32' })).item(), 0);
  });
});

interface ProbabilityCase { l: Layout; scores: number[]; probs: number[]; weight?: number[] }
const probabilityCase: fc.Arbitrary<ProbabilityCase> = layout.chain((l) => fc.record({
  l: fc.constant(l),
  scores: scoresFor(l),
  probs: scoresFor(l, fc.oneof(uniform(0, 1), fc.constantFrom(0, 1), fc.double({ min: 0, max: 1, noNaN: true }))),
  weight: weightsFor(l),
}));

describe('crossEntropy with class probabilities', () => {
  test.prop([probabilityCase, smoothing, reduction], { numRuns: 80 })(
    "is PyTorch's -Σ_c w_c·t_c·log p_c with t ← (1 - ε)t + ε/C, the mean dividing by the number of rows", (k, eps, r) => {
      const C = k.l.classes;
      const x = leaf(f64(k.scores, k.l.shape));
      const loss = crossEntropy(x, f64(k.probs, k.l.shape), { reduction: r, labelSmoothing: eps, weight: k.weight && tensor(k.weight, { dtype: 'float64' }) });
      // PyTorch's cross_entropy_loss_prob_target: a_c = w_c·t_c is each class's share of the row's loss.
      const a = rowsOf(k.probs, k.l).map((t) => t.map((tc, c) => (k.weight ? k.weight[c] : 1) * ((1 - eps) * tc + eps / C)));
      const rows = rowsOf(k.scores, k.l).map((row, n) => -sumOf(logSoftmaxRef(row).map((lp, c) => a[n][c] * lp)));
      // 'mean' of an empty batch is NaN in PyTorch, and 0/0 here.
      const divisor = r === 'mean' ? k.l.rows : 1;
      const want = r === 'none' ? rows : [sumOf(rows) / divisor];
      expect(loss.shape).toEqual(r === 'none' ? k.l.targetShape : []);
      flat(loss).forEach((v, i) => near(v, want[i], tolFor(k.scores)));
      loss.sum().backward();
      expectLogitGradient(x, k, a, divisor);
    });

  test.prop([indexCase.filter((k) => k.ignoreIndex === undefined), smoothing, fc.constantFrom<Reduction>('none', 'sum')], { numRuns: 40 })(
    'agrees with class indices when each row is one-hot, label smoothing and weights included', (k, eps, r) => {
      // Flat index i of [N, C, D] is ((n·C + c)·D + j); its target is targets[n·D + j].
      const probs = k.scores.map((_, i) => {
        const [n, c, j] = [Math.floor(i / (k.l.classes * k.l.spatial)), Math.floor(i / k.l.spatial) % k.l.classes, i % k.l.spatial];
        return k.targets[n * k.l.spatial + j] === c ? 1 : 0;
      });
      const opts = { reduction: r, labelSmoothing: eps, weight: k.weight && tensor(k.weight, { dtype: 'float64' }) };
      const soft = flat(crossEntropy(f64(k.scores, k.l.shape), f64(probs, k.l.shape), opts));
      const hard = flat(crossEntropy(f64(k.scores, k.l.shape), int32(k.targets, k.l.targetShape), opts));
      soft.forEach((v, i) => near(v, hard[i], tolFor(k.scores)));
    });
});

describe('crossEntropy and nll explain bad input', () => {
  const scores = tensor([[1, 2, 3]]);
  it('names both accepted target forms', () => {
    expect(() => crossEntropy(scores, tensor([0, 1], { dtype: 'int32' }))).toThrow(
      'crossEntropy: scores [1,3] need targets of shape [1] (one class index per row), got [2]; class probabilities must be a float tensor shaped like the scores, [1,3]');
    expect(() => crossEntropy(scores, tensor([1]))).toThrow(
      'crossEntropy: targets of shape [1] must be class indices (int32), got float32; class probabilities must be a float tensor shaped like the scores, [1,3]');
    expect(() => crossEntropy(scores, tensor([[0, 1, 0]], { dtype: 'int32' }))).toThrow(
      'crossEntropy: targets shaped like the scores [1,3] are class probabilities and must be float, got int32');
    expect(() => nll(scores, tensor([1]))).toThrow(
      'nll: targets of shape [1] must be class indices (int32), got float32; for probabilities per class use crossEntropy on the raw scores');
    expect(() => nll(scores, tensor([[0, 1, 0]]))).toThrow(
      'nll: scores [1,3] need targets of shape [1] (one class index per row), got [1,3]; for probabilities per class use crossEntropy on the raw scores');
  });

  it('reports a class index out of range, allowing the ignoreIndex, and says how to skip PyTorch\'s -100', () => {
    expect(() => nll(scores, tensor([3], { dtype: 'int32' }))).toThrow('nll: target 3 is not a class index for 3 classes (0..2)');
    expect(() => crossEntropy(scores, tensor([-100], { dtype: 'int32' }))).toThrow(
      'crossEntropy: target -100 is not a class index for 3 classes (0..2); PyTorch skips -100 by default, here pass { ignoreIndex: -100 } to skip it');
    expect(() => crossEntropy(scores, tensor([-100], { dtype: 'int32' }), { ignoreIndex: 255 })).toThrow(
      'crossEntropy: target -100 is not a class index for 3 classes (0..2)');
    expect(crossEntropy(scores, tensor([255], { dtype: 'int32' }), { ignoreIndex: 255, reduction: 'sum' }).item()).toBe(0);
  });

  it('refuses bad options', () => {
    const target = tensor([1], { dtype: 'int32' });
    for (const eps of [-0.1, 1.5, NaN]) {
      expect(() => crossEntropy(scores, target, { labelSmoothing: eps })).toThrow(`crossEntropy: labelSmoothing must lie in [0, 1], got ${eps}`);
    }
    expect(() => crossEntropy(scores, target, { labelSmoothing: 2 })).toThrow(RangeError);
    expect(() => nll(scores, target, { ignoreIndex: 0.5 })).toThrow('nll: ignoreIndex must be an integer (the target value to skip), got 0.5');
    expect(() => crossEntropy(tensor([[1, 2]]), target, { weight: tensor([1, 2, 3]) })).toThrow(
      'crossEntropy: weight must have shape [2] (one per class), got [3]');
  });

  it('refuses ignoreIndex and values outside [0, 1] with class probabilities', () => {
    expect(() => crossEntropy(scores, tensor([[0, 1, 0]]), { ignoreIndex: -100 })).toThrow(
      'crossEntropy: ignoreIndex skips class-index targets and has no meaning for class probabilities; leave it out');
    expect(() => crossEntropy(scores, tensor([[0, 1.5, 0]]))).toThrow('crossEntropy: class probabilities must lie in [0, 1], found 1.5');
  });
});
