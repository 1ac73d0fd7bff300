/**
 * A fused float32 elementwise expression as a WebAssembly SIMD loop, generated at run time: the
 * leaves are copied into the kernels' memory, one loop computes four elements per step, and the
 * result is copied out. It replaces fusion.ts's JavaScript loop where every step is one that
 * float32 SIMD computes exactly as that loop rounds it: + - * / sqrt are correctly rounded in
 * both (a float64 result rounded to float32 is the float32 result, since 53 >= 2 * 24 + 2), and
 * neg, abs, min, max, floor, ceil, round-half-even, relu, square and 1/x follow from them.
 * Anything else (exp, log, comparisons, int32 or float64 steps, where) keeps the JavaScript loop.
 *
 * A loop handles one row of the output (fusion's forEachRow) and runs past the row's end to a
 * whole vector: those extra lanes land in the next row, written again after, or in the padding
 * Layout.take leaves after each region.
 */
import type { BinaryOp, UnaryOp, View } from '../backend.ts';
import { noteCompiled } from '../cpu/scalar.ts';
import { forEachRow } from '../cpu/loops.ts';
import type { TypedArray } from '../dtype.ts';
import { coalesce, span } from '../layout.ts';
import { sizeOf } from '../shape.ts';
import { MAX_PAGES } from './kernels.generated.ts';
import { Layout, type Loaded } from './module.ts';

/** The expression forms fusion.ts builds, as far as this file reads them. */
export type SimdExpr =
  | { readonly kind: 'leaf'; readonly index: number }
  | { readonly kind: 'unary'; readonly op: UnaryOp; readonly dtype: string; readonly x: SimdExpr }
  | { readonly kind: 'binary'; readonly op: BinaryOp; readonly dtype: string; readonly a: SimdExpr; readonly b: SimdExpr }
  | { readonly kind: 'where'; readonly dtype: string };

/** SIMD opcodes (after the 0xfd prefix) of the ops computed by one instruction. */
const UNARY_SIMD: Partial<Record<UnaryOp, number>> = { neg: 0xe1, abs: 0xe0, sqrt: 0xe3, floor: 0x68, ceil: 0x67, round: 0x6a };
const BINARY_SIMD: Partial<Record<BinaryOp, number>> = { add: 0xe4, sub: 0xe5, mul: 0xe6, div: 0xe7, minimum: 0xe8, maximum: 0xe9 };
/** Ops written with a temporary: v * v, 1 / v, and relu's v < 0 ? 0 : v (which keeps NaN and -0). */
const COMPOSED = new Set<UnaryOp>(['square', 'reciprocal', 'relu']);

/** Whether every step of `e` is a float32 op this file computes. */
export function simdable(e: SimdExpr): boolean {
  switch (e.kind) {
    case 'leaf': return true;
    case 'unary': return e.dtype === 'float32' && (e.op in UNARY_SIMD || COMPOSED.has(e.op)) && simdable(e.x);
    case 'binary': return e.dtype === 'float32' && e.op in BINARY_SIMD && simdable(e.a) && simdable(e.b);
    case 'where': return false;
    default: throw new Error(`simd: no such expression ${(e satisfies never as SimdExpr).kind}`);
  }
}

const leb = (n: number): number[] => {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
};
const simd = (op: number): number[] => [0xfd, ...leb(op)];
const vector = (bytes: number[]): number[] => [...leb(bytes.length), ...bytes];
const section = (id: number, bytes: number[]): number[] => [id, ...leb(bytes.length), ...bytes];
const name = (s: string): number[] => vector([...new TextEncoder().encode(s)]);
const [LOCAL_GET, LOCAL_SET, LOCAL_TEE, I32_CONST, I32_ADD, I32_SHL, I32_GE_U, END] = [0x20, 0x21, 0x22, 0x41, 0x6a, 0x74, 0x4f, 0x0b];
const [V128_LOAD, V128_LOAD32_SPLAT, V128_STORE, V128_CONST, V128_BITSELECT, F32X4_LT] = [0x00, 0x09, 0x0b, 0x0c, 0x52, 0x43];
const MEMARG = [2, 0]; // 4-byte alignment hint, offset 0
const f32x4 = (v: number): number[] => {
  const bytes = new Uint8Array(new Float32Array([v, v, v, v]).buffer);
  return [...simd(V128_CONST), ...bytes];
};

type Run = (out: number, n: number, ...leaves: number[]) => void;

/**
 * The module for `e` over `leaves` leaves, where `splat[j]` says leaf j is one value for the
 * whole row (inner stride 0) rather than a run of them (inner stride 1). Its one export,
 * run(out, n, p0, p1, ...), writes n results (and up to 3 more) from byte address out.
 */
function assemble(e: SimdExpr, splat: readonly boolean[], shared: boolean): Uint8Array<ArrayBuffer> {
  const leaves = splat.length;
  // locals: params out, n, p0..; then i, end (i32); then one v128 per splat leaf and per temporary
  const [OUT, N, I, END_AT] = [0, 1, leaves + 2, leaves + 3];
  const vectorLocal = (k: number): number => leaves + 4 + k;
  const splatLocal = splat.map((s, j) => (s ? vectorLocal(j) : -1));
  let temps = leaves;
  const code: number[] = [];
  const emit = (x: SimdExpr): void => {
    switch (x.kind) {
      case 'leaf':
        if (splat[x.index]) code.push(LOCAL_GET, ...leb(splatLocal[x.index]));
        else code.push(LOCAL_GET, ...leb(2 + x.index), LOCAL_GET, ...leb(I), I32_ADD, ...simd(V128_LOAD), ...MEMARG);
        return;
      case 'unary': {
        const op = UNARY_SIMD[x.op];
        if (op !== undefined) {
          emit(x.x);
          code.push(...simd(op));
          return;
        }
        const t = vectorLocal(temps++);
        if (x.op === 'reciprocal') {
          code.push(...f32x4(1));
          emit(x.x);
          code.push(...simd(BINARY_SIMD.div!));
        } else if (x.op === 'square') {
          emit(x.x);
          code.push(LOCAL_TEE, ...leb(t), LOCAL_GET, ...leb(t), ...simd(BINARY_SIMD.mul!));
        } else { // relu: bitselect(0, v, v < 0)
          emit(x.x);
          code.push(LOCAL_SET, ...leb(t), ...f32x4(0), LOCAL_GET, ...leb(t), LOCAL_GET, ...leb(t), ...f32x4(0), ...simd(F32X4_LT), ...simd(V128_BITSELECT));
        }
        return;
      }
      case 'binary':
        emit(x.a);
        emit(x.b);
        code.push(...simd(BINARY_SIMD[x.op]!));
        return;
      case 'where': throw new Error('simd: where is not computed here');
      default: throw new Error(`simd: no such expression ${(x satisfies never as SimdExpr).kind}`);
    }
  };
  emit(e);
  const body = [
    LOCAL_GET, N, I32_CONST, 2, I32_SHL, LOCAL_SET, END_AT, // end = n * 4 bytes
    ...splat.flatMap((s, j) => (s ? [LOCAL_GET, ...leb(2 + j), ...simd(V128_LOAD32_SPLAT), ...MEMARG, LOCAL_SET, ...leb(splatLocal[j])] : [])),
    0x02, 0x40, 0x03, 0x40, // block, loop
    LOCAL_GET, ...leb(I), LOCAL_GET, ...leb(END_AT), I32_GE_U, 0x0d, 1, // br_if out of the block once i >= end
    LOCAL_GET, OUT, LOCAL_GET, ...leb(I), I32_ADD,
    ...code,
    ...simd(V128_STORE), ...MEMARG,
    LOCAL_GET, ...leb(I), I32_CONST, 16, I32_ADD, LOCAL_SET, ...leb(I),
    0x0c, 0, END, END, // br to the loop; end loop; end block
    END,
  ];
  const locals = [...leb(2), 2, 0x7f, ...leb(temps), 0x7b]; // 2 i32, temps v128 (splat slots included)
  const fn = vector([...locals, ...body]);
  const i32s = Array<number>(leaves + 2).fill(0x7f);
  const memory = shared ? [0x03, ...leb(0), ...leb(MAX_PAGES)] : [0x00, ...leb(0)];
  return new Uint8Array([
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
    ...section(1, [1, 0x60, ...vector(i32s), 0]),
    ...section(2, [1, ...name('env'), ...name('memory'), 0x02, ...memory]),
    ...section(3, [1, 0]),
    ...section(7, [1, ...name('run'), 0x00, 0]),
    ...section(10, [1, ...fn]),
  ]);
}

const runs = new Map<string, Run>();
let ran = 0;
/** How many fused results the SIMD loops have computed (for tests: that a chain took this path). */
export const simdResults = (): number => ran;

/** The compiled loop for an expression shape (`key`, fusion's) and splat pattern, built once. */
function runFor(at: Loaded, e: SimdExpr, key: string, splat: readonly boolean[]): Run {
  const k = `${splat.map((s) => (s ? 's' : 'v')).join('')}|${key}`;
  let run = runs.get(k);
  if (!run) {
    const module = new WebAssembly.Module(assemble(e, splat, at.shared));
    run = new WebAssembly.Instance(module, { env: { memory: at.memory } }).exports.run as Run;
    noteCompiled();
    runs.set(k, run);
  }
  return run;
}

/** A region of the kernels' memory to compute into: byte address `ptr`, taken by `layout`. */
export interface Into {
  readonly ptr: number;
  readonly layout: Layout;
}

/**
 * `e` over `leaves` (their values `xs`, already computed) into a fresh Float32Array, or into the
 * kernels' memory at `into` (with Layout's padding after it); undefined where a leaf is not
 * float32, or steps along its rows other than one element at a time, or memory cannot grow.
 */
export function simdRun(at: Loaded, e: SimdExpr, key: string, leaves: readonly View[], xs: readonly TypedArray[], shape: readonly number[], into?: Into): Float32Array | undefined {
  const total = sizeOf(shape);
  if (total === 0 || xs.some((x) => !(x instanceof Float32Array))) return undefined;
  // forEachRow's rows: the innermost axis after merging; each leaf must step 0 or 1 element along it
  const inner = coalesce(shape, leaves.map((v) => v.strides)).strides.map((s) => s[s.length - 1]);
  if (inner.some((s) => s !== 0 && s !== 1)) return undefined;
  const layout = into?.layout ?? new Layout(at);
  const spans = leaves.map((v) => span(v.offset, v.shape, v.strides));
  const regions = spans.map(([lo, hi]) => layout.take(hi - lo));
  const target = into ? into.ptr : layout.take(total);
  if (!layout.fits()) return undefined;
  // views made after fits(): growing a plain (unshared) memory detaches its old buffer
  leaves.forEach((_, j) => layout.floats(regions[j], spans[j][1] - spans[j][0]).set(xs[j].subarray(spans[j][0], spans[j][1])));
  const run = runFor(at, e, key, inner.map((s) => s === 0));
  ran++;
  // byte address of leaf j's storage element p: regions[j] + 4 (p − its span's start)
  const base = regions.map((r, j) => r - 4 * spans[j][0]);
  forEachRow(shape, leaves.map((v) => v.strides), leaves.map((v) => v.offset), (ps, n, _, o) => run(target + 4 * o, n, ...ps.map((p, j) => base[j] + 4 * p)));
  const result = layout.floats(target, total);
  return into ? result : result.slice();
}
