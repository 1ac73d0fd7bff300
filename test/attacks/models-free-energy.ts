// attack: the free energy as a one-line wrapper of the models package's freeEnergy
// exercise: 7.2
import { freeEnergy as modelsFreeEnergy } from '@gradschool/models';
import type { Tensor } from '@gradschool/tensor';

export function freeEnergy(energies: Tensor, beta: number, dim = -1): Tensor {
  return modelsFreeEnergy(energies, beta, { dim });
}
