/**
 * Ops that choose between values. The gradient goes to whichever value was chosen; at a tie
 * between two operands it is split evenly (PyTorch does the same for maximum and minimum).
 */
import { type Tensor, where as whereTensor } from '@gradschool/tensor';
import { record } from '../record.ts';
import { unbroadcast } from '../unbroadcast.ts';
import { type Input, liftPair, Variable } from '../variable.ts';
import { applyBinary, type BinaryRule } from './arithmetic.ts';

/** cond != 0 ? a : b, broadcast over all three; `cond` is a constant mask. */
export function where(cond: Tensor | Variable, x: Input, y: Input): Variable {
  const mask = cond instanceof Variable ? cond.value : cond;
  const [a, b] = liftPair('where', x, y);
  return record('where', whereTensor(mask, a.value, b.value), [a, b], [
    (g) => unbroadcast(where(mask, g, 0), a.shape),
    (g) => unbroadcast(where(mask, 0, g), b.shape),
  ]);
}

/** 1 where `a` wins, 1/2 where it ties with `b`, 0 where it loses. */
const share = (wins: Tensor, ties: Tensor): Tensor => wins.add(ties.mul(0.5));

// functions that call applyBinary when they run, not ops built by calling into arithmetic.ts while
// this module loads: arithmetic.ts imports this module (for `where`), so it may not have run yet
const MAXIMUM: BinaryRule = {
  forward: (a, b) => a.maximum(b),
  vjpA: (g, a, b) => g.mul(share(a.value.gt(b.value), a.value.eq(b.value))),
  vjpB: (g, a, b) => g.mul(share(b.value.gt(a.value), a.value.eq(b.value))),
};
const MINIMUM: BinaryRule = {
  forward: (a, b) => a.minimum(b),
  vjpA: (g, a, b) => g.mul(share(a.value.lt(b.value), a.value.eq(b.value))),
  vjpB: (g, a, b) => g.mul(share(b.value.lt(a.value), a.value.eq(b.value))),
};

export const maximum = (x: Input, y: Input): Variable => applyBinary('maximum', MAXIMUM, x, y);
export const minimum = (x: Input, y: Input): Variable => applyBinary('minimum', MINIMUM, x, y);

/** The gradient passes where min <= x <= max (bounds included, as in PyTorch) and is 0 outside. */
export function clamp(x: Variable, min?: number | null, max?: number | null): Variable {
  const inside = (): Tensor => x.value.ge(min ?? -Infinity).mul(x.value.le(max ?? Infinity));
  return record('clamp', x.value.clamp(min, max), [x], [(g) => g.mul(inside())]);
}
