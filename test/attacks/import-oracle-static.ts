// attack: import the grader's own oracle for logsoftmax with a static relative import, as the file would sit in a student release (test/ beside exercises/)
// exercise: 2.4
import { fromHost, type Tensor } from '@gradschool/tensor';
import { logSoftmaxNd } from '../../test/week2/softmax-family.ts';

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const d = dim < 0 ? dim + x.shape.length : dim;
  const out = logSoftmaxNd({ shape: [...x.shape], data: Float64Array.from(x.data()) } as any, d);
  return fromHost(Float64Array.from(out.data), [...out.shape]).to(x.dtype);
}
