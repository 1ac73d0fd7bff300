import { fc, test } from '@fast-check/vitest';
import { Variable } from '@gradschool/autograd';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { accuracy, confusionMatrix } from '../src/metrics.ts';

/** n examples of K classes: scores [n, K] with distinct entries per row (so the argmax is unique) and targets [n]. */
const problem = fc.integer({ min: 1, max: 6 }).chain((k) =>
  fc.array(
    fc.tuple(fc.uniqueArray(fc.integer({ min: -1000, max: 1000 }), { minLength: k, maxLength: k }), fc.integer({ min: 0, max: k - 1 })),
    { minLength: 1, maxLength: 30 },
  ).map((rows) => ({ k, scores: rows.map((r) => r[0]), targets: rows.map((r) => r[1]) })));

const argmax = (row: number[]): number => row.indexOf(Math.max(...row));

describe('accuracy', () => {
  test.prop([problem], { numRuns: 60 })('is the share of rows whose largest score is the target', ({ scores, targets }) => {
    const hits = scores.filter((row, i) => argmax(row) === targets[i]).length;
    expect(accuracy(tensor(scores), tensor(targets, { dtype: 'int32' }))).toBe(hits / targets.length);
    const classes = tensor(scores.map(argmax), { dtype: 'int32' });
    expect(accuracy(classes, tensor(targets, { dtype: 'int32' }))).toBe(hits / targets.length);
  });

  it('takes a model\'s output Variable as well as a Tensor', () => {
    const scores = new Variable(tensor([[0.1, 2], [3, -1], [0, 5]]), { requiresGrad: true });
    expect(accuracy(scores, tensor([1, 0, 0], { dtype: 'int32' }))).toBe(2 / 3);
  });

  it('names the shapes it cannot compare, and refuses zero examples', () => {
    expect(() => accuracy(tensor([[1, 2], [3, 4]]), tensor([0, 1, 1]))).toThrow(
      'accuracy: expected predictions [n] (classes) or [n, K] (scores) and targets [n], got [2,2] and [3]');
    expect(() => accuracy(tensor([]), tensor([]))).toThrow('accuracy: there are no examples to score');
  });
});

describe('confusionMatrix', () => {
  test.prop([problem], { numRuns: 60 })('counts (truth, prediction) pairs', ({ k, scores, targets }) => {
    const m = confusionMatrix(tensor(scores), tensor(targets, { dtype: 'int32' }), k);
    expect(m.dtype).toBe('int32');
    const expected = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    scores.forEach((row, i) => expected[targets[i]][argmax(row)]++);
    expect(m.toArray()).toEqual(expected);
  });

  it('puts the truth on rows', () => {
    const m = confusionMatrix(tensor([0, 0, 2, 1]), tensor([0, 1, 2, 2]), 3);
    expect(m.toArray()).toEqual([[1, 0, 0], [1, 0, 0], [0, 1, 1]]);
  });

  it('refuses a class outside 0..K-1', () => {
    expect(() => confusionMatrix(tensor([0, 3]), tensor([0, 1]), 3)).toThrow('confusionMatrix: class 3 at example 1 is outside 0..2');
  });
});
