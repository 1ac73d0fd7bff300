/**
 * Exercise 2.9 — Practical tricks: standardisation, He initialisation, shuffled minibatches (10 points)
 *
 * Three habits from the lecture that make backprop train well. Standardise each input feature
 * (column) to zero mean and unit variance, with statistics fitted on the training set only and
 * reused, unchanged, on any other data (divide by the population std, N in the denominator; a
 * constant feature, std 0, is divided by 1). Initialise a ReLU layer's weights [fanOut, fanIn]
 * with mean 0 and variance 2/fanIn (He et al.), drawn from the generator you are given, so
 * that signals neither explode nor fade through the layers and every run can be replayed.
 * Visit the training set in a fresh random order each epoch, cut into minibatches of batchSize
 * (the last one may be smaller), so every example is used exactly once per epoch.
 *
 * Guide: exercises/week2/README.md#29-practical-tricks · Checks: test/week2/2.9-practical-tricks.checks.ts
 */
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** Per-feature statistics, each of shape [features]. */
export interface Stats {
  mean: Tensor;
  std: Tensor;
}

/**
 * x [N, features] rescaled per column. Without `stats` they are fitted on x itself; with them
 * (fitted on the training set) they are applied as they are. Returns the stats that were used.
 */
export function standardize(x: Tensor, stats?: Stats): Stats & { x: Tensor } {
  throw new NotImplementedError('2.9', 'standardize');
}

/** Weights [fanOut, fanIn] for a layer followed by ReLU: mean 0, variance 2/fanIn. */
export function heInit(fanIn: number, fanOut: number, gen: Generator): Tensor {
  throw new NotImplementedError('2.9', 'heInit');
}

/** The indices 0..n-1 in a random order, cut into consecutive batches of batchSize. */
export function minibatches(n: number, batchSize: number, gen: Generator): number[][] {
  throw new NotImplementedError('2.9', 'minibatches');
}
