/** Reductions over any dims (number, list, all; keepdim) against float64 folds, and the softmax family's stability. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import type { Tensor } from '../src/index.ts';
import { build, recipeArb, type Recipe, refOf, shapeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { expectClose, expectUnchanged } from './expect.ts';
import { absSum, type DType, map, reduce, type Ref, storeAs, sumOf, zip } from './oracle.ts';

const runs = { numRuns: 40 };

type Dims = number | number[] | undefined;

/** All dims (undefined), one dim, or several (none too) in any order; negative dims count from the end. */
const dimsArb = (rank: number): fc.Arbitrary<Dims> => {
  const axes = [...Array(rank).keys()];
  const negate = (ds: number[], flips: boolean[]) => ds.map((d, i) => (flips[i] ? d - rank : d));
  return fc.oneof(
    fc.constant(undefined),
    fc.integer({ min: -Math.max(rank, 1), max: Math.max(rank, 1) - 1 }),
    // an empty list folds nothing (NumPy, TensorFlow), which the oracle below does too
    fc.shuffledSubarray(axes).chain((ds) =>
      fc.array(fc.boolean(), { minLength: ds.length, maxLength: ds.length }).map((flips) => negate(ds, flips))),
  );
};

/** The non-negative axes that `dims` folds (a 0-d tensor has none). */
const axesOf = (dims: Dims, rank: number): number[] =>
  rank === 0 ? [] : dims === undefined ? [...Array(rank).keys()] : (typeof dims === 'number' ? [dims] : dims).map((d) => (d + rank) % rank);

const operandWithDims = (dtypes: readonly DType[], values?: (dtype: DType) => fc.Arbitrary<number>) =>
  fc.constantFrom(...dtypes).chain((dtype) => shapeArb().chain((shape) =>
    fc.tuple(recipeArb(shape, dtype, values ? { values: values(dtype) } : {}), dimsArb(shape.length), fc.boolean())));

const nanMax = (vs: number[]) => (vs.some(Number.isNaN) ? NaN : Math.max(...vs));
const nanMin = (vs: number[]) => (vs.some(Number.isNaN) ? NaN : Math.min(...vs));
/** First index of the extreme value, where NaN counts as the extreme (PyTorch). */
const argExtreme = (pick: (vs: number[]) => number) => (vs: number[]) => vs.findIndex((v) => Object.is(v, pick(vs)) || v === pick(vs));

function logsumexpOf(vs: number[]): number {
  const m = nanMax(vs);
  if (vs.length === 0) return -Infinity;
  if (!Number.isFinite(m)) return m; // NaN, +inf, or all -inf
  return m + Math.log(sumOf(vs.map((v) => Math.exp(v - m))));
}

const varianceOf = (correction: number) => (vs: number[]) => {
  const mu = sumOf(vs) / vs.length;
  return sumOf(vs.map((v) => (v - mu) ** 2)) / Math.max(vs.length - correction, 0);
};

const floatOf = (dtype: DType): DType => (dtype === 'int32' ? 'float32' : dtype);
const folded = (r: Recipe, axes: number[]) => axes.reduce((n, d) => n * r.shape[d], 1);

describeBackends('reductions', (b) => {
  it.prop([operandWithDims(b.dtypes)], runs)('sum and mean fold like the oracle', ([r, dims, keepdim]) => {
    const x = build(r);
    const axes = axesOf(dims, r.shape.length);
    const n = folded(r, axes);
    const ref = refOf(r);
    const scale = reduce(ref, axes, keepdim, absSum);
    const s = expectUnchanged([x], () => x.sum(dims, { keepdim }));
    expect(s.dtype).toBe(r.dtype);
    expectClose(s, map(reduce(ref, axes, keepdim, sumOf), (v) => storeAs(r.dtype, v)), { terms: n, scale });
    const m = x.mean(dims, { keepdim });
    expect(m.dtype).toBe(floatOf(r.dtype));
    expectClose(m, map(reduce(ref, axes, keepdim, (vs) => sumOf(vs) / vs.length), (v) => storeAs(m.dtype, v)), { terms: n + 1, scale: map(scale, (v) => v / n) });
  });

  // inf times an underflowed 0 depends on the order of the factors, so prod gets finite moderate values
  it.prop([operandWithDims(b.dtypes, (d) => valueArb(d, { min: -3, max: 3, extremes: false, specials: false }))], runs)('prod folds like the oracle', ([r, dims, keepdim]) => {
    const axes = axesOf(dims, r.shape.length);
    if (r.dtype === 'float32') {
      // a float32 product (a GPU's) overflows or underflows on the way in some order of the factors
      // once Π max(|x|, 1) or Π min(|x|, 1) leaves float32's normal range, even where the result is
      // 0 or moderate (found: 1.5^75 · (-2.5)^75 · 0 is NaN); 375 broadcast factors of 3 reach it
      const within = (bound: (v: number) => number, ok: (p: number) => boolean) =>
        reduce(refOf(r), axes, keepdim, (vs) => vs.reduce((p, v) => (v === 0 ? p : p * bound(Math.abs(v))), 1)).data.every(ok);
      fc.pre(within((v) => Math.max(v, 1), (p) => p <= 2 ** 127) && within((v) => Math.min(v, 1), (p) => p >= 2 ** -126));
    }
    const exact = reduce(refOf(r), axes, keepdim, (vs) => vs.reduce((p, v) => p * v, 1));
    if (r.dtype === 'int32' && exact.data.some((v) => Math.abs(v) > b.int32Exact)) {
      // an integer product the backend cannot hold exactly is refused when read, never returned wrong
      expect(() => build(r).prod(dims, { keepdim }).data()).toThrow(/int32 result does not fit: past 2\^24/);
      return;
    }
    expectClose(build(r).prod(dims, { keepdim }), map(exact, (v) => storeAs(r.dtype, v)), { terms: folded(r, axes) });
  });

  for (const [op, pick] of [['max', nanMax], ['min', nanMin]] as const) {
    it.prop([operandWithDims(b.dtypes)], runs)(`${op} picks the extreme (NaN wins), and refuses an empty dim`, ([r, dims, keepdim]) => {
      const x = build(r);
      const axes = axesOf(dims, r.shape.length);
      if (axes.some((d) => r.shape[d] === 0)) {
        expect(() => x[op](dims, { keepdim })).toThrow(new RegExp(`^${op}: cannot reduce dim \\d of shape \\[${r.shape.join(',')}\\], which has no elements$`));
        return;
      }
      expectClose(expectUnchanged([x], () => x[op](dims, { keepdim })), reduce(refOf(r), axes, keepdim, pick));
    });
  }

  const oneDim = fc.constantFrom(...b.dtypes).chain((dtype) => shapeArb({ minRank: 1 }).filter((s) => !s.includes(0)).chain((shape) =>
    fc.tuple(recipeArb(shape, dtype), fc.integer({ min: -shape.length, max: shape.length - 1 }), fc.boolean())));

  for (const [op, pick] of [['argmax', nanMax], ['argmin', nanMin]] as const) {
    it.prop([oneDim], runs)(`${op} gives the first index of the extreme, along a dim or over the flattened tensor`, ([r, dim, keepdim]) => {
      const x = build(r);
      const i = expectUnchanged([x], () => x[op](dim, { keepdim }));
      expect(i.dtype).toBe('int32');
      const d = (dim + r.shape.length) % r.shape.length;
      expectClose(i, reduce(refOf(r), [d], keepdim, argExtreme(pick)));
      const all = x[op]();
      expect(all.shape).toEqual([]);
      expect(all.item()).toBe(argExtreme(pick)([...refOf(r).data]));
      expect(x[op](undefined, { keepdim: true }).shape).toEqual(r.shape.map(() => 1));
    });
  }

  it.prop([oneDim], runs)('maxWithIndices / minWithIndices: gathering the indices gives the values', ([r, dim, keepdim]) => {
    const x = build(r);
    for (const { values, indices } of [x.maxWithIndices(dim, { keepdim }), x.minWithIndices(dim, { keepdim })]) {
      const idx = keepdim ? indices : indices.unsqueeze(dim < 0 ? dim + r.shape.length : dim);
      const back = x.gather(dim, idx);
      expect(Array.from(back.data())).toEqual(Array.from(values.data()));
    }
  });

  // a correction at or above the count divides by zero: inf or NaN, depending on float32 underflow, so it stays below
  it.prop([operandWithDims(b.dtypes), fc.constantFrom(0, 1)], runs)('var folds like the two-pass oracle and std is its square root', ([r, dims, keepdim], correction) => {
    const x = build(r);
    const axes = axesOf(dims, r.shape.length);
    const n = folded(r, axes);
    const ref = refOf(r);
    const want = reduce(ref, axes, keepdim, varianceOf(correction));
    // the two-pass variance errs by about n·u relative to the mean square (Chan, Golub & LeVeque 1983)
    const scale = reduce(ref, axes, keepdim, (vs) => sumOf(vs.map((v) => v * v)) / Math.max(vs.length - correction, 1));
    const v = expectUnchanged([x], () => x.var(dims, { keepdim, correction }));
    expect(v.dtype).toBe(floatOf(r.dtype));
    expectClose(v, map(want, (w) => storeAs(v.dtype, w)), { terms: n + 2, scale });
    expectClose(x.std(dims, { keepdim, correction }).square(), map(want, (w) => storeAs(v.dtype, w)), { terms: n + 4, scale });
  });

  it.prop([operandWithDims(b.dtypes)], runs)('logsumexp is max + log Σ exp(x - max): exact at ±inf, -inf over an empty dim', ([r, dims, keepdim]) => {
    const x = build(r);
    const axes = axesOf(dims, r.shape.length);
    const ref = refOf(r);
    const y = expectUnchanged([x], () => x.logsumexp(dims, { keepdim }));
    // absolute error: rounding of max (u·|max|) plus the log of an n-term positive sum (n·u)
    const scale = reduce(ref, axes, keepdim, (vs) => Math.max(0, ...vs.filter(Number.isFinite).map(Math.abs)) + 1);
    expectClose(y, map(reduce(ref, axes, keepdim, logsumexpOf), (v) => storeAs(y.dtype, v)), { terms: folded(r, axes), scale });
  });

  it.prop([fc.double({ min: -1000, max: 1000, noNaN: true }), operandWithDims(b.dtypes.filter((d) => d !== 'int32'), (d) => valueArb(d, { extremes: false, specials: false }))], runs)(
    'logsumexp(x + c) = logsumexp(x) + c',
    (c, [r, dims]) => {
      const x = build(r);
      const axes = axesOf(dims, r.shape.length);
      const shifted = x.add(c).logsumexp(dims);
      const scale = reduce(refOf(r), axes, false, (vs) => Math.max(0, ...vs.map(Math.abs)) + Math.abs(c) + 1);
      expectClose(shifted, { shape: shifted.shape, data: Array.from(x.logsumexp(dims).add(c).data()) }, { terms: folded(r, axes) + 2, scale });
    },
  );

  /** Softmax inputs: finite values or -inf (a masked entry); +inf and NaN have no meaningful softmax. */
  const logits = (dtype: DType, center = 0) => fc.oneof(
    { arbitrary: valueArb(dtype, { min: center - 50, max: center + 50, extremes: false, specials: false }), weight: 5 },
    { arbitrary: fc.constant(-Infinity), weight: 1 },
  );
  const softmaxCase = (center: number) => fc.constantFrom(...b.dtypes.filter((d) => d !== 'int32')).chain((dtype) =>
    shapeArb({ minRank: 1 }).chain((shape) => fc.tuple(recipeArb(shape, dtype, { values: logits(dtype, center) }), fc.integer({ min: -shape.length, max: shape.length - 1 }))));

  const softmaxRef = (ref: Ref, d: number): Ref => {
    const lse = reduce(ref, [d], true, logsumexpOf);
    return zip(ref, lse, (v, l) => Math.exp(v - l));
  };

  for (const center of [0, 1000, -1000]) {
    it.prop([softmaxCase(center)], runs)(`softmax and logSoftmax match the oracle, rows sum to 1, no overflow around ${center}`, ([r, dim]) => {
      const x = build(r);
      const d = (dim + r.shape.length) % r.shape.length;
      const n = r.shape[d];
      const ref = refOf(r);
      const p = expectUnchanged([x], () => x.softmax(dim));
      // p is in [0, 1]: each entry errs by the sum's n·u plus a few roundings, absolutely
      expectClose(p, softmaxRef(ref, d), { terms: n + 2, scale: map(ref, () => 1) });
      const lse = reduce(ref, [d], true, logsumexpOf);
      const logP = zip(ref, lse, (v, l) => v - l);
      expectClose(x.logSoftmax(dim), logP, { terms: n + 2, scale: zip(ref, lse, (v, l) => Math.abs(v) + Math.abs(l) + 1) });
      const rowSums = reduce(ref, [d], false, (vs) => (vs.length === 0 ? 0 : vs.every((v) => v === -Infinity) ? NaN : 1));
      expectClose(p.sum(dim), rowSums, { terms: n * (n + 3) });
    });
  }

  const withOrder = fc.constantFrom(...b.dtypes).chain((dtype) => shapeArb().chain((shape) =>
    fc.tuple(recipeArb(shape, dtype), fc.shuffledSubarray([...shape.keys()], { minLength: shape.length, maxLength: shape.length }))));
  it.prop([withOrder], runs)('summing all dims at once equals summing them one at a time, in any order', ([r, order]) => {
    const x = build(r);
    let step: Tensor = x;
    for (const d of order) step = step.sum(d, { keepdim: true });
    const n = r.shape.reduce((a, s) => a * s, 1);
    const scale = { shape: [], data: [absSum(refOf(r).data)] };
    const total = { shape: [], data: [storeAs(r.dtype, sumOf(refOf(r).data))] };
    expectClose(step.reshape([]), total, { terms: n, scale });
    expectClose(x.sum(order), total, { terms: n, scale });
    expectClose(x.sum(), total, { terms: n, scale });
  });
});
