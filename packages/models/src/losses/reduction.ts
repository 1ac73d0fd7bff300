import type { Variable } from '@gradschool/autograd';
import { formatShape as fmt, ShapeError } from '@gradschool/tensor';
import { checkData } from '../check.ts';
import type { Input } from '../nn/parameter.ts';

/** What to do with the per-element losses: keep them ('none'), average them ('mean', the default) or add them up ('sum'). */
export type Reduction = 'none' | 'mean' | 'sum';
export interface ReductionOptions { reduction?: Reduction }

export function checkReduction(op: string, reduction: string): Reduction {
  if (reduction !== 'none' && reduction !== 'mean' && reduction !== 'sum') {
    throw new RangeError(`${op}: reduction must be 'none', 'mean' or 'sum', got '${reduction}'`);
  }
  return reduction;
}

export function reduce(loss: Variable, reduction: Reduction): Variable {
  return reduction === 'none' ? loss : reduction === 'sum' ? loss.sum() : loss.mean();
}

/**
 * Elementwise losses compare like with like. Broadcasting [N, 1] against [N] would silently
 * compare every prediction with every target, so it is refused here.
 */
export function checkSameShape(op: string, input: Input, target: Input): void {
  checkData(op, 'input', input);
  checkData(op, 'target', target);
  if (fmt(input.shape) !== fmt(target.shape)) {
    throw new ShapeError(
      `${op}: input ${fmt(input.shape)} and target ${fmt(target.shape)} must have the same shape (broadcasting them would compare every pair)${trailingOne(input.shape, target.shape)}`,
    );
  }
}

/** The usual cause of a shape mismatch between two per-example tensors: one has an extra size-1 dim at the end. */
function trailingOne(a: readonly number[], b: readonly number[]): string {
  const extra = (x: readonly number[], y: readonly number[]) => x.length === y.length + 1 && x[x.length - 1] === 1 && fmt(x.slice(0, -1)) === fmt(y);
  if (extra(a, b)) return '; the input has an extra size-1 dim at the end: use input.squeeze(-1), or target.unsqueeze(-1)';
  if (extra(b, a)) return '; the target has an extra size-1 dim at the end: use target.squeeze(-1), or input.unsqueeze(-1)';
  return '';
}
