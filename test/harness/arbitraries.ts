/** Generators of the inputs the properties range over: shapes, values, seeds. */
import fc from 'fast-check';
import { type Nd, nd, sizeOf } from './nd.ts';

/**
 * Multiples of 1/8 in [−limit, limit]: exact in binary, and a failing input shrinks to a readable
 * one (0.125, not 1.4462602843426e-1) that fails by a visible margin rather than at the edge of
 * a tolerance.
 */
export const moderate = (limit = 5): fc.Arbitrary<number> => fc.integer({ min: -8 * limit, max: 8 * limit }).map((k) => k / 8);

/**
 * Values at every scale a model meets: moderate ones, integers up to ±limit (large enough for
 * exp to overflow) and tiny ones.
 */
export function finite(limit = 1e4): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: moderate(10) },
    { weight: 3, arbitrary: fc.integer({ min: -limit, max: limit }) },
    { weight: 1, arbitrary: fc.integer({ min: -1000, max: 1000 }).map((k) => k * 1e-9) },
  );
}

export interface ShapeOptions {
  minRank?: number;
  maxRank?: number;
  /** Smallest size of an axis; 0 allows empty tensors. */
  minSize?: number;
  maxSize?: number;
}

export function shapes(opts: ShapeOptions = {}): fc.Arbitrary<number[]> {
  const { minRank = 1, maxRank = 3, minSize = 1, maxSize = 4 } = opts;
  return fc.array(fc.integer({ min: minSize, max: maxSize }), { minLength: minRank, maxLength: maxRank });
}

/** An array of the given shape filled from `values`. */
export function ndOf(shape: readonly number[], values: fc.Arbitrary<number> = finite()): fc.Arbitrary<Nd> {
  const n = sizeOf(shape);
  return fc.array(values, { minLength: n, maxLength: n }).map((data) => nd(shape, data));
}

/** An array of any shape the shape generator makes. */
export function ndArb(shape: fc.Arbitrary<number[]>, values: fc.Arbitrary<number> = finite()): fc.Arbitrary<Nd> {
  return shape.chain((s) => ndOf(s, values));
}

/** A dim of a tensor of this rank, negative (from the end) as often as not. */
export const dimOf = (rank: number): fc.Arbitrary<number> => fc.integer({ min: -rank, max: rank - 1 });

/** A generator seed. */
export const seeds = (): fc.Arbitrary<number> => fc.integer({ min: 0, max: 2 ** 31 - 1 });
