// attack: autograd where the exercise is done without it, imported as the npm: package (node_modules/@gradschool/autograd) rather than @gradschool/autograd
// exercise: 2.2
import type { Tensor } from '@gradschool/tensor';
import { vjp, type Variable } from 'npm:@gradschool/autograd';

const backward = (f: (v: Variable) => Variable) => (x: Tensor, gradOutput: Tensor): Tensor => vjp(f, [x], gradOutput).vjps[0];

export const reluBackward = backward((v) => v.relu());
export const sigmoidBackward = backward((v) => v.sigmoid());
export const tanhBackward = backward((v) => v.tanh());
