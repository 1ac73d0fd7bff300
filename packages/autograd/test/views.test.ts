/** Views move gradients back to where the elements came from (gradcheck, float64). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, parameter, variable } from '../src/index.ts';
import { broadcastableTo, numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

const shape = shapeArb({ minSize: 0 });
const nonScalar = shapeArb({ minRank: 1, minSize: 0 });
const withAxis = nonScalar.chain((s) => fc.tuple(fc.constant(s), fc.integer({ min: -s.length, max: s.length - 1 })));

describe('views match central differences', () => {
  test.prop([shape.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray(s, { minLength: s.length }))), seedArb], { numRuns })(
    'reshape to the same sizes in another order, and flatten',
    ([s, target], seed) => {
      assertGradcheck((x) => x.reshape(target).flatten().mul(x.reshape(-1)), [randomTensor(s, seed)]);
    },
  );

  test.prop([shape.chain((s) => fc.tuple(fc.constant(s), fc.shuffledSubarray([...s.keys()], { minLength: s.length }))), seedArb], { numRuns })(
    'permute',
    ([s, dims], seed) => { assertGradcheck((x) => x.permute(dims), [randomTensor(s, seed)]); },
  );

  test.prop([withAxis, fc.integer({ min: 0, max: 3 }), seedArb], { numRuns })('transpose', ([s, d0], d1, seed) => {
    assertGradcheck((x) => x.transpose(d0, d1 % s.length), [randomTensor(s, seed)]);
  });

  test.prop([shape, seedArb], { numRuns })('T, mT (of a matrix or a batch of them) and view', (s, seed) => {
    assertGradcheck((x) => x.T.mul(x.T).add(x.ndim >= 2 ? x.mT.sum() : 0).view(-1), [randomTensor(s, seed)]);
  });

  test.prop([withAxis, seedArb], { numRuns })('unsqueeze then squeeze, and squeeze of all size-1 axes', ([s, d], seed) => {
    assertGradcheck((x) => x.unsqueeze(d).squeeze().add(x.squeeze(d).sum()), [randomTensor(s, seed)]);
  });

  test.prop([shape.chain((to) => fc.tuple(broadcastableTo(to), fc.constant(to))), seedArb], { numRuns })(
    'expand sums the gradient over the copies',
    ([from, to], seed) => { assertGradcheck((x) => x.expand(to), [randomTensor(from, seed)]); },
  );

  const sliceArgs = fc.record({ start: fc.integer({ min: -5, max: 5 }), end: fc.integer({ min: -5, max: 6 }), step: fc.integer({ min: 1, max: 3 }) });
  test.prop([withAxis, sliceArgs, seedArb], { numRuns })('slice, with negative bounds and steps', ([s, d], { start, end, step }, seed) => {
    assertGradcheck((x) => x.slice(d, start, end, step).square(), [randomTensor(s, seed)]);
  });

  test.prop([withAxis, fc.nat(4), fc.nat(4), seedArb], { numRuns })('narrow', ([s, d], a, b, seed) => {
    const n = s[d < 0 ? d + s.length : d];
    const start = Math.min(a, n);
    assertGradcheck((x) => x.narrow(d, start, Math.min(b, n - start)).exp(), [randomTensor(s, seed)]);
  });
});

describe('transpose', () => {
  /** What `run` gives: its array, or the kind and message of what it throws. */
  function outcome(run: () => { toArray(): unknown }): unknown {
    try {
      return { value: run().toArray() };
    } catch (e) {
      return { threw: (e as Error).constructor.name, message: (e as Error).message };
    }
  }

  // a rank-0 or rank-1 tensor has nothing to swap, but its dims are still checked
  test.prop([shape, fc.integer({ min: -5, max: 5 }), fc.integer({ min: -5, max: 5 }), seedArb], { numRuns })(
    'of a Variable gives what transpose of its Tensor gives, the error for a dim out of range included',
    (s, d0, d1, seed) => {
      const x = randomTensor(s, seed);
      expect(outcome(() => parameter(x).transpose(d0, d1))).toEqual(outcome(() => x.transpose(d0, d1)));
      expect(outcome(() => parameter(x).mT)).toEqual(outcome(() => x.mT));
    },
  );

  it('of a vector refuses dims it does not have', () => {
    expect(() => variable([1, 2, 3]).transpose(5, 7)).toThrow('transpose: dim 5 is out of range for a tensor of rank 1 of shape [3] (expected -1..0)');
  });
});

describe('a slice used twice', () => {
  it('adds both uses into the same elements', () => {
    const x = parameter([1, 2, 3, 4, 5]);
    x.slice(0, 1, 4).sum().add(x.slice(0, 0, 5, 2).mul(10).sum()).backward();
    expect(x.grad?.toArray()).toEqual([10, 1, 11, 1, 10]);
  });
});
