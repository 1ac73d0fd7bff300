export { type Reduction, type ReductionOptions } from './reduction.ts';
export { mse } from './mse.ts';
export { bce, bceWithLogits } from './bce.ts';
export { nll, crossEntropy, type ClassLossOptions, type CrossEntropyOptions } from './nll.ts';
