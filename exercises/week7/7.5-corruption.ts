/**
 * Exercise 7.5 — Corrupting the data for a denoising autoencoder (10 points)
 *
 * A denoising autoencoder learns to put low energy on the data and higher energy around it by
 * undoing corruptions: "take a point y and corrupt it". Write two corruptions. Gaussian noise,
 * ỹ = y + σε with ε ~ N(0, I), kicks every entry independently. Masking noise sets each entry to
 * 0 with probability p, independently (for an image: random pixels switched off), and leaves
 * the others exactly as they were. Draw every random number from the generator you are given,
 * so that a run can be replayed from its seed and each call draws fresh noise; return a new
 * tensor of y's shape and dtype, and leave y untouched.
 *
 * Guide: exercises/week7/README.md#75-corrupting-the-data · Checks: test/week7/7.5-corruption.checks.ts
 */
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** y + σ·ε, with ε standard normal, drawn from gen, for every entry. */
export function corruptGaussian(y: Tensor, sigma: number, gen: Generator): Tensor {
  throw new NotImplementedError('7.5', 'corruptGaussian');
}

/** y with each entry set to 0 with probability p (drawn from gen), the others unchanged. */
export function corruptMask(y: Tensor, p: number, gen: Generator): Tensor {
  throw new NotImplementedError('7.5', 'corruptMask');
}
