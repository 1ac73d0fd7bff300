// attack: call the library's own softmax method on the input (the one-line answer the exercise asks to rebuild)
// exercise: 2.3
import type { Tensor } from '@gradschool/tensor';

export function softmax(x: Tensor, dim = -1): Tensor {
  return x.softmax(dim);
}
