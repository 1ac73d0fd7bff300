// attack: the latent energy's gradient from autograd's grad, and descent on it, instead of the closed form
// exercise: 7.10
import { grad, type Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';

const energy = (y: Tensor, w: Tensor, lambda: number) => (z: Variable): Variable =>
  z.matmul(w.T).sub(y).square().sum().add(z.abs().sum().mul(lambda));

export function latentEnergy(y: Tensor, w: Tensor, z: Tensor, lambda: number): Tensor {
  throw new Error('not done yet: only the gradient is attempted here');
}

export function latentEnergyGradient(y: Tensor, w: Tensor, z: Tensor, lambda: number): Tensor {
  return grad(energy(y, w, lambda))(z)[0];
}

export interface DescentOptions { steps: number; lr: number; lambda: number }

export function inferLatent(y: Tensor, w: Tensor, z0: Tensor, options: DescentOptions): { z: Tensor; energy: Tensor } {
  let z = z0;
  for (let i = 0; i < options.steps; i++) z = z.sub(latentEnergyGradient(y, w, z, options.lambda).mul(options.lr));
  return { z, energy: z.sum(-1) };
}
