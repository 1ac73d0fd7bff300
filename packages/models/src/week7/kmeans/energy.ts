/**
 * K-means as a latent-variable energy-based model (course notes, week 7B, "Latent variable EBM
 * example: K-means"):  E(y, z) = ‖y − W z‖²  with z a one-hot vector, so W z is one column of W,
 * one of the k prototypes. Inference picks the closest prototype; F(y) = min_z E(y, z).
 */
import { formatShape, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkData } from '../../check.ts';
import { inferDiscrete } from '../ebm/free-energy.ts';
import type { Values } from '../values.ts';

/** Data Y [n, d] (one point per row) against prototypes W [d, k] (one per column). */
export function checkKMeans(op: string, y: { shape: readonly number[] }, w: { shape: readonly number[] }): void {
  checkData(op, 'data', y);
  checkData(op, 'prototypes', w);
  if (y.shape.length !== 2 || w.shape.length !== 2 || y.shape[1] !== w.shape[0] || w.shape[1] === 0) {
    throw new ShapeError(
      `${op}: data ${formatShape(y.shape)} must be [n, d] and prototypes ${formatShape(w.shape)} must be [d, k] with k ≥ 1 (one prototype per column)`,
    );
  }
}

/** E(y_i, z = e_j) = ‖y_i − W[:, j]‖² for every point i and prototype j: an [n, k] table. */
export function kmeansEnergy<T extends Values<T>>(y: T, w: T): T {
  checkKMeans('kmeansEnergy', y, w);
  // [n, d, 1] − [d, k] broadcasts to [n, d, k]; the difference itself, not ‖y‖² − 2yᵀw + ‖w‖², so no cancellation
  return y.unsqueeze(2).sub(w).square().sum(1);
}

/** Inference: ž_i = the index of the prototype closest to y_i, and F(y_i) = its squared distance. */
export function kmeansInfer<T extends Values<T>>(y: T, w: T): { z: Tensor; energy: T } {
  return inferDiscrete(kmeansEnergy(y, w));
}
