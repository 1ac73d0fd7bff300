/**
 * The gradient of every differentiable op of the tensor package's op table, by name (as PyTorch's
 * derivatives.yaml): one vector-Jacobian product per input — the receiver `x`, then the operand
 * `y` for the ops that have one. A vjp maps the gradient `g` of the output to the gradient of its
 * input, written with Variable ops so that it can be differentiated again (createGraph).
 * The type makes the compiler refuse a table op without its entry here.
 */
import {
  type ArgsOf, arange, broadcastShapes, type DifferentiableName, indexVector, normalizeDim, normalizeDims, shapeArgs, type Tensor,
} from '@gradschool/tensor';
import { scatterAdd, where } from './functions.ts';
import { productOfOthers, softmaxOver } from './gradient-helpers.ts';
import { unbroadcast } from './unbroadcast.ts';
import type { Variable } from './variable.ts';

/** What a vjp may read: the inputs, the output, and the op's other arguments as its forward got them. */
export interface Context<A> {
  readonly x: Variable;
  /** The operand, for ops that have one (`add`, `matmul`, ...). */
  readonly y: Variable;
  readonly out: Variable;
  readonly args: A;
}
export type Derivative<A> = (g: Variable, c: Context<A>) => Variable;

/** Both operands' vjps, each computed at the broadcast shape and summed back to its operand's shape. */
const broadcasting = <A>(vjpX: Derivative<A>, vjpY: Derivative<A>): readonly Derivative<A>[] => [
  (g, c) => unbroadcast(vjpX(g, c), c.x.shape),
  (g, c) => unbroadcast(vjpY(g, c), c.y.shape),
];

/** A reduction's output gradient with every reduced axis put back as size 1, so it broadcasts over what was reduced. */
function kept(op: string, g: Variable, x: Variable, dim: unknown): Variable {
  const dims = normalizeDims(op, dim as number[] | number | null | undefined, x.ndim, x.shape);
  return g.reshape(x.shape.map((d, i) => (dims.includes(i) ? 1 : d)));
}

/**
 * max/min pass the gradient to the extreme element. When several elements tie for the extreme,
 * each gets an equal share (PyTorch's amax does the same), so the gradient stays a gradient of
 * the same value whichever tied element a kernel happens to pick.
 */
function extreme(op: 'max' | 'min'): readonly Derivative<ArgsOf<'max'>>[] {
  return [(g, { x, out, args: [dim] }) => {
    const dims = normalizeDims(op, dim, x.ndim, x.shape);
    const isExtreme = x.value.eq(kept(op, out, x, dims).value);
    return kept(op, g, x, dims).mul(isExtreme.div(isExtreme.sum(dims, { keepdim: true })));
  }];
}

/** 1 where `a` wins, 1/2 where it ties with `b`, 0 where it loses. */
const share = (wins: Tensor, ties: Tensor): Tensor => wins.add(ties.mul(0.5));

/** The gradient of a slice: g put back at positions first, first+step, ... of `dim`, zeros elsewhere. */
function placeBack(g: Variable, shape: readonly number[], dim: number, first: number, step: number): Variable {
  const picked = arange(first, first + g.shape[dim] * step, step).reshape(g.shape.map((s, i) => (i === dim ? s : 1)));
  return scatterAdd(shape, dim, picked.expand(g.shape), g);
}

const reshapedBack: readonly Derivative<unknown>[] = [(g, { x }) => g.reshape(x.shape)];
const same: readonly Derivative<unknown>[] = [(g) => g];

export const DERIVATIVES: { readonly [K in DifferentiableName]: readonly Derivative<ArgsOf<K>>[] } = {
  add: broadcasting((g) => g, (g) => g),
  sub: broadcasting((g) => g, (g) => g.neg()),
  mul: broadcasting((g, { y }) => g.mul(y), (g, { x }) => g.mul(x)),
  // d(x/y)/dy = -x/y² = -out/y: using the output avoids squaring a tiny y
  div: broadcasting((g, { y }) => g.div(y), (g, { y, out }) => g.mul(out).div(y).neg()),
  /**
   * d(x^y)/dx = y·x^(y-1) and d(x^y)/dy = x^y·log(x). At x = 0 the first is 0·inf when y = 0, and
   * the second 0·(-inf) when y > 0 (-inf when y = 0); as in PyTorch both are 0 there (the limit, and
   * a choice at 0^0). Only those entries are masked: where y = 0 and x != 0, y·x^(y-1) is 0 already,
   * and left alone it keeps d²(x^y)/dx dy = 1/x (PyTorch masks every y = 0, which makes that 0).
   * The masked entries also get a stand-in base of 1, because `where` only routes the gradient:
   * differentiated again (createGraph), the discarded branch still receives a 0, and 0 times the
   * derivative of log or of x^(y-1) at x = 0 (inf) would be NaN again. For x < 0, log(x) is NaN:
   * a negative base has no real derivative in its exponent.
   */
  pow: broadcasting(
    (g, { x, y }) => {
      const zeroToZero = x.value.eq(0).mul(y.value.eq(0));
      return where(zeroToZero, 0, g.mul(y).mul(where(zeroToZero, 1, x).pow(y.sub(1))));
    },
    (g, { x, y, out }) => {
      const zeroBase = x.value.eq(0).mul(y.value.ge(0));
      return where(zeroBase, 0, g.mul(out).mul(where(zeroBase, 1, x).log()));
    },
  ),
  maximum: broadcasting(
    (g, { x, y }) => g.mul(share(x.value.gt(y.value), x.value.eq(y.value))),
    (g, { x, y }) => g.mul(share(y.value.gt(x.value), x.value.eq(y.value))),
  ),
  minimum: broadcasting(
    (g, { x, y }) => g.mul(share(x.value.lt(y.value), x.value.eq(y.value))),
    (g, { x, y }) => g.mul(share(y.value.lt(x.value), x.value.eq(y.value))),
  ),
  // the gradient passes where min <= x <= max (bounds included, as in PyTorch) and is 0 outside
  clamp: [(g, { x, args: [min, max] }) => g.mul(x.value.ge(min ?? -Infinity).mul(x.value.le(max ?? Infinity)))],

  neg: [(g) => g.neg()],
  exp: [(g, { out }) => g.mul(out)],
  log: [(g, { x }) => g.div(x)],
  log1p: [(g, { x }) => g.div(x.add(1))],
  expm1: [(g, { out }) => g.mul(out.add(1))],
  sqrt: [(g, { out }) => g.div(out.mul(2))],
  // |x|' = sign(x), taken as 0 at x = 0 (the middle of the subgradient [-1, 1])
  abs: [(g, { x }) => g.mul(x.value.sign())],
  tanh: [(g, { out }) => g.mul(out.square().neg().add(1))],
  sigmoid: [(g, { out }) => g.mul(out).mul(out.neg().add(1))],
  // relu'(x) = 1 for x > 0 and 0 otherwise, including at x = 0 (as in PyTorch)
  relu: [(g, { x }) => g.mul(x.value.gt(0))],
  sin: [(g, { x }) => g.mul(x.cos())],
  cos: [(g, { x }) => g.mul(x.sin()).neg()],
  reciprocal: [(g, { out }) => g.mul(out.square()).neg()],
  square: [(g, { x }) => g.mul(x).mul(2)],

  // each summed element gets the whole gradient of its sum
  sum: [(g, { x, args: [dim] }) => kept('sum', g, x, dim).expand(x.shape)],
  prod: [(g, { x, args: [dim] }) => kept('prod', g, x, dim).expand(x.shape).mul(productOfOthers(x, normalizeDims('prod', dim, x.ndim, x.shape)))],
  max: extreme('max'),
  min: extreme('min'),
  // d logsumexp(x) / dx = softmax(x)
  logsumexp: [(g, { x, args: [dim] }) => kept('logsumexp', g, x, dim).mul(softmaxOver(x, normalizeDims('logsumexp', dim, x.ndim, x.shape)))],
  // with s = softmax(x): ds_i/dx_j = s_i (δ_ij - s_j), so the vjp is s * (g - sum(g * s))
  softmax: [(g, { x, out, args: [dim] }) => {
    const d = normalizeDim('softmax', dim as number, x.ndim, x.shape);
    return out.mul(g.sub(g.mul(out).sum(d, { keepdim: true })));
  }],

  /**
   * For C = A @ B: dA = dC @ Bᵀ and dB = Aᵀ @ dC, summed back over broadcast batch axes. A 1-d
   * operand was a row (left) or a column (right) whose added axis the output dropped: put back first.
   */
  matmul: [
    (g, { x, y }) => {
      const [A, B] = [x.ndim === 1 ? x.unsqueeze(0) : x, y.ndim === 1 ? y.unsqueeze(1) : y];
      return unbroadcast(g.reshape(fullProduct(A, B)).matmul(B.mT), A.shape).reshape(x.shape);
    },
    (g, { x, y }) => {
      const [A, B] = [x.ndim === 1 ? x.unsqueeze(0) : x, y.ndim === 1 ? y.unsqueeze(1) : y];
      return unbroadcast(A.mT.matmul(g.reshape(fullProduct(A, B))), B.shape).reshape(y.shape);
    },
  ],
  dot: [(g, { y }) => g.mul(y), (g, { x }) => g.mul(x)],
  // (x ⊗ y)_ij = x_i y_j: dx_i = Σ_j g_ij y_j, dy_j = Σ_i g_ij x_i
  outer: [(g, { y }) => g.matmul(y), (g, { x }) => g.mT.matmul(x)],

  reshape: reshapedBack,
  view: reshapedBack,
  flatten: reshapedBack,
  squeeze: reshapedBack,
  unsqueeze: reshapedBack,
  transpose: [(g, { args: [dim0, dim1] }) => g.transpose(dim0, dim1)],
  permute: [(g, { x, args }) => {
    const inverse = new Array<number>(x.ndim);
    shapeArgs(args).forEach((d, i) => { inverse[d < 0 ? d + x.ndim : d] = i; });
    return g.permute(inverse);
  }],
  expand: [(g, { x }) => unbroadcast(g, x.shape)],
  slice: [(g, { x, args: [dim, start, , step] }) => {
    const d = normalizeDim('slice', dim, x.ndim, x.shape);
    const n = x.shape[d];
    return placeBack(g, x.shape, d, Math.min(Math.max(start! < 0 ? start! + n : start!, 0), n), step!);
  }],
  narrow: [(g, { x, args: [dim, start] }) => {
    const d = normalizeDim('narrow', dim, x.ndim, x.shape);
    return placeBack(g, x.shape, d, start < 0 ? start + x.shape[d] : start, 1);
  }],

  // gather and scatterAdd are each other's adjoint: several reads of one element add up
  gather: [(g, { x, args: [dim, index] }) => scatterAdd(x.shape, dim, index, g)],
  indexSelect: [(g, { x, out, args: [dim, index] }) => {
    const d = normalizeDim('indexSelect', dim, x.ndim, x.shape);
    const idx = indexVector('indexSelect', index, x.shape, d); // the index as the forward made it
    return scatterAdd(x.shape, d, idx.reshape(out.shape.map((s, i) => (i === d ? s : 1))).expand(out.shape), g);
  }],

  contiguous: same,
  clone: same,
  // a change of dtype: the gradient goes back in the input's dtype
  to: [(g, { x }) => g.to(x.dtype)],
};

/** The shape of A @ B as if no axis had been dropped: [...batch, m, n]. */
const fullProduct = (A: Variable, B: Variable): number[] =>
  [...broadcastShapes('matmul', A.shape.slice(0, -2), B.shape.slice(0, -2)), A.shape[A.ndim - 2], B.shape[B.ndim - 1]];
