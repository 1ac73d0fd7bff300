/**
 * Reductions and the softmax family against central differences (float64, gradcheck's default
 * tolerance: see elementwise.test.ts), over random dims, negative dims, dim lists and keepdim.
 */
import { fc, test } from '@fast-check/vitest';
import { normalizeDims, sizeOf, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, parameter, Variable } from '../src/index.ts';
import { dimsArb, numRuns, randomTensor, scaleArb, seedArb, shapeArb } from './arbitraries.ts';

const shapeAndDims = shapeArb({ maxRank: 3 }).chain((shape) => fc.tuple(fc.constant(shape), dimsArb(shape.length), fc.boolean()));

type Dim = number | number[] | undefined;
type Reduction = (x: Variable, dim: Dim, keepdim: boolean) => Variable;
const reductions: [string, Reduction, ('max' | 'min')?][] = [
  ['sum', (x, dim, keepdim) => x.sum(dim, { keepdim })],
  ['mean', (x, dim, keepdim) => x.mean(dim, { keepdim })],
  ['max', (x, dim, keepdim) => x.max(dim, { keepdim }), 'max'],
  ['min', (x, dim, keepdim) => x.min(dim, { keepdim }), 'min'],
  ['logsumexp', (x, dim, keepdim) => x.logsumexp(dim, { keepdim })],
  ['var (population)', (x, dim, keepdim) => x.var(dim, { keepdim, correction: 0 })],
];

/**
 * max and min have a kink where the runner-up meets the extreme: central differences (step 1e-6)
 * straddle it when the two are closer than that, and see half a gradient (found: scale 1e-3). An
 * exact tie is fine (both sides share the gradient), a near one is not a case gradcheck can judge.
 */
function nearTie(x: Tensor, dim: Dim, extreme: 'max' | 'min'): boolean {
  const e = x[extreme](dim, { keepdim: true });
  return x.ne(e).mul(x.sub(e).abs().lt(1e-5)).sum().item() > 0;
}

describe('reductions match central differences', () => {
  for (const [name, f, kink] of reductions) {
    test.prop([shapeAndDims, seedArb, scaleArb], { numRuns })(name, ([shape, dim, keepdim], seed, scale) => {
      const x = randomTensor(shape, seed, { scale });
      if (kink) fc.pre(!nearTie(x, dim, kink));
      assertGradcheck((v) => f(v, dim, keepdim), [x]);
    });
  }

  test.prop([shapeAndDims, seedArb], { numRuns })('var and std (unbiased) where at least two elements are folded', ([shape, dim, keepdim], seed) => {
    const folded = sizeOf(normalizeDims('var', dim, shape.length).map((d) => shape[d]));
    fc.pre(folded >= 2);
    assertGradcheck((x) => x.var(dim, { keepdim }).add(x.std(dim, { keepdim })), [randomTensor(shape, seed)]);
  });

  test.prop([shapeArb({ minRank: 1, minSize: 0 }), seedArb], { numRuns })('sum and mean over empty axes give empty or zero gradients', (shape, seed) => {
    assertGradcheck((x) => x.sum(0).add(x.mean(-1, { keepdim: true }).sum()), [randomTensor(shape, seed)]);
  });
});

describe('softmax family matches central differences', () => {
  const shapeAndDim = shapeArb({ minRank: 1 }).chain((shape) => fc.tuple(fc.constant(shape), fc.integer({ min: -shape.length, max: shape.length - 1 })));
  test.prop([shapeAndDim, seedArb, scaleArb], { numRuns })('softmax', ([shape, dim], seed, scale) => {
    assertGradcheck((x) => x.softmax(dim), [randomTensor(shape, seed, { scale })]);
  });
  test.prop([shapeAndDim, seedArb, scaleArb], { numRuns })('logSoftmax', ([shape, dim], seed, scale) => {
    assertGradcheck((x) => x.logSoftmax(dim), [randomTensor(shape, seed, { scale })]);
  });
});

describe('max and min at ties', () => {
  it('share the gradient evenly among the tied elements', () => {
    const x = parameter([[3, 1, 3], [2, 2, 2]]);
    x.max(1).mul(parameter([1, 6])).sum().backward();
    expect(x.grad?.toArray()).toEqual([[0.5, 0, 0.5], [2, 2, 2]]);
  });

  it('over all elements, and for min too', () => {
    const x = parameter([[0, 5], [0, 0]], { dtype: 'float64' });
    x.min().backward();
    expect(x.grad?.toArray()).toEqual([[1 / 3, 0], [1 / 3, 1 / 3]]);
  });
});

describe('a reduction of a Variable gives what the same reduction of its Tensor gives', () => {
  type Either = Tensor | Variable;
  const both: [string, (x: Either, dim: Dim, keepdim: boolean) => Either][] = [
    ['sum', (x, dim, keepdim) => x.sum(dim, { keepdim })],
    ['mean', (x, dim, keepdim) => x.mean(dim, { keepdim })],
    ['prod', (x, dim, keepdim) => x.prod(dim, { keepdim })],
    ['max', (x, dim, keepdim) => x.max(dim, { keepdim })],
    ['min', (x, dim, keepdim) => x.min(dim, { keepdim })],
    ['logsumexp', (x, dim, keepdim) => x.logsumexp(dim, { keepdim })],
    ['var', (x, dim, keepdim) => x.var(dim, { keepdim })],
    ['std', (x, dim, keepdim) => x.std(dim, { keepdim, correction: 0 })],
  ];
  const valueOf = (y: Either): Tensor => (y instanceof Variable ? y.value : y);

  /** What `run` throws, or undefined. */
  function thrown(run: () => unknown): Error | undefined {
    try {
      run();
    } catch (e) {
      return e as Error;
    }
    return undefined;
  }

  // dimsArb gives a 0-d tensor dim 0, -1 and [0] too: the Tensor folds its one element, so its mean is that element
  test.prop([shapeAndDims, fc.constantFrom(...both), seedArb], { numRuns })('the same value, 0-d tensors over dim 0 included', ([shape, dim, keepdim], [, f], seed) => {
    const x = randomTensor(shape, seed);
    const want = valueOf(f(x, dim, keepdim));
    const got = valueOf(f(parameter(x), dim, keepdim));
    expect(got.shape).toEqual(want.shape);
    const [g, w] = [got.data(), want.data()];
    // mean and var are built from other ops on the Variable: the same float64 operations, maybe in another order
    w.forEach((v, i) => expect(Object.is(g[i], v) || Math.abs(g[i] - v) <= 1e-12 * Math.abs(v), `element ${i}: got ${g[i]}, want ${v}`).toBe(true));
  });

  /** A dim past either end, or a list that names one axis twice. */
  const badDims = shapeArb({ maxRank: 3 }).chain((shape) => {
    const r = Math.max(shape.length, 1);
    return fc.tuple(fc.constant(shape), fc.oneof(
      fc.integer({ min: r, max: r + 3 }), fc.integer({ min: -r - 3, max: -r - 1 }), fc.integer({ min: 0, max: r - 1 }).map((d) => [d, d - r]),
    ));
  });

  test.prop([badDims, fc.constantFrom(...both)], { numRuns })('the same error for a bad dim, naming the op that was called', ([shape, dim], [name, f]) => {
    const x = randomTensor(shape, 0);
    const want = thrown(() => f(x, dim, false));
    expect(want?.message.startsWith(`${name}: `), `the Tensor's error: ${want?.message}`).toBe(true);
    const got = thrown(() => f(parameter(x), dim, false));
    expect(got?.constructor).toBe(want?.constructor);
    expect(got?.message).toBe(want?.message);
  });

  it('a 0-d parameter reduced over dim 0 keeps its value, and its gradient is 1', () => {
    for (const reduce of ['sum', 'mean', 'prod', 'max', 'min', 'logsumexp'] as const) {
      const x = parameter(3, { dtype: 'float64' });
      const y = x[reduce](0);
      expect(y.item(), reduce).toBe(3);
      y.backward();
      expect(x.grad?.item(), reduce).toBe(1);
    }
    expect(parameter(3).var(0, { correction: 0 }).item()).toBe(0);
  });

  it('mean over a dim out of range names mean, not the sum it is built from', () => {
    expect(() => parameter([[1, 2]]).mean(2)).toThrow('mean: dim 2 is out of range for a tensor of rank 2 of shape [1,2] (expected -2..1)');
  });
});
