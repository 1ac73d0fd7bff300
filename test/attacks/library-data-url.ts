// attack: a data: URL module that re-exports logSoftmax from @gradschool/tensor: the module is not a student file, so the grader's import map gives it the real library
// exercise: 2.4
import type { Tensor } from '@gradschool/tensor';

const { logSoftmax: libraryLogSoftmax } = await import('data:application/javascript,export { logSoftmax } from "@gradschool/tensor";');

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return libraryLogSoftmax(x, dim);
}
