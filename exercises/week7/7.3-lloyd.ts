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
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** One Lloyd step on data y [n, d] from prototypes W [d, k]: the new prototypes [d, k]. */
export function lloydStep(y: Tensor, w: Tensor): Tensor {
  throw new NotImplementedError('7.3', 'lloydStep');
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
  throw new NotImplementedError('7.3', 'kmeans');
}
