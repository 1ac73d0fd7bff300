/**
 * Exercise 7.3 — Training K-means by coordinate descent: Lloyd's algorithm (10 points)
 *
 * Training K-means lowers the mean free energy of the data, mean_i min_z ‖y_i − Wz‖², and the
 * notes find coordinate descent better and faster than gradient steps. One step fixes W and
 * chooses every z (inference, your 7.1), then fixes z and chooses the best W: each prototype
 * moves to the mean of the points that chose it. A prototype that no point chose keeps its place
 * (its mean would be 0/0). Neither half can raise the energy, so repeating the step converges:
 * `kmeans` repeats it until W no longer changes, or `maxSteps` steps have been taken, and
 * records the mean free energy before the first step and after each one.
 *
 * Guide: exercises/week7/README.md#73-lloyds-algorithm · Checks: test/week7/7.3-lloyd.checks.ts
 */
import { oneHot, type Tensor, where } from '@gradschool/tensor';
import { kmeansInfer } from './7.1-kmeans.ts';

/** One Lloyd step on data y [n, d] from prototypes W [d, k]: the new prototypes [d, k]. */
export function lloydStep(y: Tensor, w: Tensor): Tensor {
  const z = oneHot(kmeansInfer(y, w).z, w.shape[1]).to(w.dtype); // [n, k]: which prototype each point chose
  const counts = z.sum(0); // [k]
  const sums = y.T.matmul(z); // [d, k]: the sum of each prototype's points
  return where(counts.gt(0), sums.div(counts.maximum(1)), w);
}

export interface KMeansRun {
  /** The final prototypes [d, k]. */
  w: Tensor;
  /** The closest final prototype of every point, int32 [n]. */
  z: Tensor;
  /** Mean free energy of the data before the first step, then after each step taken. */
  energies: number[];
}

/** Lloyd steps from W until W stops changing or `maxSteps` have been taken. */
export function kmeans(y: Tensor, w: Tensor, maxSteps: number): KMeansRun {
  const meanEnergy = (prototypes: Tensor) => kmeansInfer(y, prototypes).energy.mean().item();
  const energies = [meanEnergy(w)];
  for (let step = 0; step < maxSteps; step++) {
    const next = lloydStep(y, w);
    const moved = next.ne(w).sum().item() > 0;
    w = next;
    energies.push(meanEnergy(w));
    if (!moved) break;
  }
  return { w, z: kmeansInfer(y, w).z, energies };
}
