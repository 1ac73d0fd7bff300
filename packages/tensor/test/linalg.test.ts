/** matmul (1-D promotion, batch broadcasting), dot and outer against float64 triple loops, and the algebra they obey. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { eye } from '../src/index.ts';
import { broadcastShapesArb, build, type Recipe, recipeArb, refOf, shapeArb, sizeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { expectClose, expectUnchanged } from './expect.ts';
import { absSum, type DType, map, matmul, permute, type Ref, storeAs, sumOf, zip } from './oracle.ts';

const runs = { numRuns: 40 };

const promote = (a: DType, b: DType): DType => (a === 'float64' || b === 'float64' ? 'float64' : a === 'float32' || b === 'float32' ? 'float32' : 'int32');
const abs = (x: Ref): Ref => map(x, Math.abs);

describeBackends('linalg', (b) => {
  const dtypes = fc.constantFrom(...b.dtypes);
  const floats = fc.constantFrom(...b.dtypes.filter((d) => d !== 'int32'));

  /** [..., m, k] @ [..., k, n] with broadcastable batches; either side may be a 1-D vector instead. */
  const matmulPair = fc.record({
    batches: broadcastShapesArb(2, { maxRank: 2, maxSize: 3 }),
    m: sizeArb(0, 4), k: sizeArb(0, 4), n: sizeArb(0, 4),
    vecA: fc.boolean(), vecB: fc.boolean(), da: dtypes, db: dtypes,
  }).chain(({ batches: [ba, bb], m, k, n, vecA, vecB, da, db }) => fc.tuple(
    recipeArb(vecA ? [k] : [...ba, m, k], da),
    recipeArb(vecB ? [k] : [...bb, k, n], db),
  ));

  it.prop([matmulPair], runs)('matmul matches the triple loop, with batch broadcasting and 1-D promotion', ([ra, rb]) => {
    const [x, y] = [build(ra), build(rb)];
    const z = expectUnchanged([x, y], () => x.matmul(y));
    const dtype = promote(ra.dtype, rb.dtype);
    expect(z.dtype).toBe(dtype);
    const [a, c] = [refOf(ra), refOf(rb)];
    // each entry is a k-term sum: its error scales with Σ|a||b| (Higham §3.5)
    expectClose(z, map(matmul(a, c), (v) => storeAs(dtype, v)), { terms: ra.shape[ra.shape.length - 1], scale: matmul(abs(a), abs(c)) });
  });

  const moderate = (dtype: DType) => valueArb(dtype, { min: -10, max: 10, extremes: false, specials: false });
  const matrix = (dtype: DType, rows: number, cols: number): fc.Arbitrary<Recipe> => recipeArb([rows, cols], dtype, { values: moderate(dtype) });
  const chain3 = floats.chain((dtype) => fc.tuple(sizeArb(1, 4), sizeArb(0, 4), sizeArb(0, 4), sizeArb(1, 4))
    .chain(([m, k, l, n]) => fc.tuple(matrix(dtype, m, k), matrix(dtype, k, l), matrix(dtype, l, n))));

  it.prop([chain3], runs)('matmul is associative within rounding: (AB)C = A(BC)', ([ra, rb, rc]) => {
    const [x, y, z] = [build(ra), build(rb), build(rc)];
    const left = x.matmul(y).matmul(z);
    const right = x.matmul(y.matmul(z));
    const scale = matmul(matmul(abs(refOf(ra)), abs(refOf(rb))), abs(refOf(rc)));
    // both sides carry the rounding of two chained sums
    expectClose(left, { shape: right.shape, data: Array.from(right.data()) }, { terms: 2 * (rb.shape[0] + rb.shape[1] + 2), scale });
  });

  it.prop([chain3], runs)('(AB)ᵀ = BᵀAᵀ and A·I = A', ([ra, rb]) => {
    const [x, y] = [build(ra), build(rb)];
    const scale = permute(matmul(abs(refOf(ra)), abs(refOf(rb))), [1, 0]);
    expectClose(x.matmul(y).T, { shape: [rb.shape[1], ra.shape[0]], data: Array.from(y.T.matmul(x.T).data()) }, { terms: 2 * ra.shape[1] + 2, scale });
    expectClose(x.matmul(eye(ra.shape[1], ra.shape[1], { dtype: ra.dtype })), refOf(ra));
  });

  const vectors = dtypes.chain((dtype) => shapeArb({ minRank: 1, maxRank: 1 }).chain((s) => fc.tuple(recipeArb(s, dtype), recipeArb(s, dtype))));

  it.prop([vectors], runs)('dot is Σ aᵢbᵢ', ([ra, rb]) => {
    const [a, c] = [refOf(ra), refOf(rb)];
    const want = storeAs(ra.dtype, sumOf(zip(a, c, (p, q) => p * q).data));
    expectClose(build(ra).dot(build(rb)), { shape: [], data: [want] }, { terms: ra.shape[0], scale: { shape: [], data: [absSum(zip(a, c, (p, q) => p * q).data)] } });
  });

  const pairOfVectors = dtypes.chain((dtype) => fc.tuple(shapeArb({ minRank: 1, maxRank: 1 }), shapeArb({ minRank: 1, maxRank: 1 }))
    .chain(([s, t]) => fc.tuple(recipeArb(s, dtype), recipeArb(t, dtype))));

  it.prop([pairOfVectors], runs)('outer is aᵢbⱼ', ([ra, rb]) => {
    const [a, c] = [refOf(ra), refOf(rb)];
    const want = zip({ shape: [a.shape[0], 1], data: a.data }, c, (p, q) => storeAs(ra.dtype, p * q));
    const [x, y] = [build(ra), build(rb)];
    expectClose(expectUnchanged([x, y], () => x.outer(y)), want);
  });
});
