/**
 * Exercise 7.1 — K-means energy and inference (10 points)
 *
 * K-means is a latent-variable energy-based model: E(y, z) = ‖y − Wz‖² with z a one-hot vector,
 * so Wz is one column of W, one of the k prototypes. `kmeansEnergy` gives the whole table of
 * energies, one row per point of y [n, d] and one column per prototype of W [d, k]. Inference
 * finds the latent that fits best, ž = argmin_z E(y, z) — the index of the closest prototype —
 * and the free energy at zero temperature, F(y) = min_z E(y, z): zero at the k prototypes,
 * growing quadratically away from them.
 *
 * Guide: exercises/week7/README.md#71-k-means-energy-and-inference · Checks: test/week7/7.1-kmeans.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** E[i, j] = ‖y_i − W[:, j]‖² for data y [n, d] and prototypes W [d, k]: an [n, k] table. */
export function kmeansEnergy(y: Tensor, w: Tensor): Tensor {
  throw new NotImplementedError('7.1', 'kmeansEnergy');
}

/** The closest prototype of every point (int32 [n]) and its energy F(y) = min_z E(y, z) ([n]). */
export function kmeansInfer(y: Tensor, w: Tensor): { z: Tensor; energy: Tensor } {
  throw new NotImplementedError('7.1', 'kmeansInfer');
}
