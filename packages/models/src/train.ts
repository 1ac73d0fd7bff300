/** The training loop of the practicum, once, so that demos and tests do not each rewrite it. */
import { noGrad, type Variable } from '@gradschool/autograd';
import type { Generator, Tensor } from '@gradschool/tensor';
import { checkCount } from './check.ts';
import { minibatches } from './data/batches.ts';
import { checkDataset, type Dataset } from './data/dataset.ts';
import type { Module } from './nn/module.ts';
import type { Input } from './nn/parameter.ts';
import type { Optimizer } from './optim/optimizer.ts';

export interface FitOptions {
  /** The loss of a batch: model output against targets, reduced to a scalar. */
  loss: (output: Variable, target: Tensor) => Variable;
  optimizer: Optimizer;
  epochs: number;
  /** Examples per gradient step; the whole training set if left out (full-batch descent). */
  batchSize?: number;
  /** Shuffles the minibatches; their order is fixed without one. */
  generator?: Generator;
  /**
   * Applied to each batch's inputs at every step, before the forward pass: a fresh corruption
   * for a denoising autoencoder (the targets stay clean), or a data augmentation.
   */
  inputs?: (x: Tensor) => Tensor;
  /** Called after each epoch, e.g. a learning-rate schedule. */
  schedule?: { step(): void };
  /** Progress: the epoch just finished (from 1) and its mean training loss. */
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Train `model` on `data` and return each epoch's mean loss. One step is: forget the old
 * gradients, run the model, measure the loss, backpropagate, update.
 */
export function fit(model: Module<[Input], Variable>, data: Dataset, opts: FitOptions): number[] {
  const n = checkDataset('fit', data);
  if (n === 0) throw new RangeError('fit: the dataset has no examples to train on');
  const epochs = checkCount('fit', 'epochs', opts.epochs);
  const batchSize = opts.batchSize ?? n;
  model.train();
  const history: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    for (const batch of minibatches(data, { batchSize, generator: opts.generator })) {
      opts.optimizer.zeroGrad();
      const loss = opts.loss(model.forward(opts.inputs ? opts.inputs(batch.x) : batch.x), batch.y);
      loss.backward();
      opts.optimizer.step();
      total += loss.item() * batch.y.shape[0];
    }
    history.push(total / n);
    opts.schedule?.step();
    opts.onEpoch?.(epoch, total / n);
  }
  return history;
}

/** The model's output on `x` in evaluation mode, with no graph recorded (inference). */
export function predict(model: Module<[Input], Variable>, x: Input): Tensor {
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => model.forward(x)).value;
  } finally {
    model.train(wasTraining);
  }
}
