/**
 * Exercise 2.8 — SGD with momentum, and a training loop that classifies the spiral (14 points)
 *
 * Gradient descent steps against the gradient: p ← p − η·g. Momentum keeps a running velocity
 * per parameter, v ← μ·v + g (v starts at 0), and steps along it, p ← p − η·v (PyTorch's
 * SGD with momentum): the steps grow along directions the gradient keeps pointing to and
 * cancel out where it zig-zags. `SgdMomentum.step` returns new parameters and leaves the given
 * tensors alone. Then train the practicum's classifier on the whole batch: a two-layer network
 * Linear → ReLU → Linear, scored by cross-entropy, its gradients from your 2.1, 2.2 and 2.6,
 * updated by your optimizer — until it separates the three arms of the spiral. `predict` is
 * inference: the class with the largest score; `accuracy` is the fraction predicted right.
 *
 * Guide: exercises/week2/README.md#28-sgd-with-momentum-and-a-training-loop · Checks: test/week2/2.8-sgd-momentum.checks.ts
 */
import type { Generator, Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** Named parameters (or their gradients, under the same names). */
export type Params = Readonly<Record<string, Tensor>>;

export interface SgdOptions {
  /** η, the learning rate. */
  lr: number;
  /** μ, the fraction of the velocity kept from one step to the next (0 = plain SGD). */
  momentum: number;
}

export class SgdMomentum {
  readonly lr: number;
  readonly momentum: number;

  constructor(options: SgdOptions) {
    this.lr = options.lr;
    this.momentum = options.momentum;
  }

  /** One update of every parameter from its gradient; returns the new parameters. */
  step(params: Params, grads: Params): Params {
    throw new NotImplementedError('2.8', 'SgdMomentum.step');
  }
}

export interface TrainOptions {
  /** Number of classes C: the network's output size. */
  classes: number;
  /** Width of the hidden layer. */
  hidden: number;
  /** Number of full-batch gradient steps. */
  steps: number;
  lr: number;
  momentum: number;
  /** Draws the initial weights, so a run is reproducible. */
  gen: Generator;
}

export interface Classifier {
  /** The trained weights: w1 [hidden, features], b1 [hidden], w2 [classes, hidden], b2 [classes]. */
  params: Params;
  /** The training loss before each step: losses.length === steps. */
  losses: number[];
  /** Class indices (int32 [N]) for inputs x [N, features]. */
  predict(x: Tensor): Tensor;
}

/** Train Linear → ReLU → Linear on (x [N, features], y int32 [N]) by full-batch SGD with momentum. */
export function trainClassifier(x: Tensor, y: Tensor, options: TrainOptions): Classifier {
  throw new NotImplementedError('2.8', 'trainClassifier');
}

/** The fraction of predictions equal to their targets (both class indices of shape [N]). */
export function accuracy(predictions: Tensor, targets: Tensor): number {
  throw new NotImplementedError('2.8', 'accuracy');
}
