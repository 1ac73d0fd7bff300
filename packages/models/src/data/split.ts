import { checkGenerator, type Generator } from '@gradschool/tensor';
import { checkFraction } from '../check.ts';
import { checkDataset, type Dataset, take } from './dataset.ts';

export interface SplitOptions {
  /** Share of the examples held out for testing; the count is rounded up (as scikit-learn does). */
  testFraction?: number;
}

/**
 * Shuffle, then hold out a test set. The model never trains on the test examples, so its
 * accuracy there estimates how it does on data it has not seen.
 */
export function trainTestSplit(data: Dataset, generator: Generator, opts: SplitOptions = {}): { train: Dataset; test: Dataset } {
  const n = checkDataset('trainTestSplit', data);
  checkGenerator('trainTestSplit', generator);
  const nTest = Math.ceil(checkFraction('trainTestSplit', 'testFraction', opts.testFraction ?? 0.2) * n);
  const order = generator.permutation(n);
  return { train: take(data, order.slice(nTest)), test: take(data, order.slice(0, nTest)) };
}
