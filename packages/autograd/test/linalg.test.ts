/** matmul's vjps against central differences: 1-D operands, batches, broadcast batch axes. */
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, dot, matmul, outer, parameter } from '../src/index.ts';
import { broadcastPairArb, numRuns, randomTensor, seedArb } from './arbitraries.ts';

const size = fc.integer({ min: 1, max: 4 });

/** [...batchA, m, k] and [...batchB, k, n] with broadcasting batch axes; either may be a 1-D vector instead. */
const operandShapes = fc
  .record({ batch: broadcastPairArb({ maxRank: 2 }), m: size, k: fc.integer({ min: 0, max: 4 }), n: size, vecA: fc.boolean(), vecB: fc.boolean() })
  .map(({ batch: [ba, bb], m, k, n, vecA, vecB }) => [vecA ? [k] : [...ba, m, k], vecB ? [k] : [...bb, k, n]]);

describe('matmul', () => {
  test.prop([operandShapes, seedArb], { numRuns })('matches central differences', ([sa, sb], seed) => {
    assertGradcheck((a, b) => a.matmul(b), [randomTensor(sa, seed), randomTensor(sb, seed + 1)]);
  });

  it('has the textbook gradients dA = G Bᵀ and dB = Aᵀ G', () => {
    const a = parameter([[1, 2, 3], [4, 5, 6]]);
    const b = parameter([[1, 0], [0, 1], [1, 1]]);
    matmul(a, b).sum().backward();
    expect(a.grad?.toArray()).toEqual([[1, 1, 2], [1, 1, 2]]);
    expect(b.grad?.toArray()).toEqual([[5, 5], [7, 7], [9, 9]]);
  });

  test.prop([fc.integer({ min: 0, max: 5 }), fc.integer({ min: 1, max: 5 }), seedArb], { numRuns })('dot and outer match central differences', (n, m, seed) => {
    assertGradcheck((a, b) => a.dot(b), [randomTensor([n], seed), randomTensor([n], seed + 1)]);
    assertGradcheck((a, b) => a.outer(b), [randomTensor([n], seed), randomTensor([m], seed + 1)]);
  });

  it('dot and outer have the gradients b, a and row/column sums of G', () => {
    const a = parameter([1, 2, 3]);
    const b = parameter([4, 5, 6]);
    expect(dot(a, b).item()).toBe(32);
    dot(a, b).backward();
    expect([a.grad?.toArray(), b.grad?.toArray()]).toEqual([[4, 5, 6], [1, 2, 3]]);
    const [c, d] = [parameter([1, 2]), parameter([3, 4, 5])];
    outer(c, d).sum().backward();
    expect([c.grad?.toArray(), d.grad?.toArray()]).toEqual([[12, 12], [3, 3, 3]]);
    expect(() => dot(a, c)).toThrow('dot: shapes [3] and [2] must be two vectors of the same length');
  });

  it('names both shapes when they cannot be multiplied', () => {
    expect(() => parameter([[1, 2]]).matmul(parameter([[1, 2]]))).toThrow('matmul: shapes [1,2] and [1,2] cannot be multiplied');
  });
});
