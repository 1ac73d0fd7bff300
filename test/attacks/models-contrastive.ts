// attack: descent on an energy, contrastive points and the margin loss as wrappers of the models package's descendEnergy, contrastivePoints and marginLoss
// exercise: 7.8
import { contrastivePoints as points, descendEnergy, marginLoss } from '@gradschool/models';
import type { Variable } from '@gradschool/autograd';
import type { Generator, Tensor } from '@gradschool/tensor';

export type Energy = (y: Variable) => Variable;

export const descend = (energy: Energy, start: Tensor, steps: number, lr: number): Tensor => (descendEnergy(energy, start, { steps, lr } as any) as any).end;
export const contrastivePoints = (energy: Energy, y: Tensor, gen: Generator, options: any): Tensor => (points as any)(energy, y, gen, options);
export const contrastiveLoss = (positive: Variable, negative: Variable, margin: number): Variable => marginLoss(positive, negative, margin);
