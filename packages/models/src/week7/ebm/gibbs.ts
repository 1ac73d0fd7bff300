/** The Gibbs distribution: how an energy becomes a probability (course notes, week 7B, "Training an Energy-Based Model"). */
import type { Tensor } from '@gradschool/tensor';
import { checkAxis, checkBeta } from './check.ts';

/**
 * P(y) = exp(−β E(y)) / Σ_y' exp(−β E(y'))  over the values laid out along `dim` (a grid of y,
 * or the values of z). Low energy means high probability; β sets how sharply: as β → ∞ all the
 * mass goes to the minimum (β = Infinity splits it evenly between tied minima).
 * The energy is an unnormalised negative log density: log P(y) = −β E(y) − log Z.
 */
export function gibbs(energies: Tensor, beta: number, opts: { dim?: number } = {}): Tensor {
  const dim = checkAxis('gibbs', energies, opts.dim ?? -1, 'y');
  checkBeta('gibbs', beta);
  // measured from the minimum, so the best value has weight e^0 = 1 however large β is
  const gap = energies.sub(energies.min(dim, { keepdim: true }));
  if (beta === Infinity) {
    const best = gap.eq(0);
    return best.div(best.sum(dim, { keepdim: true }));
  }
  return gap.mul(-beta).softmax(dim);
}
