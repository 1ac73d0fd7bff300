/** Views move gradients back to where the elements came from (gradcheck, float64). */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, parameter } from '../src/index.ts';
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

  test.prop([shape, seedArb], { numRuns })('T, mT and view', (s, seed) => {
    assertGradcheck((x) => x.T.mul(x.T).add(x.mT.sum()).view(-1), [randomTensor(s, seed)]);
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

describe('a slice used twice', () => {
  it('adds both uses into the same elements', () => {
    const x = parameter([1, 2, 3, 4, 5]);
    x.slice(0, 1, 4).sum().add(x.slice(0, 0, 5, 2).mul(10).sum()).backward();
    expect(x.grad?.toArray()).toEqual([10, 1, 11, 1, 10]);
  });
});
