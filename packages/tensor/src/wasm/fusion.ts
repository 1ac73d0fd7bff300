/**
 * Elementwise chains fused into one loop. The wasm backend's elementwise ops return a pending
 * result: its expression over the views it reads, computed when something first reads its data.
 * An op whose operand is such a result, read whole (same shape, contiguous), takes that
 * expression into its own instead of reading it, so `g.mul(out.square().neg().add(1))` is one
 * pass and one array, not four. A result is taken in by one op at most: a second op reading it
 * (an optimizer's running mean, read by this step's update and by the next step's mean) gets it
 * computed, so no work is repeated more than once, and no chain of steps grows step after step. Each step of the expression is rounded to its dtype as the
 * unfused op would store it (Math.fround for float32, |0 for int32), so a fused result is
 * bit for bit the cpu backend's. Loops are compiled once per expression shape and cached.
 */
import type { BinaryOp, Storage, UnaryOp, View } from '../backend.ts';
import { BINARY_EXPR, compile, UNARY_EXPR } from '../cpu/scalar.ts';
import { forEachRow } from '../cpu/loops.ts';
import { allocate, type DType, type TypedArray } from '../dtype.ts';
import { contiguousStrides, type Shape, sizeOf } from '../shape.ts';
import { type Layout, load } from './module.ts';
import { type Into, simdable, simdRun } from './simd.ts';

type Expr =
  | { readonly kind: 'leaf'; readonly index: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly dtype: DType; readonly x: Expr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly dtype: DType; readonly a: Expr; readonly b: Expr }
  | { readonly kind: 'where'; readonly dtype: DType; readonly cond: Expr; readonly a: Expr; readonly b: Expr };

/** A kernel reads at most this many arrays and computes at most this many steps; a longer chain is cut. */
const MAX_LEAVES = 8;
const MAX_STEPS = 24;

const steps = (e: Expr): number =>
  e.kind === 'leaf' ? 0 : e.kind === 'unary' ? 1 + steps(e.x) : e.kind === 'binary' ? 1 + steps(e.a) + steps(e.b) : 1 + steps(e.cond) + steps(e.a) + steps(e.b);

/** The same expression with every leaf index moved up by `by` (its leaves appended after others). */
function shift(e: Expr, by: number): Expr {
  switch (e.kind) {
    case 'leaf': return { kind: 'leaf', index: e.index + by };
    case 'unary': return { ...e, x: shift(e.x, by) };
    case 'binary': return { ...e, a: shift(e.a, by), b: shift(e.b, by) };
    case 'where': return { ...e, cond: shift(e.cond, by), a: shift(e.a, by), b: shift(e.b, by) };
    default: throw new Error(`fusion: no such expression ${(e satisfies never as Expr).kind}`);
  }
}

/** An elementwise result, computed on first read of `data`; it then forgets what it was made of. */
export class PendingStorage implements Storage {
  readonly backend = 'cpu';
  readonly dtype: DType;
  readonly length: number;
  readonly shape: Shape;
  #expr: Expr | null;
  #leaves: View[];
  #data: TypedArray | null = null;
  #takenIn = false;

  constructor(expr: Expr, leaves: View[], shape: Shape, dtype: DType) {
    this.#expr = expr;
    this.#leaves = leaves;
    this.shape = shape;
    this.dtype = dtype;
    this.length = sizeOf(shape);
  }

  get data(): TypedArray {
    if (this.#data === null) {
      this.#data = run(this.#expr!, this.#leaves, this.shape, this.dtype);
      this.#expr = null;
      this.#leaves = [];
    }
    return this.#data;
  }

  /**
   * Its expression and leaves, if `view` reads it whole and it has been neither computed nor taken
   * in yet (`again`: or taken in, by the op asking, which reads it a second time).
   */
  pendingFor(view: View, again = false): { expr: Expr; leaves: View[] } | null {
    if (this.#expr === null || (this.#takenIn && !again) || view.offset !== 0 || view.shape.length !== this.shape.length) return null;
    if (!view.shape.every((d, i) => d === this.shape[i])) return null;
    const strides = contiguousStrides(this.shape);
    if (!view.strides.every((s, i) => s === strides[i] || view.shape[i] === 1)) return null;
    return { expr: this.#expr, leaves: this.#leaves };
  }

  /** An op took its expression in: the next op to read it reads it computed. */
  takenIn(): void {
    this.#takenIn = true;
  }
}

/**
 * Operands as expressions: a pending result read whole is taken in, anything else becomes a leaf.
 * A pending result this op reads twice (`x.mul(x)`) is taken in once and its expression used for
 * both operands, rather than taken in for one and computed for the other.
 */
function combine(operands: readonly View[], make: (xs: Expr[]) => Expr, shape: Shape, dtype: DType): PendingStorage {
  const leaves: View[] = [];
  const takenHere = new Map<PendingStorage, Expr>();
  const xs = operands.map((v): Expr => {
    const storage = v.storage instanceof PendingStorage ? v.storage : null;
    const again = storage && takenHere.get(storage);
    if (again && storage!.pendingFor(v, true)) return again;
    const pending = storage ? storage.pendingFor(v) : null;
    if (pending && leaves.length + pending.leaves.length <= MAX_LEAVES && steps(pending.expr) < MAX_STEPS) {
      storage!.takenIn();
      const expr = shift(pending.expr, leaves.length);
      leaves.push(...pending.leaves);
      takenHere.set(storage!, expr);
      return expr;
    }
    leaves.push(v);
    return { kind: 'leaf', index: leaves.length - 1 };
  });
  return new PendingStorage(make(xs), leaves, shape, dtype);
}

/**
 * If `view` reads a pending float32 result whole, computes it straight into the kernels' memory
 * at byte address `ptr` (a region `layout` took, for a kernel to work on in place) instead of
 * into an array of its own, and returns true; as when an op takes it in, a later reader gets it
 * computed anew.
 */
export function computeInto(view: View, ptr: number, layout: Layout): boolean {
  const storage = view.storage;
  const pending = storage instanceof PendingStorage && storage.dtype === 'float32' ? storage.pendingFor(view) : null;
  if (!pending) return false;
  (storage as PendingStorage).takenIn();
  run(pending.expr, pending.leaves, view.shape, 'float32', { ptr, layout });
  return true;
}

export const fusedUnary = (op: UnaryOp, x: View, dtype: DType): PendingStorage =>
  combine([x], ([e]) => ({ kind: 'unary', op, dtype, x: e }), x.shape, dtype);

export const fusedBinary = (op: BinaryOp, a: View, b: View, shape: Shape, dtype: DType): PendingStorage =>
  combine([a, b], ([ea, eb]) => ({ kind: 'binary', op, dtype, a: ea, b: eb }), shape, dtype);

export const fusedWhere = (cond: View, a: View, b: View, shape: Shape, dtype: DType): PendingStorage =>
  combine([cond, a, b], ([c, ea, eb]) => ({ kind: 'where', dtype, cond: c, a: ea, b: eb }), shape, dtype);

/** How a dtype's typed array stores a number: the unfused op rounds each step exactly so. */
const stored = (dtype: DType, e: string): string => (dtype === 'float32' ? `Math.fround(${e})` : dtype === 'int32' ? `((${e}) | 0)` : e);

/** Statements computing `e` into fresh locals t0, t1, ...; returns the name of the last. */
function emit(e: Expr, lines: string[]): string {
  const name = (expr: string, dtype: DType): string => {
    const t = `t${lines.length}`;
    lines.push(`const ${t} = ${stored(dtype, expr)};`);
    return t;
  };
  // the expressions are written in v (unary) or a and b (binary): each stands for its operand's local
  const fill = (template: string, names: Record<string, string>): string => template.replace(/\b[vab]\b/g, (k) => names[k]);
  switch (e.kind) {
    case 'leaf': return `l${e.index}`;
    case 'unary': return name(fill(UNARY_EXPR[e.op], { v: emit(e.x, lines) }), e.dtype);
    case 'binary': return name(fill(BINARY_EXPR[e.op], { a: emit(e.a, lines), b: emit(e.b, lines) }), e.dtype);
    case 'where': {
      const [c, a, b] = [emit(e.cond, lines), emit(e.a, lines), emit(e.b, lines)];
      return name(`(${c} !== 0 ? ${a} : ${b})`, e.dtype);
    }
    default: throw new Error(`fusion: no such expression ${(e satisfies never as Expr).kind}`);
  }
}

const key = (e: Expr): string =>
  e.kind === 'leaf' ? `l${e.index}` : e.kind === 'unary' ? `${e.op}:${e.dtype}(${key(e.x)})`
    : e.kind === 'binary' ? `${e.op}:${e.dtype}(${key(e.a)},${key(e.b)})` : `where:${e.dtype}(${key(e.cond)},${key(e.a)},${key(e.b)})`;

type Row = (out: TypedArray, o: number, n: number, xs: TypedArray[], ps: number[], ss: number[]) => void;
const rows = new Map<string, Row>();

/** The loop for one expression shape: each row reads leaf j at ps[j] + i·ss[j]. */
function rowFor(e: Expr, leaves: number): Row {
  const k = `${leaves}|${key(e)}`;
  let row = rows.get(k);
  if (!row) {
    const lines: string[] = [];
    const result = emit(e, lines);
    const setup = Array.from({ length: leaves }, (_, j) => `const x${j} = xs[${j}], p${j} = ps[${j}], s${j} = ss[${j}];`).join(' ');
    const reads = Array.from({ length: leaves }, (_, j) => `const l${j} = x${j}[p${j} + i * s${j}];`).join(' ');
    row = compile<Row>(`(out, o, n, xs, ps, ss) => { ${setup} for (let i = 0; i < n; i++) { ${reads} ${lines.join(' ')} out[o + i] = ${result}; } }`);
    rows.set(k, row);
  }
  return row;
}

/**
 * The values of `e`: on the SIMD loop (simd.ts) where it computes every step, else on the
 * JavaScript one; into a fresh array, or into the kernels' memory at `into`.
 */
function run(e: Expr, leaves: readonly View[], shape: Shape, dtype: DType, into?: Into): TypedArray {
  // leaves first: a pending one is computed now, and its own layout starts over in the kernels' memory
  const xs = leaves.map((v) => (v.storage as unknown as { data: TypedArray }).data);
  if (dtype === 'float32' && simdable(e)) {
    const result = simdRun(load(), e, key(e), leaves, xs, shape, into);
    if (result) return result;
  }
  const out = into ? into.layout.floats(into.ptr, sizeOf(shape)) : allocate(dtype, sizeOf(shape));
  const row = rowFor(e, leaves.length);
  forEachRow(shape, leaves.map((v) => v.strides), leaves.map((v) => v.offset), (ps, n, ss, o) => row(out, o, n, xs, ps, ss));
  return out;
}
