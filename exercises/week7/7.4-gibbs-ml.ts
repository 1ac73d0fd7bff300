/**
 * Exercise 7.4 — The Gibbs distribution and the maximum-likelihood loss with its gradient (12 points)
 *
 * An energy becomes a probability through the Gibbs distribution, P(y) = exp(−βE(y)) / Σ_y'
 * exp(−βE(y')): low energy, high probability (compute it from E − min E, as in 7.2, so that
 * nothing overflows). Maximum likelihood trains the energy by minimising the negative log of
 * P(Y) at the observed Y, scaled by 1/β: L = E(Y) + (1/β) log Σ_y exp(−βE(y)) — which is
 * E(Y) minus the free energy of your 7.2 over all y. For a batch, `energies` is [n, G] (one row
 * of E over a grid of G values of y per example), `targets` int32 [n] the index of each observed
 * Y; the loss is the mean over the batch. Its gradient with respect to the energies is
 * (onehot(Y) − P) / n: gradient descent pushes the energy down at the data and up at every y in
 * proportion to its probability.
 *
 * Guide: exercises/week7/README.md#74-gibbs-distribution-and-maximum-likelihood · Checks: test/week7/7.4-gibbs-ml.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** P = exp(−βE) / Σ exp(−βE) along `dim`: one distribution per line, same shape as `energies`. */
export function gibbs(energies: Tensor, beta: number, dim = -1): Tensor {
  throw new NotImplementedError('7.4', 'gibbs');
}

/** mean over the batch of E(Y) + (1/β) log Σ_y exp(−βE(y)), for energies [n, G] and targets int32 [n]: a scalar. */
export function mlLoss(energies: Tensor, targets: Tensor, beta: number): Tensor {
  throw new NotImplementedError('7.4', 'mlLoss');
}

/** ∂L/∂energies = (onehot(targets) − P) / n, shaped like `energies`. */
export function mlLossGradient(energies: Tensor, targets: Tensor, beta: number): Tensor {
  throw new NotImplementedError('7.4', 'mlLossGradient');
}
