export { type Dataset, take } from './data/dataset.ts';
export { spiral, type SpiralOptions } from './data/spiral.ts';
export { moons, type MoonsOptions } from './data/moons.ts';
export { ellipse, type EllipseOptions, type EllipseSample } from './data/ellipse.ts';
export { fitStandardizer, standardize, type Standardizer } from './data/standardize.ts';
export { trainTestSplit, type SplitOptions } from './data/split.ts';
export { minibatches, type MinibatchOptions } from './data/batches.ts';
export { accuracy, confusionMatrix } from './metrics.ts';
