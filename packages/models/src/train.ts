/** The training loop of the practicum, once, so that demos and tests do not each rewrite it. */
import { noGrad, Variable } from '@gradschool/autograd';
import { checkGenerator, describeValue, formatShape as fmt, type Generator, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkCount, checkData, checkFunction, checkOptions } from './check.ts';
import { minibatches } from './data/batches.ts';
import { checkDataset, type Dataset } from './data/dataset.ts';
import { Module } from './nn/module.ts';
import type { Input } from './nn/parameter.ts';
import { Optimizer } from './optim/optimizer.ts';

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
  if (!(model instanceof Module)) throw new TypeError(`fit: model must be a Module such as new Linear(...), got ${describeValue(model)}`);
  const n = checkDataset('fit', data);
  if (n === 0) throw new RangeError('fit: the dataset has no examples to train on');
  checkOptions('fit', opts, 'fit(model, data, { loss: crossEntropy, optimizer, epochs: 10 })');
  checkFunction('fit', 'loss', opts.loss);
  const { optimizer } = opts;
  if (!(optimizer instanceof Optimizer)) {
    throw new TypeError(`fit: optimizer must be an Optimizer such as new SGD(model.parameters(), { lr: 0.1 }), got ${describeValue(optimizer)}`);
  }
  const params = model.parameters();
  if (params.length > 0 && !params.some((p) => optimizer.params.includes(p))) {
    throw new Error("fit: the optimizer holds none of the model's parameters, so training would not change the model; make it with new SGD(model.parameters(), ...) for this model");
  }
  const epochs = checkCount('fit', 'epochs', opts.epochs);
  const batchSize = checkCount('fit', 'batchSize', opts.batchSize ?? n, 1);
  if (opts.generator !== undefined) checkGenerator('fit', opts.generator);
  for (const name of ['inputs', 'onEpoch'] as const) if (opts[name] !== undefined) checkFunction('fit', name, opts[name]);
  model.train();
  const history: number[] = [];
  for (let epoch = 1; epoch <= epochs; epoch++) {
    let total = 0;
    for (const batch of minibatches(data, { batchSize, generator: opts.generator })) {
      optimizer.zeroGrad();
      const loss = opts.loss(model.forward(opts.inputs ? opts.inputs(batch.x) : batch.x), batch.y);
      checkLoss(loss);
      loss.backward();
      optimizer.step();
      total += loss.item() * batch.y.shape[0];
    }
    history.push(total / n);
    opts.schedule?.step();
    opts.onEpoch?.(epoch, total / n);
  }
  return history;
}

/** What fit's loss function returned: one number, recorded from the model's output so that backward reaches the parameters. */
function checkLoss(loss: unknown): void {
  if (!(loss instanceof Variable)) {
    throw new TypeError(`fit: the loss function must return a scalar Variable (the result of ops on the model's output), got ${describeValue(loss)}`);
  }
  if (loss.size !== 1) {
    throw new ShapeError(`fit: the loss function must return a scalar Variable (reduce with 'mean' or 'sum'), got a Variable of shape ${fmt(loss.shape)}`);
  }
  if (!loss.requiresGrad) {
    throw new Error("fit: the loss does not depend on the model's parameters (was it computed from .value, or inside noGrad?), so backward could not train them");
  }
}

/** The model's output on `x` in evaluation mode, with no graph recorded (inference). */
export function predict(model: Module<[Input], Variable>, x: Input): Tensor {
  if (!(model instanceof Module)) throw new TypeError(`predict: model must be a Module such as new Linear(...), got ${describeValue(model)}`);
  checkData('predict', 'x', x);
  const wasTraining = model.training;
  model.eval();
  try {
    return noGrad(() => model.forward(x)).value;
  } finally {
    model.train(wasTraining);
  }
}
