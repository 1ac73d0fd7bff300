// attack: autograd where the exercise is done without it, through a data: URL module that re-exports @gradschool/autograd (the import map's student scope does not cover it)
// exercise: 2.1
import type { Tensor } from '@gradschool/tensor';

const autograd = await import('data:application/javascript,export * from "@gradschool/autograd";');

export function linearForward(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  throw new Error('not done yet: only the backward pass is attempted here');
}

export interface LinearGrads { x: Tensor; weight: Tensor; bias: Tensor }

export function linearBackward(x: Tensor, weight: Tensor, gradOutput: Tensor): LinearGrads {
  const bias = gradOutput.sum(0).mul(0);
  const { vjps: [dx, dw, db] } = autograd.vjp((a: any, w: any, b: any) => a.matmul(w.T).add(b), [x, weight, bias], gradOutput);
  return { x: dx, weight: dw, bias: db };
}
