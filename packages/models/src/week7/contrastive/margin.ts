/** A contrastive loss with a margin (LeCun et al., "A tutorial on energy-based learning", the hinge loss). */
import { formatShape, ShapeError } from '@gradschool/tensor';
import type { Values } from '../values.ts';
import { checkData } from '../../check.ts';

/**
 * L = mean [m + E(y) − E(ȳ)]₊ over pairs of a data point y and a contrastive point ȳ: push
 * E(y) down and E(ȳ) up, until ȳ sits at least the margin m above y; from then on the pair
 * costs nothing, so the energy cannot be pushed up without end.
 */
export function marginLoss<T extends Values<T>>(positive: T, negative: T, margin: number): T {
  checkData('marginLoss', 'positive', positive);
  checkData('marginLoss', 'negative', negative);
  if (formatShape(positive.shape) !== formatShape(negative.shape)) {
    throw new ShapeError(`marginLoss: energies of data ${formatShape(positive.shape)} and of contrastive points ${formatShape(negative.shape)} must pair up one to one`);
  }
  if (!(margin >= 0 && Number.isFinite(margin))) throw new RangeError(`marginLoss: margin must be a finite number >= 0, got ${margin}`);
  return positive.sub(negative).add(margin).relu().mean();
}
