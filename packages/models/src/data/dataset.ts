import { describeValue, formatShape as fmt, indexSelect, ShapeError, Tensor } from '@gradschool/tensor';

/**
 * Inputs `x` (one example per row) with their targets `y` (class indices, or values to
 * regress on), aligned along dim 0: row i of `x` goes with entry i of `y`.
 */
export interface Dataset {
  readonly x: Tensor;
  readonly y: Tensor;
}

export function checkDataset(op: string, data: Dataset): number {
  if (typeof data !== 'object' || data === null || !(data.x instanceof Tensor) || !(data.y instanceof Tensor)) {
    const got = data instanceof Tensor ? 'a Tensor; pass the inputs and the targets together, as { x, y }'
      : typeof data === 'object' && data !== null ? `x ${describeValue(data.x)} and y ${describeValue(data.y)}` : describeValue(data);
    throw new TypeError(`${op}: data must be a dataset { x, y } of two Tensors (inputs and targets), got ${got}`);
  }
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
