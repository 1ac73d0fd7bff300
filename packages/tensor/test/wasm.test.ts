/**
 * The wasm backend's float32 matmul (WebAssembly SIMD, float32 sums) against the cpu backend, the
 * readable reference (float64 sums rounded once), on one thread and on the worker pool.
 *
 * Tolerance: each wasm product rounds once and the k-term float32 sum, in blocks of 256 along k,
 * errs by at most (k - 1)·u·Σ|a||b| (Higham, Accuracy and Stability, §4.2; summing in blocks
 * does not raise the bound), u = 2^-24; the cpu result is off the exact sum by one rounding to
 * float32, u·|c| ≤ u·Σ|a||b|. So |wasm - cpu| ≤ (k + 1)·u·Σ|a||b|, plus, for products that fall
 * below float32's normal range (2^-126), their absolute error of at most 2^-150 each: k·2^-149.
 * Values span 2^-70 .. 2^40 in magnitude, so products reach the subnormals, and sums stay finite
 * (300 · 2^80 ≪ 2^128): past float32's range a float32 sum overflows where the cpu's float64
 * one does not, a difference no tolerance covers.
 */
import { fc, it } from '@fast-check/vitest';
import { beforeAll, describe, expect } from 'vitest';
import { setBackend, type Tensor, wasmPool } from '../src/index.ts';
import { broadcastShapesArb, build, type Recipe, recipeArb, refOf, sizeArb } from './arbitraries.ts';
import { type DType, map, matmul, permute, type Ref } from './oracle.ts';

const U = 2 ** -24;

/** Magnitudes 2^-70 .. 2^40, both signs, zeros now and then; exactly representable in float32. */
const valueArb = fc.oneof(
  { arbitrary: fc.tuple(fc.double({ min: 1, max: 2, noNaN: true }), fc.integer({ min: -70, max: 40 }), fc.boolean())
    .map(([f, e, neg]) => Math.fround((neg ? -f : f) * 2 ** e)), weight: 8 },
  { arbitrary: fc.double({ min: -4, max: 4, noNaN: true }).map(Math.fround), weight: 4 },
  { arbitrary: fc.constant(0), weight: 1 },
);

/** Sizes around the kernel's tile edges (4 rows, 8 columns); k sometimes past one 256-long block. */
const dimArb = fc.oneof(sizeArb(0, 3), sizeArb(1, 20), sizeArb(30, 45));
const kArb = fc.oneof({ arbitrary: dimArb, weight: 4 }, { arbitrary: sizeArb(250, 300), weight: 1 });

/** [..., m, k] @ [..., k, n], batch axes broadcasting, each operand in any layout recipeArb makes (transposed, strided, expanded). */
const pairArb = fc.record({ batches: broadcastShapesArb(2, { maxRank: 2, maxSize: 3 }), m: dimArb, k: kArb, n: dimArb, da: fc.constantFrom<DType>('float32', 'int32') })
  .chain(({ batches: [ba, bb], m, k, n, da }) => fc.tuple(
    recipeArb([...ba, m, k], da, { values: da === 'int32' ? fc.integer({ min: -1000, max: 1000 }) : valueArb }),
    recipeArb([...bb, k, n], 'float32', { values: valueArb }),
  ));

function expectNear(got: Tensor, want: Tensor, scale: Ref, k: number): void {
  expect(got.shape).toEqual(want.shape);
  const [g, w] = [got.data(), want.data()];
  const bad: string[] = [];
  for (let i = 0; i < w.length && bad.length < 5; i++) {
    const allowed = (k + 1) * U * scale.data[i] + k * 2 ** -149;
    if (!(Math.abs(g[i] - w[i]) <= allowed)) bad.push(`element ${i}: wasm ${g[i]}, cpu ${w[i]} (allowed error ${allowed})`);
  }
  expect(bad.join('\n'), `matmul ${got.shape}: wasm differs from cpu`).toBe('');
}

/** A @ B on the cpu backend and on wasm with these options, from the same operands (made on cpu by `make`), whose values are refA and refB. */
function compare(make: () => [Tensor, Tensor], refA: Ref, refB: Ref, options: Record<string, unknown>): void {
  setBackend('cpu');
  const [a, b] = make();
  const want = a.matmul(b);
  setBackend('wasm', options);
  const got = a.matmul(b);
  expect(got.dtype).toBe('float32');
  const abs = (x: Ref) => map(x, Math.abs);
  expectNear(got, want, matmul(abs(refA), abs(refB)), a.shape[a.shape.length - 1]);
}

const PATHS = [
  { title: 'one thread', options: { mode: 'single' } },
  // poolAbove 0: every product with more than one 4-row block goes to the pool, however small
  { title: 'worker pool', options: { poolAbove: 0 } },
];

for (const { title, options } of PATHS) {
  describe(`wasm matmul, ${title}`, () => {
    beforeAll(async () => {
      if (options.mode !== 'single') expect(await wasmPool()?.ready(), 'the pool starts in Node and Deno').toBe(true);
    });

    it.prop([pairArb], { numRuns: 60 })('agrees with the cpu backend: any shapes (size-0 and size-1 axes too), layouts, batch broadcasting, int32 A', ([ra, rb]) => {
      compare(() => [build(ra), build(rb)], refOf(ra), refOf(rb), options);
    });

    // the products backward makes: dA = dC Bᵀ, dB = Aᵀ dC, on sizes past every tile and block edge
    it.prop([fc.tuple(sizeArb(60, 140), sizeArb(250, 300), sizeArb(9, 40)).chain(([m, k, n]) => fc.tuple(
      recipeArb([k, m], 'float32', { values: valueArb, broadcast: false }),
      recipeArb([n, k], 'float32', { values: valueArb, broadcast: false }),
    ))], { numRuns: 4, endOnFailure: true })('agrees with the cpu backend on Aᵀ Bᵀ past the 256-long k blocks', ([rat, rbt]) => {
      const t = (r: Recipe): Ref => permute(refOf(r), [1, 0]);
      compare(() => [build(rat).T, build(rbt).T], t(rat), t(rbt), options);
    });
  });
}
