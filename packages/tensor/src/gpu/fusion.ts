/**
 * Elementwise chains fused into one kernel. The backend runs an elementwise float32 op (unary,
 * binary, where, a float32 copy) lazily: its result records the expression, and the kernel runs
 * when something needs the values (a read, a matmul, a reduction, a strided view). An op whose
 * operand is such a pending result, read whole in its own layout (same shape, contiguous), takes
 * the operand's expression into its own; so `x.mul(w).add(b).tanh()` becomes one kernel with
 * three inputs, not three kernels with two intermediate arrays.
 *
 * The kernel's source is the expression's shape, never its values, so a training loop that
 * repeats the same ops builds its kernels in the first step only.
 */
import type { BinaryOp, UnaryOp } from '../backend.ts';
import type { Shape } from '../shape.ts';
import { sizeOf } from '../shape.ts';
import { coalesce } from '../layout.ts';
import { CONCAT_INPUTS } from './kernels.ts';
import { type KernelCall, Program } from './program.ts';
import { BINARY_SOURCE, UNARY_SOURCE } from './scalar.ts';

/** A storage the expression reads; `handle` runs its own pending kernel first if it has one. */
export interface Source<A> {
  readonly handle: A;
}

/** An operand read in place: its strides over the fused shape (0 where broadcast). */
export interface Leaf<A> {
  readonly kind: 'leaf';
  readonly storage: Source<A>;
  readonly strides: readonly number[];
  readonly offset: number;
}

export type Expr<A> =
  | Leaf<A>
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly x: Expr<A> }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly a: Expr<A>; readonly b: Expr<A> }
  | { readonly kind: 'where'; readonly cond: Expr<A>; readonly a: Expr<A>; readonly b: Expr<A> };

/**
 * At most this many distinct inputs per fused kernel: WebGPU binds 8 storage buffers by default
 * (the output is one), as for concat.
 */
export const MAX_INPUTS = CONCAT_INPUTS;
/** At most this many ops per fused kernel: a longer chain is cut, so sources stay small to compile. */
export const MAX_OPS = 24;

const children = <A>(e: Expr<A>): Expr<A>[] =>
  e.kind === 'leaf' ? [] : e.kind === 'unary' ? [e.x] : e.kind === 'binary' ? [e.a, e.b] : [e.cond, e.a, e.b];

const leafKey = <A>(l: Leaf<A>): string => `${l.strides.join(',')}@${l.offset}`;

/** Distinct leaves (the same storage read the same way is one input) and ops, each counted once. */
function parts<A>(e: Expr<A>): { leaves: Leaf<A>[]; ops: number } {
  const seen = new Set<Expr<A>>();
  const leaves = new Map<Source<A>, Map<string, Leaf<A>>>();
  let ops = 0;
  const visit = (x: Expr<A>): void => {
    if (seen.has(x)) return;
    seen.add(x);
    if (x.kind === 'leaf') {
      const byView = leaves.get(x.storage) ?? new Map<string, Leaf<A>>();
      leaves.set(x.storage, byView);
      if (!byView.has(leafKey(x))) byView.set(leafKey(x), x);
      return;
    }
    ops++;
    children(x).forEach(visit);
  };
  visit(e);
  return { leaves: [...leaves.values()].flatMap((m) => [...m.values()]), ops };
}

/** Whether `e` fits one kernel. */
export const fits = <A>(e: Expr<A>): boolean => {
  const { leaves, ops } = parts(e);
  return leaves.length <= MAX_INPUTS && ops <= MAX_OPS;
};

/** The one kernel computing `e` over `shape`: each input read once, each shared subexpression emitted once. */
export function fused<A>(e: Expr<A>, shape: Shape): KernelCall<A> {
  const p = new Program<A>();
  const { leaves } = parts(e);
  const names = leaves.map((l) => p.array(l.storage.handle));
  const layout = coalesce(shape, leaves.map((l) => l.strides));
  const coords = p.coords(layout.shape);
  const values = leaves.map((l, j) => p.let(`${names[j]}[${p.position(l.offset, layout.strides[j], coords)}]`));
  const leafIndex = (l: Leaf<A>): number => leaves.findIndex((m) => m.storage === l.storage && leafKey(m) === leafKey(l));
  const emitted = new Map<Expr<A>, string>();
  const emit = (x: Expr<A>): string => {
    const known = emitted.get(x);
    if (known !== undefined) return known;
    const v = x.kind === 'leaf' ? values[leafIndex(x)]
      : x.kind === 'unary' ? UNARY_SOURCE[x.op](p, emit(x.x))
      : x.kind === 'binary' ? BINARY_SOURCE[x.op](p, emit(x.a), emit(x.b))
      : p.let(`${emit(x.cond)} != 0 ? ${emit(x.a)} : ${emit(x.b)}`);
    emitted.set(x, v);
    return v;
  };
  return p.build(emit(e), sizeOf(shape), false);
}
