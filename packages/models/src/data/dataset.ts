import { formatShape as fmt, indexSelect, ShapeError, type Tensor } from '@gradschool/tensor';

/**
 * Inputs `x` (one example per row) with their targets `y` (class indices, or values to
 * regress on), aligned along dim 0: row i of `x` goes with entry i of `y`.
 */
export interface Dataset {
  readonly x: Tensor;
  readonly y: Tensor;
}

export function checkDataset(op: string, data: Dataset): number {
  const n = data.x.shape[0];
  if (data.x.ndim === 0 || data.y.ndim === 0 || data.y.shape[0] !== n) {
    throw new ShapeError(
      `${op}: x ${fmt(data.x.shape)} and y ${fmt(data.y.shape)} must have the same number of rows (dim 0)`,
    );
  }
  return n;
}

/** The examples at `indices`, in that order. */
export const take = (data: Dataset, indices: readonly number[]): Dataset => ({
  x: indexSelect(data.x, 0, indices),
  y: indexSelect(data.y, 0, indices),
});
