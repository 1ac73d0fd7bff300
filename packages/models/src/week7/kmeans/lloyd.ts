/**
 * Training the K-means energy by coordinate descent (Lloyd's algorithm), which the notes find
 * "actually works better and faster" than gradient steps (see `gradient-step.ts`). Both only
 * push energy down near the data: an architectural method, where with k prototypes at most k
 * points can have zero energy.
 */
import { checkGenerator, checkTensor, formatShape, type Generator, indexSelect, oneHot, type Tensor, where } from '@gradschool/tensor';
import { checkCount } from '../../check.ts';
import { checkKMeans, kmeansInfer } from './energy.ts';

/** k distinct data points, chosen at random, as the first prototypes: W [d, k]. */
export function kmeansInit(y: Tensor, k: number, generator: Generator): Tensor {
  checkTensor('kmeansInit', 'data', y);
  checkCount('kmeansInit', 'k', k, 1);
  checkGenerator('kmeansInit', generator);
  if (y.ndim !== 2 || k > y.shape[0]) {
    throw new RangeError(`kmeansInit: cannot choose ${k} prototypes from data of shape ${formatShape(y.shape)} (need [n, d] with n ≥ k)`);
  }
  return indexSelect(y, 0, generator.permutation(y.shape[0]).slice(0, k)).T.contiguous();
}

/**
 * One step of coordinate descent (Lloyd's algorithm): fix W and choose every z (inference), then
 * fix z and choose the best W, which puts each prototype at the mean of the points it won.
 * Neither half can raise the mean free energy. A prototype that won no point stays where it is.
 */
export function lloydStep(y: Tensor, w: Tensor): Tensor {
  checkKMeans('lloydStep', y, w);
  const z = oneHot(kmeansInfer(y, w).z, w.shape[1]).to(w.dtype); // [n, k]
  const counts = z.sum(0); // [k]
  const sums = y.T.matmul(z); // [d, k]
  return where(counts.gt(0), sums.div(counts.maximum(1)), w);
}
