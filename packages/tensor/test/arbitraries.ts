/**
 * fast-check generators: shapes, values, and tensors laid out with odd strides. A generated
 * operand is a plain recipe (printable when a property fails); `build` turns it into a tensor
 * and `refOf` into the oracle's array with the same logical values.
 */
import { fc } from '@fast-check/vitest';
import { type Tensor, tensor } from '../src/index.ts';
import { broadcastTo, count, type DType, type Ref, ravel, type Shape, unravel } from './oracle.ts';

/** Sizes 0..max, with 1 (the broadcasting case) drawn often. */
export function sizeArb(min = 0, max = 5): fc.Arbitrary<number> {
  const some = fc.integer({ min, max });
  return min <= 1 && max >= 1 ? fc.oneof({ arbitrary: fc.constant(1), weight: 1 }, { arbitrary: some, weight: 3 }) : some;
}

export interface ShapeOptions { minRank?: number; maxRank?: number; minSize?: number; maxSize?: number }

export function shapeArb({ minRank = 0, maxRank = 4, minSize = 0, maxSize = 5 }: ShapeOptions = {}): fc.Arbitrary<number[]> {
  return fc.array(sizeArb(minSize, maxSize), { minLength: minRank, maxLength: maxRank });
}

/** `n` shapes that broadcast together: cut leading axes of a common shape and set some sizes to 1. */
export function broadcastShapesArb(n: number, options: ShapeOptions = {}): fc.Arbitrary<number[][]> {
  const derive = (shape: number[]) =>
    fc.record({ drop: fc.integer({ min: 0, max: shape.length }), ones: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }) })
      .map(({ drop, ones }) => shape.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
  return shapeArb(options).chain((shape) => fc.tuple(...Array.from({ length: n }, () => derive(shape))));
}

/**
 * Values for a dtype: ordinary fractions, small integers and halves (ties for max and round),
 * extremes (±1e30, ±1e-30) that catch overflow and underflow, and now and then NaN and ±inf.
 * float32 values are exactly representable.
 */
export function valueArb(dtype: DType, { min = -100, max = 100, extremes = true, specials = true } = {}): fc.Arbitrary<number> {
  if (dtype === 'int32') return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  const picks: fc.WeightedArbitrary<number>[] = [{ arbitrary: fc.double({ min, max, noNaN: true }), weight: 4 }];
  const near = Math.min(Math.max(0, min), max); // the point of [min, max] nearest 0
  const [lo, hi] = [Math.ceil(2 * Math.max(min, near - 5)), Math.floor(2 * Math.min(max, near + 5))];
  if (lo <= hi) picks.push({ arbitrary: fc.integer({ min: lo, max: hi }).map((v) => v / 2), weight: 2 });
  const wild = [1e30, -1e30, 1e-30, -1e-30, 3.5e-5, -123456.75].filter((v) => v >= min && v <= max);
  if (extremes && wild.length > 0) picks.push({ arbitrary: fc.constantFrom(...wild), weight: 1 });
  if (specials) picks.push({ arbitrary: fc.constantFrom(NaN, Infinity, -Infinity), weight: 1 });
  return fc.oneof(...picks).map((v) => (dtype === 'float32' ? Math.fround(v) : v));
}

/**
 * How an operand sits in memory. Storage axis k holds logical axis perm[k]; along logical axis
 * d elements are `steps[d]` apart after `starts[d]` padding; axes where `source` is 1 but
 * `shape` is not are broadcast with stride 0. Padding is filled with a sentinel (NaN for
 * floats) so an op that reads outside the view shows it.
 */
export interface Recipe {
  dtype: DType;
  shape: number[];
  source: number[];
  values: number[];
  perm: number[];
  steps: number[];
  starts: number[];
}

// below 2^24, so the gpu backend (int32 held as float32, exact to 2^24) can hold the padding too
const SENTINEL_INT = 0xbeef01;

export interface RecipeOptions { values?: fc.Arbitrary<number>; broadcast?: boolean }

export function recipeArb(shape: readonly number[], dtype: DType, { values = valueArb(dtype), broadcast = true }: RecipeOptions = {}): fc.Arbitrary<Recipe> {
  const rank = shape.length;
  const axes = [...shape.keys()];
  const flags = (p: fc.Arbitrary<boolean>) => fc.array(p, { minLength: rank, maxLength: rank });
  const contiguous = fc.constant({ perm: axes, steps: axes.map(() => 1), starts: axes.map(() => 0), expand: axes.map(() => false) });
  const strided = fc.record({
    perm: fc.shuffledSubarray(axes, { minLength: rank, maxLength: rank }),
    steps: fc.array(fc.integer({ min: 1, max: 3 }), { minLength: rank, maxLength: rank }),
    starts: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: rank, maxLength: rank }),
    expand: broadcast ? flags(fc.boolean()) : flags(fc.constant(false)),
  });
  return fc.oneof({ arbitrary: contiguous, weight: 1 }, { arbitrary: strided, weight: 3 }).chain(({ perm, steps, starts, expand }) => {
    const source = shape.map((d, i) => (expand[i] ? 1 : d));
    return fc.array(values, { minLength: count(source), maxLength: count(source) })
      .map((vs): Recipe => ({ dtype, shape: [...shape], source, values: vs, perm, steps, starts }));
  });
}

/** A shape from `shapes`, then a recipe for it. */
export const operandArb = (dtype: DType, shapes: fc.Arbitrary<number[]> = shapeArb(), options?: RecipeOptions): fc.Arbitrary<Recipe> =>
  shapes.chain((s) => recipeArb(s, dtype, options));

/** An operand in any of `dtypes`. */
export const anyOperandArb = (dtypes: readonly DType[], shapes?: fc.Arbitrary<number[]>): fc.Arbitrary<Recipe> =>
  fc.constantFrom(...dtypes).chain((dtype) => operandArb(dtype, shapes));

const primeFactors = (n: number): number[] => {
  const out: number[] = [];
  for (let p = 2; n > 1; p++) for (; n % p === 0; n /= p) out.push(p);
  return out;
};

/** Another shape with the same number of elements: the prime factors regrouped, with 1s sprinkled in. */
export function sameCountShapeArb(shape: readonly number[]): fc.Arbitrary<number[]> {
  const n = count(shape);
  const ones = fc.array(fc.nat(), { maxLength: 2 });
  if (n === 0) {
    return fc.tuple(fc.array(sizeArb(), { maxLength: 3 }), fc.nat()).map(([rest, at]) => {
      const out = [...rest];
      out.splice(at % (out.length + 1), 0, 0);
      return out;
    });
  }
  const factors = primeFactors(n);
  return fc.tuple(fc.shuffledSubarray(factors, { minLength: factors.length, maxLength: factors.length }), fc.array(fc.boolean(), { minLength: factors.length, maxLength: factors.length }), ones)
    .map(([order, cuts, extra]) => {
      const out: number[] = [];
      order.forEach((p, i) => (i > 0 && !cuts[i] ? (out[out.length - 1] *= p) : out.push(p)));
      for (const at of extra) out.splice(at % (out.length + 1), 0, 1);
      return out;
    });
}

/** The oracle's view of a recipe: its logical values, broadcast to its shape. */
export const refOf = (r: Recipe): Ref => broadcastTo({ shape: r.source, data: r.values }, r.shape);

/** The storage shape of a recipe (storage axis k holds logical axis perm[k]). */
const storageShape = (r: Recipe): number[] => r.perm.map((d) => r.starts[d] + r.source[d] * r.steps[d]);

export function build(r: Recipe): Tensor {
  const baseShape = storageShape(r);
  const base = new Array<number>(count(baseShape)).fill(r.dtype === 'int32' ? SENTINEL_INT : NaN);
  for (let i = 0; i < r.values.length; i++) {
    const index = unravel(i, r.source);
    base[ravel(r.perm.map((d) => r.starts[d] + index[d] * r.steps[d]), baseShape)] = r.values[i];
  }
  let t = tensor(base, { shape: baseShape, dtype: r.dtype });
  r.perm.forEach((d, k) => {
    t = t.slice(k, r.starts[d], r.starts[d] + r.source[d] * r.steps[d], r.steps[d]);
  });
  t = t.permute(r.perm.map((_, d) => r.perm.indexOf(d)));
  return sameShape(r.shape, r.source) ? t : t.expand(r.shape);
}

const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);
