// attack: print a million console lines (and very long ones) at load and in every call, to drown the grader's output and memory
// exercise: 2.5
import type { Tensor } from '@gradschool/tensor';

const flood = (): void => {
  for (let i = 0; i < 1_000_000; i++) console.log(`line ${i}: all checks passed`);
  console.error('x'.repeat(10 * 2 ** 20));
};

flood();

export function softmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  flood();
  return gradOutput;
}

export function logSoftmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  flood();
  return gradOutput;
}
