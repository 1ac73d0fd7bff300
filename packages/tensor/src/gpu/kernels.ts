/**
 * The kernel set of backend.ts as gpu.js programs. Each function returns the kernel to run; the
 * backend runs it. Strided views are read through index arithmetic inside the kernel, so
 * broadcasting and transposes never materialise a copy.
 */
import type { BinaryOp, ReduceOp, UnaryOp } from '../backend.ts';
import { type Shape, sizeOf } from '../shape.ts';
import { coalesce } from '../layout.ts';
import { type KernelCall, Program } from './program.ts';
import { BINARY_SOURCE, UNARY_SOURCE } from './scalar.ts';

/** A strided view over device data of type A. */
export interface Operand<A> {
  readonly data: A;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/** Elements of same-shaped views, each read at the thread's index, combined by `combine`. */
function zipped<A>(xs: readonly Operand<A>[], shape: Shape, int: boolean, combine: (p: Program<A>, values: string[]) => string): KernelCall<A> {
  const p = new Program<A>();
  const names = xs.map((x) => p.array(x.data));
  const layout = coalesce(shape, xs.map((x) => x.strides));
  const coords = p.coords(layout.shape);
  const values = xs.map((x, j) => p.let(`${names[j]}[${p.position(x.offset, layout.strides[j], coords)}]`));
  return p.build(combine(p, values), sizeOf(shape), int);
}

export const copy = <A>(x: Operand<A>, int: boolean): KernelCall<A> =>
  zipped([x], x.shape, int, (_, [v]) => v);

export const unary = <A>(op: UnaryOp, x: Operand<A>, int: boolean): KernelCall<A> =>
  zipped([x], x.shape, int, (p, [v]) => UNARY_SOURCE[op](p, v));

export const binary = <A>(op: BinaryOp, a: Operand<A>, b: Operand<A>, shape: Shape, int: boolean): KernelCall<A> =>
  zipped([a, b], shape, int, (p, [va, vb]) => BINARY_SOURCE[op](p, va, vb));

export const where = <A>(cond: Operand<A>, a: Operand<A>, b: Operand<A>, shape: Shape, int: boolean): KernelCall<A> =>
  zipped([cond, a, b], shape, int, (p, [c, va, vb]) => p.let(`${c} != 0 ? ${va} : ${vb}`));

/** Fold axis `dim` of x; the output has x's shape with that axis gone. */
export function reduce<A>(op: ReduceOp, x: Operand<A>, dim: number, int: boolean): KernelCall<A> {
  const p = new Program<A>();
  const name = p.array(x.data);
  const outer = x.shape.filter((_, d) => d !== dim);
  const layout = coalesce(outer, [x.strides.filter((_, d) => d !== dim)]);
  const start = p.position(x.offset, layout.strides[0], p.coords(layout.shape));
  const step = p.scalar(x.strides[dim]);
  const n = x.shape[dim];
  // max, min and arg* start from the first element (the op layer never lets them reduce n = 0)
  const acc = p.let(op === 'sum' ? '0' : op === 'prod' ? '1' : `${name}[${start}]`);
  const at = p.let('0');
  const j = p.loop(n);
  const v = p.let(`${name}[${start} + ${j} * ${step}]`);
  switch (op) {
    case 'sum': p.line(`${acc} = ${acc} + ${v};`); break;
    case 'prod': p.line(`${acc} = ${acc} * ${v};`); break;
    case 'max':
    case 'min':
    case 'argmax':
    case 'argmin': {
      // the first NaN wins, as on the cpu (PyTorch's rule)
      const better = op === 'max' || op === 'argmax' ? '>' : '<';
      p.line(`if (${acc} != ${acc}) { break; }`);
      p.line(`if (${v} != ${v} || ${v} ${better} ${acc}) { ${acc} = ${v}; ${at} = ${j}; }`);
      break;
    }
    default:
      throw new Error(`reduce: the gpu backend has no kernel for '${op satisfies never}'`);
  }
  p.line('}');
  return p.build(op === 'argmax' || op === 'argmin' ? at : acc, sizeOf(outer), int);
}

/** out[c] = x[c with c[dim] replaced by index[c]]; the output has index's shape. */
export function gather<A>(x: Operand<A>, dim: number, index: Operand<A>, int: boolean): KernelCall<A> {
  const p = new Program<A>();
  const [nx, ni] = [p.array(x.data), p.array(index.data)];
  const coords = p.coords(index.shape);
  const at = p.let(`${ni}[${p.position(index.offset, index.strides, coords)}]`);
  const base = p.position(x.offset, x.strides.map((s, d) => (d === dim ? 0 : s)), coords);
  return p.build(p.let(`${nx}[${base} + ${at} * ${p.scalar(x.strides[dim])}]`), sizeOf(index.shape), int);
}

/**
 * zeros(shape) with src[q] added at q's position, q[dim] replaced by index[q]. Written gather-style
 * (each output element sums the sources that land on it) because a kernel thread can only write
 * its own element.
 */
export function scatterAdd<A>(shape: Shape, dim: number, index: Operand<A>, src: Operand<A>, int: boolean): KernelCall<A> {
  const p = new Program<A>();
  const [ni, ns] = [p.array(index.data), p.array(src.data)];
  const coords = p.coords(shape);
  const acc = p.let('0');
  // output elements beyond index's extent on another axis receive nothing
  const inside = shape.flatMap((_, d) => (d === dim ? [] : [`${coords[d]} < ${p.scalar(index.shape[d])}`]));
  if (inside.length > 0) p.line(`if (${inside.join(' && ')}) {`);
  const bi = p.position(index.offset, index.strides.map((s, d) => (d === dim ? 0 : s)), coords);
  const bs = p.position(src.offset, src.strides.map((s, d) => (d === dim ? 0 : s)), coords);
  const [si, ss] = [p.scalar(index.strides[dim]), p.scalar(src.strides[dim])];
  const j = p.loop(index.shape[dim]);
  p.line(`if (${ni}[${bi} + ${j} * ${si}] == ${coords[dim]}) { ${acc} = ${acc} + ${ns}[${bs} + ${j} * ${ss}]; }`);
  p.line('}');
  if (inside.length > 0) p.line('}');
  return p.build(acc, sizeOf(shape), int);
}

/** WebGPU binds at most 8 storage buffers per kernel by default: 6 inputs and the output fit. */
export const CONCAT_INPUTS = 6;

/** Join up to CONCAT_INPUTS views along dim: each thread finds the input its coordinate falls in. */
export function concat<A>(xs: readonly Operand<A>[], dim: number, int: boolean): KernelCall<A> {
  const p = new Program<A>();
  const names = xs.map((x) => p.array(x.data));
  const shape = xs[0].shape.map((s, d) => (d === dim ? xs.reduce((t, x) => t + x.shape[dim], 0) : s));
  const coords = p.coords(shape);
  const value = p.let('0');
  let start = 0;
  xs.forEach((x, t) => {
    const [from, end] = [p.scalar(start), p.scalar(start + x.shape[dim])];
    p.line(`if (${coords[dim]} >= ${from} && ${coords[dim]} < ${end}) {`);
    const local = coords.map((c, d) => (d === dim ? p.let(`${c} - ${from}`) : c));
    p.line(`${value} = ${names[t]}[${p.position(x.offset, x.strides, local)}];`);
    p.line('}');
    start += x.shape[dim];
  });
  return p.build(value, sizeOf(shape), int);
}
