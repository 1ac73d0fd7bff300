/**
 * Exercise 7.6 — Autoencoder: forward pass and reconstruction loss (9 points)
 *
 * The practicum's autoencoder squeezes an input x [n, input] into a code h = tanh(x·W_encᵀ +
 * b_enc) of width `code`, then rebuilds it, x̂ = h·W_decᵀ + b_dec (a linear output here: our
 * points live anywhere in the plane, not in tanh's [−1, 1]). Weights follow nn.Linear's layout,
 * one row per output: W_enc is [code, input], W_dec is [input, code]. Seen as an energy-based
 * model, the reconstruction error of each example is its energy, E(y) = ‖y − ŷ‖², summed over
 * the features; the reconstruction loss is the mean of E over the batch. These functions take
 * and return autograd Variables (their ops are the Tensor's), so that 7.7 can differentiate
 * them: build every result from the Variables' own ops.
 *
 * Guide: exercises/week7/README.md#76-autoencoder-forward-pass-and-reconstruction-loss · Checks: test/week7/7.6-autoencoder.checks.ts
 */
import type { Variable } from '@gradschool/autograd';
import { NotImplementedError } from '../not-implemented.ts';

/** The weights of a one-layer encoder and decoder, as Variables (7.6) or Tensors (7.7). */
export interface AutoEncoderParams<T> {
  /** [code, input] */
  encoderWeight: T;
  /** [code] */
  encoderBias: T;
  /** [input, code] */
  decoderWeight: T;
  /** [input] */
  decoderBias: T;
}

/** The code h = tanh(x·W_encᵀ + b_enc): [n, input] → [n, code]. */
export function encode(x: Variable, params: AutoEncoderParams<Variable>): Variable {
  throw new NotImplementedError('7.6', 'encode');
}

/** The reconstruction x̂ = h·W_decᵀ + b_dec: [n, code] → [n, input]. */
export function decode(h: Variable, params: AutoEncoderParams<Variable>): Variable {
  throw new NotImplementedError('7.6', 'decode');
}

/** E(y) = ‖y − ŷ‖² for each example (row): [n, features] twice → [n]. */
export function reconstructionEnergy(y: Variable, reconstruction: Variable): Variable {
  throw new NotImplementedError('7.6', 'reconstructionEnergy');
}

/** The mean over the batch of the examples' energies: a scalar. */
export function reconstructionLoss(y: Variable, reconstruction: Variable): Variable {
  throw new NotImplementedError('7.6', 'reconstructionLoss');
}
