/**
 * Exercise 7.10 — Inferring a continuous latent by gradient descent (9 points)
 *
 * K-means (7.1) chooses its latent z among k one-hot vectors; let z be any vector instead, with
 * a small penalty that keeps it short: E(y, z) = ‖y − Wz‖² + λ‖z‖², for data y [n, d], a
 * decoder W [d, k] and latents z [n, k] (one per row, so Wz is row-wise z·Wᵀ). There is no
 * list to search: inference, ž = argmin_z E(y, z), walks down the gradient
 * ∂E/∂z = −2Wᵀ(y − Wz) + 2λz, z ← z − lr·∂E/∂z, from a start z0 that it leaves untouched, and
 * returns ž with the free energy at zero temperature, F(y) = E(y, ž).
 *
 * Guide: exercises/week7/README.md#710-inferring-a-continuous-latent · Checks: test/week7/7.10-latent-descent.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** E(y, z) = ‖y − Wz‖² + λ‖z‖² for each row: [n]. */
export function latentEnergy(y: Tensor, w: Tensor, z: Tensor, lambda: number): Tensor {
  throw new NotImplementedError('7.10', 'latentEnergy');
}

/** ∂E/∂z = −2(y − Wz)ᵀW + 2λz for each row: [n, k], like z. */
export function latentEnergyGradient(y: Tensor, w: Tensor, z: Tensor, lambda: number): Tensor {
  throw new NotImplementedError('7.10', 'latentEnergyGradient');
}

export interface DescentOptions {
  lambda: number;
  steps: number;
  lr: number;
}

/** `steps` gradient steps on E(y, ·) from z0: the latents ž [n, k] and their energies F(y) = E(y, ž) [n]. */
export function inferLatent(y: Tensor, w: Tensor, z0: Tensor, options: DescentOptions): { z: Tensor; energy: Tensor } {
  throw new NotImplementedError('7.10', 'inferLatent');
}
