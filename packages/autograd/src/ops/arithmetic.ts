/**
 * Arithmetic with broadcasting. Each operand's gradient is computed at the output's (broadcast)
 * shape and then summed back to the operand's own shape by `unbroadcast`.
 */
import type { Tensor } from '@gradschool/tensor';
import { record } from '../record.ts';
import { unbroadcast } from '../unbroadcast.ts';
import { type Input, liftPair, type Variable } from '../variable.ts';
import { where } from './select.ts';

type BinaryVjp = (g: Variable, a: Variable, b: Variable, out: Variable) => Variable;

/** A binary op's forward, and its vjp for each operand (at the broadcast shape). */
export interface BinaryRule { forward: (a: Tensor, b: Tensor) => Tensor; vjpA: BinaryVjp; vjpB: BinaryVjp }

/** Record `op` on x and y with one vjp per operand, each reduced to its operand's shape. */
export function applyBinary(op: string, rule: BinaryRule, x: Input, y: Input): Variable {
  const [a, b] = liftPair(op, x, y);
  const out = record(op, rule.forward(a.value, b.value), [a, b], [
    (g) => unbroadcast(rule.vjpA(g, a, b, out), a.shape),
    (g) => unbroadcast(rule.vjpB(g, a, b, out), b.shape),
  ]);
  return out;
}

/**
 * `op` as a function of its two operands, for this module's ops. Another module must not call this
 * while it loads (this module may not have run yet: see test/load-order.test.ts); it can define
 * its ops as functions that call applyBinary, as select.ts does.
 */
function binaryOp(op: string, forward: BinaryRule['forward'], vjpA: BinaryVjp, vjpB: BinaryVjp) {
  const rule: BinaryRule = { forward, vjpA, vjpB };
  return (x: Input, y: Input): Variable => applyBinary(op, rule, x, y);
}

export const add = binaryOp('add', (a, b) => a.add(b), (g) => g, (g) => g);

export const sub = binaryOp('sub', (a, b) => a.sub(b), (g) => g, (g) => g.neg());

export const mul = binaryOp('mul', (a, b) => a.mul(b), (g, _a, b) => g.mul(b), (g, a) => g.mul(a));

// d(a/b)/db = -a/b² = -out/b: using the output avoids squaring a tiny b
export const div = binaryOp('div', (a, b) => a.div(b), (g, _a, b) => g.div(b), (g, _a, b, out) => g.mul(out).div(b).neg());

/**
 * d(a^b)/da = b·a^(b-1) and d(a^b)/db = a^b·log(a). At a = 0 the first is 0·inf when b = 0, and
 * the second 0·(-inf) when b > 0 (-inf when b = 0); as in PyTorch both are 0 there (the limit, and
 * a choice at 0^0). Only those entries are masked: where b = 0 and a != 0, b·a^(b-1) is 0 already,
 * and left alone it keeps d²(a^b)/da db = 1/a (PyTorch masks every b = 0, which makes that 0).
 * The masked entries also get a stand-in base of 1, because `where` only routes the gradient:
 * differentiated again (createGraph), the discarded branch still receives a 0, and 0 times the
 * derivative of log or of a^(b-1) at a = 0 (inf) would be NaN again. For a < 0, log(a) is NaN:
 * a negative base has no real derivative in its exponent.
 */
export const pow = binaryOp(
  'pow',
  (a, b) => a.pow(b),
  (g, a, b) => {
    const zeroToZero = a.value.eq(0).mul(b.value.eq(0));
    return where(zeroToZero, 0, g.mul(b).mul(where(zeroToZero, 1, a).pow(b.sub(1))));
  },
  (g, a, b, out) => {
    const zeroBase = a.value.eq(0).mul(b.value.ge(0));
    return where(zeroBase, 0, g.mul(out).mul(where(zeroBase, 1, a).log()));
  },
);
