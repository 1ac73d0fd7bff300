/** gather, indexSelect, scatterAdd, concat, stack and where: gradcheck plus the repeated-index rule. */
import { fc, test } from '@fast-check/vitest';
import { Generator, randint, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, concat, parameter, scatterAdd, stack, variable, where } from '../src/index.ts';
import { broadcastPairArb, numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

const withAxis = shapeArb({ minRank: 1 }).chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -s.length, max: s.length - 1 })));
const axisOf = (s: readonly number[], d: number) => (d < 0 ? d + s.length : d);

describe('indexing matches central differences', () => {
  test.prop([withAxis, fc.integer({ min: 0, max: 5 }), seedArb], { numRuns })('gather (indices repeat, so gradients add up)', ([s, d], m, seed) => {
    const a = axisOf(s, d);
    const index = randint(0, s[a], s.map((n, i) => (i === a ? m : n)), new Generator(seed));
    assertGradcheck((x) => x.gather(d, index), [randomTensor(s, seed)]);
  });

  test.prop([withAxis, fc.array(fc.nat(), { maxLength: 6 }), seedArb], { numRuns })('indexSelect', ([s, d], picks, seed) => {
    const index = picks.map((p) => p % s[axisOf(s, d)]);
    assertGradcheck((x) => x.indexSelect(d, index), [randomTensor(s, seed)]);
  });

  test.prop([withAxis, fc.integer({ min: 0, max: 5 }), seedArb], { numRuns })('scatterAdd', ([s, d], m, seed) => {
    const a = axisOf(s, d);
    const srcShape = s.map((n, i) => (i === a ? m : n));
    const index = randint(0, s[a], srcShape, new Generator(seed));
    assertGradcheck((src) => scatterAdd(s, d, index, src), [randomTensor(srcShape, seed)]);
  });

  test.prop([withAxis, fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 3 }), seedArb], { numRuns })(
    'concat of pieces of different lengths (empty ones too)',
    ([s, d], lengths, seed) => {
      const pieces = lengths.map((n, i) => randomTensor(s.map((m, j) => (j === axisOf(s, d) ? n : m)), seed + i));
      assertGradcheck((...xs) => concat(xs, d), pieces);
    },
  );

  test.prop([shapeArb(), fc.integer({ min: 1, max: 3 }), fc.nat(), seedArb], { numRuns })('stack', (s, count, at, seed) => {
    const pieces = Array.from({ length: count }, (_, i) => randomTensor(s, seed + i));
    assertGradcheck((...xs) => stack(xs, at % (s.length + 1)), pieces);
  });

  test.prop([broadcastPairArb(), seedArb], { numRuns })('where with a broadcast mask', ([sa, sb], seed) => {
    const cond = randomTensor(sa, seed + 2).gt(0);
    assertGradcheck((a, b) => where(cond, a, b), [randomTensor(sa, seed), randomTensor(sb, seed + 1)]);
  });
});

describe('indexing rules', () => {
  it('indexSelect adds the gradients of an index picked twice', () => {
    const x = parameter([[1, 2], [3, 4], [5, 6]]);
    x.indexSelect(0, [2, 0, 2]).sum().backward();
    expect(x.grad?.toArray()).toEqual([[1, 1], [0, 0], [2, 2]]);
  });

  it('where sends the gradient only to the chosen side, and a number side gets none', () => {
    const a = parameter([1, 2, 3]);
    where(tensor([1, 0, 1]), a, 0).sum().backward();
    expect(a.grad?.toArray()).toEqual([1, 0, 1]);
  });

  // made int32 before it was checked, [0, 1.5] was read as [0, 1]: the numbers are checked first
  const fractionAt = withAxis.chain(([s, d]) => fc.tuple(
    fc.constant(s), fc.constant(d), fc.array(fc.nat({ max: s[axisOf(s, d)] - 1 }), { maxLength: 4 }), fc.nat(),
    fc.double({ min: -10, max: 10, noNaN: true }).filter((v) => !Number.isInteger(v)),
  ));
  test.prop([fractionAt], { numRuns })('indexSelect refuses a plain-array index holding a fraction, naming it, as the Tensor does', ([s, d, picks, at, bad]) => {
    const index = [...picks];
    index.splice(at % (index.length + 1), 0, bad);
    const want = `indexSelect: index ${bad} is not a whole number (dim ${axisOf(s, d)} of shape [${s.join(',')}])`;
    expect(() => parameter(randomTensor(s, 0)).indexSelect(d, index)).toThrow(want);
    expect(() => randomTensor(s, 0).indexSelect(d, index)).toThrow(want);
  });

  it('indexSelect refuses an index past int32 (it used to wrap around to 0)', () => {
    expect(() => variable([[1, 2, 3]]).indexSelect(1, [2 ** 32])).toThrow('indexSelect: index 4294967296 is out of range for dim 1 of shape [1,3] (size 3)');
  });

  it('gather and concat name the op and the shapes on bad input', () => {
    expect(() => parameter([1, 2]).gather(0, tensor([2], { dtype: 'int32' }))).toThrow('gather: index 2 is out of range for dim 0 of shape [2]');
    expect(() => concat([parameter([[1, 2]]), parameter([[1, 2, 3]])], 0)).toThrow('concat: shapes [1,2], [1,3] differ outside dim 0');
  });
});
