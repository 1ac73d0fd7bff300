/**
 * Exercise 7.8 — Contrastive divergence: where to push up, and a contrastive loss (10 points)
 *
 * Contrastive methods push the energy down on the data and up elsewhere; contrastive divergence
 * is a smart way to choose where: give each training point a random kick (your 7.5's Gaussian
 * noise, standard deviation `kick`), then move down the energy by gradient descent, and push up
 * where the walk lands — a point the current energy wrongly calls plausible. `descend` walks
 * x ← x − lr·∂E/∂x for `steps` steps, where `energy` maps a Variable of points [n, d] to their n
 * energies; each point moves on its own energy (differentiate their sum, not their mean).
 * `contrastiveLoss` is the hinge, mean over pairs of [m + E(y) − E(ȳ)]₊: it pushes E(y) down and
 * E(ȳ) up until the contrastive point is at least the margin m above the data point, and then
 * leaves the pair alone. It takes and returns Variables, so that it can be trained through.
 *
 * Guide: exercises/week7/README.md#78-contrastive-divergence · Checks: test/week7/7.8-contrastive.checks.ts
 */
import type { Variable } from '@gradschool/autograd';
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** An energy: points [n, d] in, one energy per point [n] out. */
export type Energy = (y: Variable) => Variable;

/** `steps` steps of gradient descent on the energy, from `start` [n, d]: where the points end. */
export function descend(energy: Energy, start: Tensor, steps: number, lr: number): Tensor {
  throw new NotImplementedError('7.8', 'descend');
}

export interface ContrastiveOptions {
  /** Standard deviation of the random kick. */
  kick: number;
  /** Gradient steps down the energy after the kick. */
  steps: number;
  lr: number;
}

/** The contrastive points ȳ for data y [n, d]: a kick drawn from gen, then a walk down the energy. */
export function contrastivePoints(energy: Energy, y: Tensor, gen: Generator, options: ContrastiveOptions): Tensor {
  throw new NotImplementedError('7.8', 'contrastivePoints');
}

/** mean [margin + E(y) − E(ȳ)]₊ over the pairs: energies of the data and of their contrastive points, [n] each. */
export function contrastiveLoss(positive: Variable, negative: Variable, margin: number): Variable {
  throw new NotImplementedError('7.8', 'contrastiveLoss');
}
