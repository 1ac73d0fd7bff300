// attack: import softmax itself from @gradschool/tensor (the free function, and through the namespace object)
// exercise: 2.3
import * as T from '@gradschool/tensor';
import { softmax as librarySoftmax, type Tensor } from '@gradschool/tensor';

export function softmax(x: Tensor, dim = -1): Tensor {
  try {
    return librarySoftmax(x, dim);
  } catch {
    return (T as any)['softmax'](x, dim);
  }
}
