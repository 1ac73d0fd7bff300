// attack: spin just under a guessed per-check deadline in every call (2.9 s), so that the checks run out of time and the whole grade drags on
// exercise: 2.2
import type { Tensor } from '@gradschool/tensor';

const spin = (ms: number): void => {
  const end = Date.now() + ms;
  while (Date.now() < end) { /* busy */ }
};

export function reluBackward(x: Tensor, gradOutput: Tensor): Tensor {
  spin(2_900);
  return gradOutput;
}

export function sigmoidBackward(x: Tensor, gradOutput: Tensor): Tensor {
  spin(2_900);
  return gradOutput;
}

export function tanhBackward(x: Tensor, gradOutput: Tensor): Tensor {
  spin(2_900);
  return gradOutput;
}
