/** Training the K-means energy by gradient descent, the first approach the notes describe. */
import { variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';
import { checkPositive } from '../../check.ts';
import { checkKMeans, kmeansInfer } from './energy.ts';

/**
 * One gradient step on the mean zero-temperature free energy L(W) = mean_i min_z ‖y_i − W z‖².
 * Its gradient moves each prototype towards the points it wins, lr times 2/n times their summed
 * offsets: the notes' "take a gradient step" variant, slower than Lloyd's jump to the mean.
 */
export function kmeansGradientStep(y: Tensor, w: Tensor, lr: number): Tensor {
  checkKMeans('kmeansGradientStep', y, w);
  checkPositive('kmeansGradientStep', 'lr', lr);
  const wv = variable(w, { requiresGrad: true });
  kmeansInfer(variable(y), wv).energy.mean().backward();
  return w.sub((wv.grad as Tensor).mul(lr));
}
