/** 7.8's energies, made in the runner: the exercise differentiates them with its own autograd graph. */
import type { Variable } from '@gradschool/autograd';
import type { Tensor } from '@gradschool/tensor';

export const builders = {
  /** E(y) = Σⱼ aⱼ(yⱼ − cⱼ)² + b·Σⱼ yⱼ⁴ for every row of y. */
  landscape: (a: Tensor, c: Tensor, b: number) => (y: Variable): Variable => y.sub(c).square().mul(a).add(y.square().square().mul(b)).sum(1),
};
