// attack: start dozens of Workers that spin for ever (each its own thread), to take every core of the grading machine while the checks run
// exercise: 2.9
// run: alone
import type { Generator, Tensor } from '@gradschool/tensor';

const SPIN = 'data:application/javascript,' + encodeURIComponent('for (;;) {}');
const workers: Worker[] = [];
for (let i = 0; i < 48; i++) {
  try {
    workers.push(new Worker(SPIN, { type: 'module' }));
  } catch {
    break;
  }
}

export function standardize(x: Tensor, stats?: unknown): unknown {
  return { x, mean: x, std: x };
}

export function heInit(fanIn: number, fanOut: number, gen: Generator): Tensor {
  throw new Error('later');
}

export function minibatches(n: number, batchSize: number, gen: Generator): number[][] {
  return [];
}
