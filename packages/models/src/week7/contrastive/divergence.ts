/**
 * Contrastive divergence (course notes, week 7B): "give a random kick to our training point and
 * then move down the energy function using gradient descent. At the end of the trajectory, we
 * push up the energy for the point we land on."
 */
import type { Variable } from '@gradschool/autograd';
import { checkTensor, type Generator, type Tensor } from '@gradschool/tensor';
import { checkFunction, checkNonNegative } from '../../check.ts';
import { corruptGaussian } from '../corrupt.ts';
import { type Descent, descendEnergy } from '../ebm/descend.ts';

export interface ContrastiveOptions {
  /** Standard deviation of the random kick (default 0.5). */
  kick?: number;
  /** Gradient steps down the energy after the kick (default 10): few, so ȳ stays near where it landed. */
  steps?: number;
  /** Step size of that descent (default 0.05). */
  lr?: number;
  /** Keep every point of the trajectories, to draw them. */
  keepPath?: boolean;
}

/**
 * The contrastive points ȳ for data y: y + kick·ε, then `steps` of gradient descent on E. They
 * are the places the current energy wrongly calls plausible: low, yet not data. Training
 * pushes E down at y and up at ȳ (for instance with `marginLoss`).
 */
export function contrastivePoints(energy: (y: Variable) => Variable, y: Tensor, generator: Generator, opts: ContrastiveOptions = {}): Descent {
  checkFunction('contrastivePoints', 'energy', energy);
  checkTensor('contrastivePoints', 'y', y);
  const kicked = corruptGaussian(y, checkNonNegative('contrastivePoints', 'kick', opts.kick ?? 0.5), generator);
  return descendEnergy(energy, kicked, { steps: opts.steps ?? 10, lr: opts.lr ?? 0.05, keepPath: opts.keepPath });
}
