/**
 * Broadcasting copies an operand along new leading axes and along axes of size 1; each copy
 * received part of the output's gradient, so the operand's gradient is their sum.
 */
import { formatShape, ShapeError } from '@gradschool/tensor';
import type { Variable } from './variable.ts';

export function unbroadcast(grad: Variable, shape: readonly number[]): Variable {
  const lead = grad.ndim - shape.length;
  if (lead < 0 || shape.some((d, i) => d !== 1 && d !== grad.shape[lead + i])) {
    throw new ShapeError(`unbroadcast: shape ${formatShape(shape)} does not broadcast to the gradient's shape ${formatShape(grad.shape)}`);
  }
  const stretched = shape.flatMap((d, i) => (d === 1 && grad.shape[lead + i] !== 1 ? [lead + i] : []));
  let out = grad;
  if (stretched.length > 0) out = out.sum(stretched, { keepdim: true });
  if (lead > 0) out = out.sum([...Array(lead).keys()]);
  return out;
}
