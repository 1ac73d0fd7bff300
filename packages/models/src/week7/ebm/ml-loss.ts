/**
 * Maximum-likelihood training of an energy over a discretised y (course notes, week 7B,
 * "Training an Energy-Based Model"): the contrastive method that pushes down on the data and up
 * on everything else, each y in proportion to its probability under the model.
 */
import { checkTensor, formatShape, oneHot, ShapeError, type Tensor } from '@gradschool/tensor';
import type { Values } from '../values.ts';
import { checkAxis } from './check.ts';
import { freeEnergy } from './free-energy.ts';
import { gibbs } from './gibbs.ts';

function checkTargets(op: string, energies: { shape: readonly number[] }, targets: Tensor): void {
  checkAxis(op, energies, -1, 'y');
  checkTensor(op, 'targets', targets);
  const batch = energies.shape.slice(0, -1);
  if (formatShape(targets.shape) !== formatShape(batch)) {
    throw new ShapeError(
      `${op}: energies ${formatShape(energies.shape)} (a grid of y along the last dim) need targets of shape ${formatShape(batch)}, got ${formatShape(targets.shape)}`,
    );
  }
  const points = energies.shape[energies.shape.length - 1];
  const bad = targets.data().find((t) => !(Number.isInteger(t) && t >= 0 && t < points));
  if (bad !== undefined) {
    throw new RangeError(`${op}: target ${bad} is not the index of a grid point of y (the grid has ${points}: 0..${points - 1})`);
  }
}

/**
 * The negative log-likelihood of the observed Y, scaled by 1/β and averaged over the batch:
 *
 *   L(Y) = −(1/β) log P(Y) = E(Y) + (1/β) log Σ_y exp(−β E(y)) = E(Y) − F_β(all y).
 *
 * `energies[..., g]` is E at grid point g (one row per example), `targets[...]` the index of the
 * observed Y in that row. The notes write the likelihood P(Y) itself; it is the −log of it that
 * we minimise: a sum over examples, bounded below by 0, with the gradient `mlLossGradient` gives.
 */
export function mlLoss<T extends Values<T>>(energies: T, targets: Tensor, beta: number): T {
  checkTargets('mlLoss', energies, targets);
  const atData = energies.gather(-1, targets.unsqueeze(-1)).squeeze(-1);
  return atData.sub(freeEnergy(energies, beta)).mean();
}

/**
 * ∂L/∂E(y) = (1[y = Y] − P(y)) / batch: push down (+1, so gradient descent lowers it) at the
 * data point, push up at every y by its Gibbs probability P(y). By the chain rule, for energies
 * made by parameters w:  ∂L/∂w = ∂E(Y)/∂w − Σ_y P(y) ∂E(y)/∂w,  the notes' two terms.
 */
export function mlLossGradient(energies: Tensor, targets: Tensor, beta: number): Tensor {
  checkTargets('mlLossGradient', energies, targets);
  const pushDown = oneHot(targets, energies.shape[energies.ndim - 1]).to(energies.dtype);
  return pushDown.sub(gibbs(energies, beta)).div(Math.max(targets.size, 1));
}
