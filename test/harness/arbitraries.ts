/** Generators of the inputs the properties range over: shapes, values, seeds. */
import fc from 'fast-check';
import { type Nd, nd, sizeOf } from './nd.ts';

/**
 * Finite float64 values at every scale a model meets: moderate ones, tiny ones, and integers up
 * to ±limit (large enough that exp overflows). Integers shrink to readable counterexamples.
 */
export function finite(limit = 1e4): fc.Arbitrary<number> {
  return fc.oneof(
    { weight: 5, arbitrary: fc.double({ min: -10, max: 10, noNaN: true }) },
    { weight: 2, arbitrary: fc.integer({ min: -limit, max: limit }) },
    { weight: 1, arbitrary: fc.double({ min: -limit, max: limit, noNaN: true }) },
    { weight: 1, arbitrary: fc.double({ min: -1e-6, max: 1e-6, noNaN: true }) },
  );
}

/** Moderate values only, for gradients and inputs whose size is not the point. */
export const moderate = (limit = 5): fc.Arbitrary<number> => fc.double({ min: -limit, max: limit, noNaN: true });

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
