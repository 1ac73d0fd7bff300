/**
 * The elementwise ops as JavaScript expressions in `v` (unary) or `a` and `b` (binary): the cpu
 * backend's semantics, and the reference for others. kernels.ts pastes each expression into
 * loops of its own, so the cpu backend calls no function per element and this table stays the
 * only definition.
 */
import type { BinaryOp, UnaryOp } from '../backend.ts';

/** Round half to even, as PyTorch and NumPy do. */
function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return Math.abs(v % 1) === 0.5 ? 2 * Math.round(v / 2) : r;
}

export const UNARY_EXPR: Record<UnaryOp, string> = {
  neg: '-v',
  exp: 'Math.exp(v)',
  log: 'Math.log(v)',
  log1p: 'Math.log1p(v)',
  expm1: 'Math.expm1(v)',
  sqrt: 'Math.sqrt(v)',
  abs: 'Math.abs(v)',
  sign: 'Math.sign(v)',
  tanh: 'Math.tanh(v)',
  // split by sign so exp never overflows
  sigmoid: '(v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)))',
  relu: '(v < 0 ? 0 : v)', // keeps NaN
  sin: 'Math.sin(v)',
  cos: 'Math.cos(v)',
  floor: 'Math.floor(v)',
  ceil: 'Math.ceil(v)',
  round: 'roundHalfEven(v)',
  reciprocal: '1 / v',
  square: 'v * v',
};

export const BINARY_EXPR: Record<BinaryOp, string> = {
  add: 'a + b',
  sub: 'a - b',
  mul: 'a * b',
  div: 'a / b',
  pow: 'Math.pow(a, b)',
  maximum: 'Math.max(a, b)', // propagates NaN, like torch.maximum
  minimum: 'Math.min(a, b)',
  eq: '(a === b ? 1 : 0)',
  ne: '(a !== b ? 1 : 0)',
  lt: '(a < b ? 1 : 0)',
  le: '(a <= b ? 1 : 0)',
  gt: '(a > b ? 1 : 0)',
  ge: '(a >= b ? 1 : 0)',
};

let compiled = 0;
/** How many loops have been compiled so far: each op's once, on first use, never inside a training loop after it. */
export const kernelsCompiled = (): number => compiled;

/** Counts a kernel compiled elsewhere (the wasm backend's generated SIMD loops) with these. */
export function noteCompiled(): void {
  compiled++;
}

/** Evaluate generated source to a function; the helpers the expressions call are in scope. */
export function compile<F>(source: string): F {
  noteCompiled();
  return new Function('roundHalfEven', `return ${source};`)(roundHalfEven) as F;
}
