/**
 * Exercise 7.7 — Training a denoising autoencoder, and its energy (12 points)
 *
 * The denoising autoencoder's training step, from the notes: take a point y and corrupt it,
 * then train the encoder and decoder to reconstruct the original point from the corrupted one.
 * `daeStep` does one step of gradient descent on the reconstruction loss of your 7.6 with the
 * noisy points as input and the clean points as target, p ← p − lr·∂loss/∂p for all four
 * parameters, and reports the loss before the step. `trainDae` draws the initial weights from
 * the generator, normal with variance 1/fan-in (biases 0), and takes `steps` such steps on the
 * whole batch, corrupting the clean data afresh (with `options.corrupt`, e.g. your 7.5) before
 * every one. Once trained, the reconstruction error E(y) = ‖y − dec(enc(y))‖² is an energy: low
 * on the data, and growing as y moves away from it, because the autoencoder maps points near
 * the data back onto it.
 *
 * Guide: exercises/week7/README.md#77-training-a-denoising-autoencoder · Checks: test/week7/7.7-dae.checks.ts
 */
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';
import type { AutoEncoderParams } from './7.6-autoencoder.ts';

export type Params = AutoEncoderParams<Tensor>;

/** One gradient step on mean ‖clean − dec(enc(noisy))‖²: the new parameters, and the loss before the step. */
export function daeStep(params: Params, noisy: Tensor, clean: Tensor, lr: number): { params: Params; loss: number } {
  throw new NotImplementedError('7.7', 'daeStep');
}

/** E(y) = ‖y − dec(enc(y))‖² for every point (row) of y: [n]. */
export function daeEnergy(params: Params, y: Tensor): Tensor {
  throw new NotImplementedError('7.7', 'daeEnergy');
}

export interface DaeOptions {
  /** Width of the code. */
  hidden: number;
  steps: number;
  lr: number;
  /** Draws the initial weights and, through `corrupt`, the noise. */
  gen: Generator;
  /** Returns a corrupted copy of the clean data, drawing from gen. */
  corrupt: (clean: Tensor, gen: Generator) => Tensor;
}

/** Train a denoising autoencoder on clean [n, input]: the parameters, and the loss of every step. */
export function trainDae(clean: Tensor, options: DaeOptions): { params: Params; losses: number[] } {
  throw new NotImplementedError('7.7', 'trainDae');
}
