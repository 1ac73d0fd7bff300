/**
 * Generators shared by the suites. A property receives shapes and integer seeds (printable when
 * it fails); `randomTensor` turns a seed into float64 values. Its domains keep relu and abs off
 * their kink at 0; the tests of max/min, maximum/minimum and clamp leave out the rare inputs
 * within 1e-5 of a kink, where gradcheck's central differences would straddle it.
 */
import { fc } from '@fast-check/vitest';
import { Generator, randn, type Tensor } from '@gradschool/tensor';

export interface ShapeOptions { minRank?: number; maxRank?: number; minSize?: number; maxSize?: number }

/** Sizes drawn from min..max with 1 (the broadcasting case) drawn often. */
export function shapeArb({ minRank = 0, maxRank = 3, minSize = 1, maxSize = 4 }: ShapeOptions = {}): fc.Arbitrary<number[]> {
  const some = fc.integer({ min: minSize, max: maxSize });
  const size = minSize <= 1 && maxSize >= 1 ? fc.oneof(fc.constant(1), some, some) : some;
  return fc.array(size, { minLength: minRank, maxLength: maxRank });
}

/** A shape that broadcasts to `shape`: some leading axes cut, some sizes set to 1. */
export function broadcastableTo(shape: readonly number[]): fc.Arbitrary<number[]> {
  return fc.record({ drop: fc.integer({ min: 0, max: shape.length }), ones: fc.array(fc.boolean(), { minLength: shape.length, maxLength: shape.length }) })
    .map(({ drop, ones }) => shape.map((d, i) => (ones[i] ? 1 : d)).slice(drop));
}

/** Two shapes that broadcast together (both derived from one common shape). */
export function broadcastPairArb(options: ShapeOptions = {}): fc.Arbitrary<[number[], number[]]> {
  return shapeArb(options).chain((shape) => fc.tuple(broadcastableTo(shape), broadcastableTo(shape)));
}

export const seedArb = fc.integer({ min: 0, max: 2 ** 31 - 1 });

/** Magnitudes from tiny to large; each op's test picks the ones its domain allows. */
export const scaleArb = fc.constantFrom(1e-3, 0.3, 1, 4);

export interface ValueOptions {
  scale?: number;
  /** 'positive' keeps values >= scale/2 (log, sqrt); 'nonzero' keeps |values| >= scale/2 (division). */
  domain?: 'any' | 'positive' | 'nonzero';
}

/** Seeded float64 normal values, times `scale`, moved into the op's domain. */
export function randomTensor(shape: readonly number[], seed: number, { scale = 1, domain = 'any' }: ValueOptions = {}): Tensor {
  const z = randn(shape, new Generator(seed), { dtype: 'float64' }).mul(scale);
  if (domain === 'positive') return z.abs().add(scale / 2);
  if (domain === 'nonzero') return z.add(z.ge(0).sub(0.5).mul(scale));
  return z;
}

/**
 * A dim argument for a tensor of rank `rank`: undefined (all), one axis (maybe negative), or a list.
 * A 0-d tensor has dim 0 (alias -1) too, as in PyTorch: it folds the one element.
 */
export function dimsArb(rank: number): fc.Arbitrary<number | number[] | undefined> {
  if (rank === 0) return fc.constantFrom(undefined, 0, -1, [0]);
  const axis = fc.integer({ min: -rank, max: rank - 1 });
  const list = fc.subarray([...Array(rank).keys()], { minLength: 1 });
  return fc.oneof(fc.constant(undefined), axis, list);
}

export const numRuns = 40;
