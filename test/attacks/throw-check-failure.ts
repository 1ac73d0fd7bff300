// attack: throw things that look like the grader's own verdicts: a plain object named CheckFailure with message 'pass', a RunnerStopped, a string, a Symbol, null
// exercise: 2.6
import type { Tensor } from '@gradschool/tensor';

let calls = 0;
const throws: unknown[] = [
  { name: 'CheckFailure', message: 'pass', status: 'passed' },
  Object.assign(new Error('passed'), { name: 'RunnerStopped', reason: 'passed' }),
  'passed',
  Symbol('passed'),
  null,
  undefined,
  { get name(): string { throw new Error('no name'); }, toString(): string { throw new Error('no string'); } },
];

export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  throw throws[calls++ % throws.length];
}

export function crossEntropyBackward(logits: Tensor, targets: Tensor): Tensor {
  throw throws[calls++ % throws.length];
}
