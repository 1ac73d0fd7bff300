// attack: a top-level await that never settles, so that the file never finishes loading and the grader waits for ever
// exercise: 2.4
import type { Tensor } from '@gradschool/tensor';

await new Promise(() => {});

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return x;
}
