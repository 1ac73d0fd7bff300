import { checkGenerator, type Generator } from '@gradschool/tensor';
import { checkCount, checkOptions } from '../check.ts';
import { checkDataset, type Dataset, take } from './dataset.ts';

export interface MinibatchOptions {
  batchSize: number;
  /** Shuffle with this generator (a fresh order on every pass); keep the data's order without one. */
  generator?: Generator;
  /** Skip the last batch when it is smaller than batchSize. */
  dropLast?: boolean;
}

/**
 * One pass (epoch) over the data in minibatches. Each gradient step then sees a different
 * random handful of examples: a noisy but cheap estimate of the full-batch gradient.
 */
export function minibatches(data: Dataset, opts: MinibatchOptions): IterableIterator<Dataset> {
  // Checked here, not inside the generator body, so bad arguments fail at the call.
  const n = checkDataset('minibatches', data);
  checkOptions('minibatches', opts, 'minibatches(data, { batchSize: 32 })');
  if (opts.generator !== undefined) checkGenerator('minibatches', opts.generator);
  const size = checkCount('minibatches', 'batchSize', opts.batchSize, 1);
  const order = opts.generator ? opts.generator.permutation(n) : [...Array(n).keys()];
  const end = opts.dropLast ? n - (n % size) : n;
  return batches(data, order, size, end);
}

function* batches(data: Dataset, order: number[], size: number, end: number): IterableIterator<Dataset> {
  for (let start = 0; start < end; start += size) yield take(data, order.slice(start, Math.min(start + size, end)));
}
