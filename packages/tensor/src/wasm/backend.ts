/**
 * The `wasm` backend: the cpu backend's storage (typed arrays in the JS heap) and kernels, except
 * float32 matmul, which runs on the WebAssembly SIMD kernels of wasm/assembly/matmul.ts, split
 * across a worker pool when the product is large, and float32 exp, tanh and sigmoid of contiguous
 * views, which run on those of wasm/assembly/math.ts (V8's Math.exp and Math.tanh cost ~40 ns a
 * value, the kernels ~4 ns; at most 2 float32 ulps from them, test/wasm-math.test.ts).
 * Each matmul operand is copied into wasm memory as one block (a memcpy) and packed there from
 * its strides, which replaces the packing the cpu matmul does anyway, so a transposed or strided
 * operand costs no more than a contiguous one. float64 and int32 products keep the cpu backend's
 * float64-accumulating code.
 *
 * Options (setBackend('wasm', { mode, poolAbove })): mode 'single' keeps every product on the
 * main thread (GRADSCHOOL_BACKEND=wasm:single); `poolAbove` is the m·k·n above which a product
 * uses the pool.
 */
import { type Backend, type BackendOptions, registerBackend, type UnaryOp, type View } from '../backend.ts';
import { cpuBackend, dataOf, wrap } from '../cpu/backend.ts';
import { forEachRow } from '../cpu/loops.ts';
import { matmulInto } from '../cpu/matmul.ts';
import type { TypedArray } from '../dtype.ts';
import { isContiguous, span } from '../layout.ts';
import { sizeOf } from '../shape.ts';
import { Layout, type Loaded, load, MR, NR } from './module.ts';
import { computeInto, fusedBinary, fusedUnary, fusedWhere } from './fusion.ts';
import { Pool, type RowsArgs } from './pool.ts';

/**
 * Below this many multiply-adds a product stays on one thread: waking a worker and waiting for it
 * costs tens of microseconds, more than it saves on a small product. Measured in bench (see README).
 */
const POOL_ABOVE = 128 ** 3;

let pool: Pool | undefined | null; // null: tried, and threads cannot run here

/** The process's worker pool, started on first use; undefined where threads cannot run. */
export function wasmPool(): Pool | undefined {
  if (pool === undefined) pool = Pool.start(load()) ?? null;
  return pool ?? undefined;
}

/**
 * out[o..o+m*n) = A B for one pair of matrices, on `threads` threads at most. Returns false where
 * wasm memory cannot grow to hold the operands (the caller falls back to the cpu code).
 */
function productInto(
  at: Loaded, threads: number, out: Float32Array, o: number,
  a: TypedArray, pa: number, am: number, ak: number,
  b: TypedArray, pb: number, bk: number, bn: number,
  m: number, k: number, n: number,
): boolean {
  const [aLo, aHi] = span(pa, [m, k], [am, ak]);
  const [bLo, bHi] = span(pb, [k, n], [bk, bn]);
  const layout = new Layout(at);
  const rawA = layout.take(aHi - aLo);
  const rawB = layout.take(bHi - bLo);
  const packedA = layout.take(Math.ceil(m / MR) * MR * k);
  const packedB = layout.take(Math.ceil(n / NR) * NR * k);
  const c = layout.take(m * n);
  if (!layout.fits()) return false;
  // TypedArray.set converts int32 operands of a float32 product on the way in
  layout.floats(rawA, aHi - aLo).set(a.subarray(aLo, aHi));
  layout.floats(rawB, bHi - bLo).set(b.subarray(bLo, bHi));
  const { kernels } = at;
  kernels.packB(rawB + (pb - bLo) * 4, bk, bn, k, n, packedB);
  const args: RowsArgs = [rawA + (pa - aLo) * 4, am, ak, packedB, packedA, c, m, k, n];
  const rows = (r0: number, r1: number, scratch: number) => kernels.matmulRows(...args, r0, r1, scratch);
  const parts = Math.min(threads, Math.ceil(m / MR));
  if (parts > 1) wasmPool()!.run(rows, args, parts);
  else rows(0, m, at.scratch);
  out.set(layout.floats(c, m * n), o);
  return true;
}

/**
 * Elementwise results of at least this many elements are left pending and fused into the ops
 * that read them (fusion.ts); below it, the bookkeeping would cost more than the pass it saves.
 */
const FUSE_FROM = 1024;

/** The unary ops with SIMD kernels (wasm/assembly/math.ts), by the kernel's export name. */
type Run = 'expRun' | 'tanhRun' | 'sigmoidRun';
const RUNS: Partial<Record<UnaryOp, Run>> = { exp: 'expRun', tanh: 'tanhRun', sigmoid: 'sigmoidRun' };

/**
 * kernel(x) of a contiguous view as a fresh Float32Array: x copied into wasm memory
 * (TypedArray.set, converting int32 input) or, if it is a pending elementwise result, computed
 * there; the kernel works in place; the result is copied out. Undefined where wasm memory cannot
 * grow that far.
 */
function runOf(at: Loaded, kernel: Run, x: View, n: number): Float32Array | undefined {
  const layout = new Layout(at);
  const p = layout.take(n); // rounded up to 64 bytes: room for the kernel's last, partly filled vector
  if (!layout.fits()) return undefined;
  if (!computeInto(x, p, layout)) {
    const values = dataOf(x).subarray(x.offset, x.offset + n); // first: computing a pending x may grow memory
    layout.floats(p, n).set(values);
  }
  at.kernels[kernel](p, n);
  return layout.floats(p, n).slice();
}

/**
 * The float32 sum of a contiguous x along `dim`, on the SIMD kernels of wasm/assembly/sum.ts
 * (float64 sums in cpu's order, so cpu's values bit for bit): rows where `dim` is innermost,
 * else the [size, inner] block after each outer index folded row by row. Undefined where wasm
 * memory cannot grow that far.
 */
function sumOf(at: Loaded, x: View, dim: number): Float32Array | undefined {
  const size = x.shape[dim];
  const outer = sizeOf(x.shape.slice(0, dim));
  const inner = sizeOf(x.shape.slice(dim + 1));
  const values = dataOf(x).subarray(x.offset, x.offset + outer * size * inner); // first: computing a pending x may grow memory
  const layout = new Layout(at);
  const src = layout.take(outer * size * inner);
  const dst = layout.take(outer * inner);
  const acc = inner > 1 ? layout.take(2 * inner) : 0; // float64 accumulators, two floats each
  if (!layout.fits()) return undefined;
  layout.floats(src, outer * size * inner).set(values);
  if (inner === 1) at.kernels.sumRows(src, size, outer, dst);
  for (let o = 0; inner > 1 && o < outer; o++) {
    layout.floats(acc, 2 * inner).fill(0);
    at.kernels.sumFold(src + 4 * o * size * inner, size, inner, acc, dst + 4 * o * inner);
  }
  return layout.floats(dst, outer * inner).slice();
}

/** Below this many elements a sum stays on cpu's loops: the copies into wasm memory would cost more. */
const SUM_FROM = 4096;

function makeBackend(options: BackendOptions): Backend {
  const at = load();
  const maxThreads = options.mode === 'single' ? 1 : Infinity;
  const poolAbove = typeof options.poolAbove === 'number' ? options.poolAbove : POOL_ABOVE;
  return {
    ...cpuBackend,
    name: 'wasm',
    mode: maxThreads === 1 ? 'single' : 'threads',
    unary(op, x, dtype) {
      const kernel = RUNS[op];
      const n = sizeOf(x.shape);
      // other views (strided, transposed, broadcast) and dtypes, and size 0, take the cpu's loops
      const out = kernel && dtype === 'float32' && n > 0 && isContiguous(x.shape, x.strides) ? runOf(at, kernel, x, n) : undefined;
      if (out) return wrap(out);
      return n >= FUSE_FROM ? fusedUnary(op, x, dtype) : cpuBackend.unary(op, x, dtype);
    },
    reduce(op, x, dim, dtype) {
      const simd = op === 'sum' && dtype === 'float32' && x.storage.dtype === 'float32' && sizeOf(x.shape) >= SUM_FROM && isContiguous(x.shape, x.strides);
      const out = simd ? sumOf(at, x, dim) : undefined;
      return out ? wrap(out) : cpuBackend.reduce(op, x, dim, dtype);
    },
    binary: (op, a, b, shape, dtype) =>
      (sizeOf(shape) >= FUSE_FROM ? fusedBinary(op, a, b, shape, dtype) : cpuBackend.binary(op, a, b, shape, dtype)),
    where: (cond, a, b, shape, dtype) =>
      (sizeOf(shape) >= FUSE_FROM ? fusedWhere(cond, a, b, shape, dtype) : cpuBackend.where(cond, a, b, shape, dtype)),
    matmul(a: View, b: View, dtype) {
      const r = a.shape.length;
      const [m, k, n] = [a.shape[r - 2], a.shape[r - 1], b.shape[r - 1]];
      if (dtype !== 'float32' || m * k * n === 0) return cpuBackend.matmul(a, b, dtype);
      const [am, ak, bk, bn] = [a.strides[r - 2], a.strides[r - 1], b.strides[r - 2], b.strides[r - 1]];
      const threads = m * k * n > poolAbove && maxThreads > 1 ? Math.min(maxThreads, wasmPool()?.threads ?? 1) : 1;
      const [xa, xb] = [dataOf(a), dataOf(b)];
      const out = new Float32Array(sizeOf(a.shape.slice(0, r - 2)) * m * n);
      // one (a, b) pair of matrices per batch element
      forEachRow(a.shape.slice(0, r - 2), [a.strides.slice(0, r - 2), b.strides.slice(0, r - 2)], [a.offset, b.offset], ([pa, pb], len, [sa, sb], o) => {
        for (let t = 0; t < len; t++) {
          const args = [xa, pa + t * sa, am, ak, xb, pb + t * sb, bk, bn, m, k, n] as const;
          if (!productInto(at, threads, out, (o + t) * m * n, ...args)) matmulInto(out, (o + t) * m * n, ...args);
        }
      });
      return wrap(out);
    },
  };
}

/** One backend object per distinct options, so re-selecting wasm does not make tensors move storage. */
const made = new Map<string, Backend>();
registerBackend('wasm', (options) => {
  const key = JSON.stringify(options);
  if (!made.has(key)) made.set(key, makeBackend(options));
  return made.get(key)!;
});
