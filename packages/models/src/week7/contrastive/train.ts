/** One step of contrastive-divergence training of an energy network. */
import type { Generator, Tensor } from '@gradschool/tensor';
import type { Optimizer } from '../../optim/optimizer.ts';
import type { Descent } from '../ebm/descend.ts';
import { type ContrastiveOptions, contrastivePoints } from './divergence.ts';
import type { EnergyNet } from './energy-net.ts';
import { marginLoss } from './margin.ts';

export interface CdStep {
  /** The margin loss of this step, before the update. */
  loss: number;
  /** The contrastive points it pushed up on (with their paths if asked for). */
  contrast: Descent;
}

/**
 * Find contrastive points by a random kick and a short slide down the current energy, then
 * take one optimizer step on marginLoss(E(y), E(ȳ), margin): down at the data, up where the
 * slide landed, until each landing point is `margin` above its data point.
 */
export function contrastiveDivergenceStep(
  model: EnergyNet, y: Tensor, optimizer: Optimizer, gen: Generator, opts: ContrastiveOptions & { margin?: number } = {},
): CdStep {
  const contrast = contrastivePoints((v) => model.forward(v), y, gen, opts);
  optimizer.zeroGrad();
  const loss = marginLoss(model.forward(y), model.forward(contrast.x), opts.margin ?? 1);
  loss.backward();
  optimizer.step();
  return { loss: loss.item(), contrast };
}
