/** The denoising autoencoder seen as an energy-based model (course notes, week 7B, "Denoising autoencoder"). */
import { formatShape, ShapeError } from '@gradschool/tensor';
import type { Values } from '../values.ts';
import { checkData } from '../../check.ts';

/**
 * E(y) = ‖y − ŷ‖², the squared reconstruction error of each example (rows of y and of its
 * reconstruction ŷ = dec(enc(y))). A DAE trained to map corrupted points back to the data makes
 * this small on the data manifold and, the notes say, grow quadratically away from it: far from
 * the data ŷ still lands near the manifold, so y − ŷ is about the distance to it.
 */
export function reconstructionEnergy<T extends Values<T>>(y: T, reconstruction: T): T {
  checkData('reconstructionEnergy', 'y', y);
  checkData('reconstructionEnergy', 'reconstruction', reconstruction);
  if (formatShape(y.shape) !== formatShape(reconstruction.shape) || y.ndim < 1) {
    throw new ShapeError(`reconstructionEnergy: data ${formatShape(y.shape)} and reconstruction ${formatShape(reconstruction.shape)} must have one shape, examples along dim 0`);
  }
  return y.sub(reconstruction).square().sum(-1);
}
