/**
 * The ops the week-7 formulas use. A Tensor has them, and so does autograd's Variable (its ops
 * mirror the Tensor's), so each formula is written once: given Tensors it computes values for
 * inference and plots; given Variables it also records the graph that `backward()` differentiates.
 */
import type { Dims, KeepDim, Tensor } from '@gradschool/tensor';

export interface Values<T> {
  readonly shape: readonly number[];
  readonly ndim: number;
  add(other: T | Tensor | number): T;
  sub(other: T | Tensor | number): T;
  mul(other: T | Tensor | number): T;
  div(other: T | Tensor | number): T;
  neg(): T;
  square(): T;
  relu(): T;
  sum(dim?: Dims, opts?: KeepDim): T;
  mean(dim?: Dims, opts?: KeepDim): T;
  min(dim?: Dims, opts?: KeepDim): T;
  logsumexp(dim?: Dims, opts?: KeepDim): T;
  argmin(dim?: number | null, opts?: KeepDim): Tensor;
  logSoftmax(dim?: number): T;
  unsqueeze(dim: number): T;
  squeeze(dim?: Dims): T;
  gather(dim: number, index: Tensor): T;
  item(): number;
}
