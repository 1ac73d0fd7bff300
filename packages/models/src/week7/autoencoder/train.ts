/** Training an autoencoder, plain or denoising, with the package's training loop. */
import type { Variable } from '@gradschool/autograd';
import { checkGenerator, type Generator, type Tensor } from '@gradschool/tensor';
import { checkChoice, checkCount, checkFunction, checkOptions, checkWidth } from '../../check.ts';
import { bce } from '../../losses/bce.ts';
import { mse } from '../../losses/mse.ts';
import type { Optimizer } from '../../optim/optimizer.ts';
import { fit } from '../../train.ts';
import type { AutoEncoder } from './autoencoder.ts';

export interface AutoEncoderTraining {
  optimizer: Optimizer;
  epochs: number;
  batchSize?: number;
  /** Shuffles the batches and draws the corruption. */
  generator: Generator;
  /**
   * The corruption of a denoising autoencoder, drawn afresh for every batch at every step (e.g.
   * `(x, g) => corruptGaussian(x, 0.2, g)`), so the model never sees the same noise twice and
   * cannot learn it; without it the autoencoder sees the clean input.
   */
  corrupt?: (clean: Tensor, generator: Generator) => Tensor;
  /** Reconstruction loss: 'mse' (default) or 'bce', for outputs in [0, 1] read as pixel probabilities. */
  loss?: 'mse' | 'bce';
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Train `model` to map the (corrupted) input back to the clean one: every step corrupts its
 * batch anew (guide 7.7), then fits output → clean. Returns each epoch's mean reconstruction loss.
 */
export function trainAutoEncoder(model: AutoEncoder, clean: Tensor, opts: AutoEncoderTraining): number[] {
  checkOptions('trainAutoEncoder', opts, 'trainAutoEncoder(model, x, { optimizer, epochs: 10, generator })');
  checkChoice('trainAutoEncoder', 'loss', opts.loss ?? 'mse', ['mse', 'bce']);
  checkGenerator('trainAutoEncoder', opts.generator);
  checkCount('trainAutoEncoder', 'epochs', opts.epochs);
  if (opts.batchSize !== undefined) checkCount('trainAutoEncoder', 'batchSize', opts.batchSize, 1);
  if (opts.corrupt !== undefined) checkFunction('trainAutoEncoder', 'corrupt', opts.corrupt);
  // before any batch is drawn: a refused call leaves the generator as it was
  checkWidth('trainAutoEncoder', 'data', clean, model.sizes[0]);
  const loss = opts.loss === 'bce' ? (out: Variable, target: Tensor) => bce(out, target) : (out: Variable, target: Tensor) => mse(out, target);
  const { corrupt, generator } = opts;
  return fit(model, { x: clean, y: clean }, {
    loss, optimizer: opts.optimizer, epochs: opts.epochs, batchSize: opts.batchSize, generator, onEpoch: opts.onEpoch,
    inputs: corrupt ? (x) => corrupt(x, generator) : undefined,
  });
}
