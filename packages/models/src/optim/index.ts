export { Optimizer } from './optimizer.ts';
export { SGD, type SGDOptions } from './sgd.ts';
export { Adam, AdamW, type AdamOptions } from './adam.ts';
export { StepLR, type StepLROptions } from './schedule.ts';
