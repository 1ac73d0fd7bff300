// attack: the activations' backward passes from autograd (vjp of relu, sigmoid, tanh) instead of their derivatives
// exercise: 2.2
import { vjp, type Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';

const backward = (f: (v: Variable) => Variable) => (x: Tensor, gradOutput: Tensor): Tensor => vjp(f, [x], gradOutput).vjps[0];

export const reluBackward = backward((v) => v.relu());
export const sigmoidBackward = backward((v) => v.sigmoid());
export const tanhBackward = backward((v) => v.tanh());
