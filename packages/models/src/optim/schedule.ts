import { describeValue } from '@gradschool/tensor';
import { checkCount, checkNonNegative, checkOptions } from '../check.ts';
import { Optimizer } from './optimizer.ts';

export interface StepLROptions {
  /** Epochs between two decays. */
  stepSize: number;
  /** Factor the learning rate is multiplied by at each decay. */
  gamma?: number;
}

/**
 * Decay the learning rate by gamma every stepSize epochs (PyTorch's StepLR): large steps
 * early to make progress, smaller ones later to settle into a minimum. Call step() once per epoch.
 */
export class StepLR {
  readonly optimizer: Optimizer;
  readonly baseLr: number;
  readonly stepSize: number;
  readonly gamma: number;
  epoch = 0;

  constructor(optimizer: Optimizer, opts: StepLROptions) {
    if (!(optimizer instanceof Optimizer)) {
      throw new TypeError(`StepLR: the optimizer must be an Optimizer such as new SGD(...), got ${describeValue(optimizer)}`);
    }
    checkOptions('StepLR', opts, 'new StepLR(optimizer, { stepSize: 10 })');
    this.optimizer = optimizer;
    this.baseLr = optimizer.lr;
    this.stepSize = checkCount('StepLR', 'stepSize', opts.stepSize, 1);
    this.gamma = checkNonNegative('StepLR', 'gamma', opts.gamma ?? 0.1);
  }

  step(): void {
    this.epoch++;
    this.optimizer.lr = this.baseLr * this.gamma ** Math.floor(this.epoch / this.stepSize);
  }
}
