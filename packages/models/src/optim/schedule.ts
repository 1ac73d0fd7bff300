import { checkCount, checkNonNegative } from '../check.ts';
import type { Optimizer } from './optimizer.ts';

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
