/** One step of contrastive-divergence training of an energy network. */
import type { Generator, Tensor } from '@gradschool/tensor';
import type { Optimizer } from '../../optim/optimizer.ts';
import { checkNonNegative } from '../../check.ts';
import type { Descent } from '../ebm/descend.ts';
import { type ContrastiveOptions, contrastivePoints } from './divergence.ts';
import type { EnergyNet } from './energy-net.ts';
import { marginLoss } from './margin.ts';

export interface CdOptions extends ContrastiveOptions {
  /** The margin m of the loss (default 1). */
  margin?: number;
  /**
   * α of a penalty α·(mean E(y)² + mean E(ȳ)²) added to the loss (default 0). The margin only
   * fixes differences of energy, so without it the whole landscape drifts down and steepens
   * until descent steps overshoot; the penalty holds the energies near 0 (Du and Mordatch,
   * "Implicit generation and generalization in energy-based models", 2019).
   */
  regularise?: number;
}

export interface CdStep {
  /** The loss of this step, before the update. */
  loss: number;
  /** The mean energy at the data and at the contrastive points, before the update. */
  energy: { data: number; contrast: number };
  /** The contrastive points it pushed up on (with their paths if asked for). */
  contrast: Descent;
}

/**
 * Find contrastive points by a random kick and a short slide down the current energy, then
 * take one optimizer step on marginLoss(E(y), E(ȳ), margin): down at the data, up where the
 * slide landed, until each landing point is `margin` above its data point.
 */
export function contrastiveDivergenceStep(model: EnergyNet, y: Tensor, optimizer: Optimizer, generator: Generator, opts: CdOptions = {}): CdStep {
  // checked before the slide and the step, so a refused call leaves the model and the optimizer as they were
  if (opts.margin !== undefined) checkNonNegative('contrastiveDivergenceStep', 'margin', opts.margin);
  checkNonNegative('contrastiveDivergenceStep', 'regularise', opts.regularise ?? 0);
  const contrast = contrastivePoints((v) => model.forward(v), y, generator, opts);
  optimizer.zeroGrad();
  const [atData, atContrast] = [model.forward(y), model.forward(contrast.x)];
  let loss = marginLoss(atData, atContrast, opts.margin ?? 1);
  if (opts.regularise) loss = loss.add(atData.square().mean().add(atContrast.square().mean()).mul(opts.regularise));
  loss.backward();
  optimizer.step();
  return { loss: loss.item(), energy: { data: atData.mean().item(), contrast: atContrast.mean().item() }, contrast };
}
