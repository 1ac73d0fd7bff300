/**
 * The gpu backend: the kernel interface of backend.ts over a gpu.js Device. float32 only, as
 * gpu.js computes; int32 tensors are held as float32 (exact up to 2^24) and handed back as int32.
 */
import type { Backend, Storage, View } from '../backend.ts';
import type { DType, TypedArray } from '../dtype.ts';
import { contiguousStrides, fmt, type Shape, sizeOf } from '../shape.ts';
import { isContiguous } from '../layout.ts';
import type { Device, GpuMode } from './device.ts';
import * as k from './kernels.ts';
import { type Expr, fits, fused } from './fusion.ts';
import { choosePlan, matmul, type MatmulPlan, type Step } from './matmul.ts';
import { type KernelCall, MAX_ELEMENTS } from './program.ts';

/**
 * Which matmul kernels run: `auto` picks by size (matmul.ts), `simple` always one output per
 * thread, `blocked` always the mode's blocked plan (so tests reach it with small shapes).
 */
export type MatmulChoice = 'auto' | 'simple' | 'blocked';
export const MATMUL_CHOICES: readonly MatmulChoice[] = ['auto', 'simple', 'blocked'];

/** The blocked matmul plan of each mode: vec4 texels on GL, 2 x 2 blocks of plain floats on webgpu; none on host memory. */
const BLOCKED: Record<GpuMode, MatmulPlan> = {
  webgpu: 'floats', webgl2: 'texels', webgl: 'texels', headlessgl: 'texels', webasm: 'simple', cpu: 'simple',
};

export interface GpuBackend extends Backend {
  readonly mode: GpuMode;
  /** Distinct kernels built so far. */
  readonly kernelsBuilt: number;
  /** Kernels run so far: proof that ops really ran on the device. */
  readonly kernelRuns: number;
  /** Results copied back to the host so far: proof that chains of ops stay on the device. */
  readonly reads: number;
  /** Which matmul kernels run; set by setBackend('gpu', { matmul }). */
  matmulChoice: MatmulChoice;
  /** Stop the device; tensors on it can no longer be read. */
  dispose(): void;
}

/** Device memory, made when first needed: at once for most kernels, on first use for fused ones. */
class GpuStorage<H> implements Storage {
  readonly backend = 'gpu';
  readonly dtype: DType;
  readonly length: number;
  /** The elementwise expression of a result not yet computed, over `shape`, which later ops may fuse into theirs. */
  pending: { expr: Expr<H>; shape: Shape } | undefined;
  #handle: H | undefined;
  #make: ((self: GpuStorage<H>) => H) | undefined;
  constructor(make: (self: GpuStorage<H>) => H, dtype: DType, length: number, pending?: GpuStorage<H>['pending']) {
    this.#make = make;
    this.dtype = dtype;
    this.length = length;
    this.pending = pending;
    if (!pending) void this.handle;
  }

  get handle(): H {
    if (this.#make) {
      this.#handle = this.#make(this);
      this.#make = undefined;
      this.pending = undefined;
    }
    return this.#handle as H;
  }
}

function checkDType(op: string, dtype: DType): void {
  if (dtype === 'float64') {
    throw new TypeError(
      `${op}: the gpu backend has no float64 (gpu.js computes in float32); use .to('float32') first, or setBackend('cpu') for float64`,
    );
  }
}

function checkSize(op: string, shape: Shape): void {
  if (sizeOf(shape) > MAX_ELEMENTS) {
    throw new RangeError(`${op}: shape ${fmt(shape)} has ${sizeOf(shape)} elements; the gpu backend holds at most 2^24 = ${MAX_ELEMENTS} per tensor (its indices are float32)`);
  }
}

export function createGpuBackend<H>(device: Device<H>): GpuBackend {
  let runs = 0;
  let reads = 0;
  let matmulChoice: MatmulChoice = 'auto';
  // device memory (textures, buffers) is freed when its storage is garbage collected
  const registry = new FinalizationRegistry<H>((handle) => device.free(handle));

  // an empty tensor holds no device memory; kernels never index it, but gpu.js wants an array in its place
  let placeholder: H | undefined;
  const store = (dtype: DType, length: number, make: () => H, pending?: GpuStorage<H>['pending']): GpuStorage<H> => {
    if (length === 0) return new GpuStorage(() => (placeholder ??= device.upload(new Float32Array(1))), dtype, 0);
    return new GpuStorage((self) => {
      const handle = make();
      registry.register(self, handle);
      return handle;
    }, dtype, length, pending);
  };
  const operand = (v: View): k.Operand<H> => ({ data: (v.storage as GpuStorage<H>).handle, shape: v.shape, strides: v.strides, offset: v.offset });
  /** Runs the kernel `call` returns; kernels it runs on the way through `step` are freed after. */
  const run = (op: string, shape: Shape, dtype: DType, call: (step: Step<H>) => KernelCall<H>): GpuStorage<H> => {
    checkDType(op, dtype);
    checkSize(op, shape);
    return store(dtype, sizeOf(shape), () => {
      const temporaries: H[] = [];
      const step = (c: KernelCall<H>): H => {
        runs++;
        temporaries.push(device.run(c));
        return temporaries[temporaries.length - 1];
      };
      const result = step(call(step));
      temporaries.pop();
      for (const t of temporaries) device.free(t);
      return result;
    });
  };
  const isInt = (dtype: DType): boolean => dtype === 'int32';

  /**
   * An operand of an elementwise op producing `shape`: a pending float32 result of that same shape,
   * read whole in its own layout, joins the expression (its inputs' strides are over that shape);
   * anything else is read from device memory.
   */
  const term = (v: View, shape: Shape): Expr<H> => {
    const s = v.storage as GpuStorage<H>;
    const same = s.pending !== undefined && s.pending.shape.length === shape.length && s.pending.shape.every((d, i) => d === shape[i]);
    if (same && s.dtype === 'float32' && v.offset === 0 && isContiguous(shape, v.strides)) return (s.pending as { expr: Expr<H> }).expr;
    return { kind: 'leaf', storage: s, strides: v.strides, offset: v.offset };
  };
  /** An elementwise float32 result, left pending (fusion.ts); a chain too big for one kernel runs its operands first. */
  const elementwise = (op: string, shape: Shape, build: (read: (v: View) => Expr<H>) => Expr<H>): GpuStorage<H> => {
    checkSize(op, shape);
    let expr = build((v) => term(v, shape));
    if (!fits(expr)) expr = build((v) => ({ kind: 'leaf', storage: v.storage as GpuStorage<H>, strides: v.strides, offset: v.offset }));
    const done = expr;
    return store('float32', sizeOf(shape), () => {
      runs++;
      return device.run(fused(done, shape));
    }, { expr: done, shape });
  };

  return {
    name: 'gpu',
    mode: device.mode,
    get matmulChoice() { return matmulChoice; },
    set matmulChoice(choice) { matmulChoice = choice; },
    get kernelsBuilt() { return device.kernelsBuilt; },
    get kernelRuns() { return runs; },
    get reads() { return reads; },
    dispose: () => device.dispose(),

    upload(data: TypedArray, op = 'tensor'): Storage {
      const dtype: DType = data instanceof Float32Array ? 'float32' : data instanceof Int32Array ? 'int32' : 'float64';
      checkDType(op, dtype);
      checkSize(op, [data.length]);
      if (dtype === 'int32') {
        const big = data.find((v) => Math.abs(v) > MAX_ELEMENTS);
        if (big !== undefined) {
          throw new RangeError(`${op}: int32 value ${big} is too large for the gpu backend, which holds int32 as float32 (exact up to 2^24 = ${MAX_ELEMENTS})`);
        }
      }
      return store(dtype, data.length, () => device.upload(dtype === 'float32' ? (data as Float32Array) : Float32Array.from(data)));
    },

    download(storage: Storage): TypedArray {
      const s = storage as GpuStorage<H>;
      if (s.length > 0) reads++;
      const values = s.length === 0 ? new Float32Array(0) : device.read(s.handle, s.length);
      if (s.dtype !== 'int32') return values;
      // past 2^24 float32 storage has dropped low bits: refuse rather than hand back a wrong integer
      const big = values.find((v) => !(Math.abs(v) <= MAX_ELEMENTS));
      if (big !== undefined) {
        throw new RangeError(`gpu backend: an int32 result does not fit: past 2^24 = ${MAX_ELEMENTS} its float32 storage is no longer exact (read back ${big}); compute it on the cpu backend`);
      }
      return Int32Array.from(values);
    },

    // named `to`: only .to(dtype) can ask a copy for another dtype
    copy: (x, dtype) => dtype === 'float32'
      ? elementwise('to', x.shape, (read) => read(x))
      : run('to', x.shape, dtype, () => k.copy(operand(x), isInt(dtype))),
    unary: (op, x, dtype) => dtype === 'float32'
      ? elementwise(op, x.shape, (read) => ({ kind: 'unary', op, x: read(x) }))
      : run(op, x.shape, dtype, () => k.unary(op, operand(x), isInt(dtype))),
    binary: (op, a, b, shape, dtype) => dtype === 'float32'
      ? elementwise(op, shape, (read) => ({ kind: 'binary', op, a: read(a), b: read(b) }))
      : run(op, shape, dtype, () => k.binary(op, operand(a), operand(b), shape, isInt(dtype))),
    where: (cond, a, b, shape, dtype) => dtype === 'float32'
      ? elementwise('where', shape, (read) => ({ kind: 'where', cond: read(cond), a: read(a), b: read(b) }))
      : run('where', shape, dtype, () => k.where(operand(cond), operand(a), operand(b), shape, isInt(dtype))),
    reduce: (op, x, dim, dtype) =>
      run(op, x.shape.map((d, i) => (i === dim ? 1 : d)), dtype, () => k.reduce(op, operand(x), dim, isInt(dtype))),
    matmul(a, b, dtype) {
      const r = a.shape.length;
      const shape = [...a.shape.slice(0, r - 1), b.shape[r - 1]];
      const [x, y] = [operand(a), operand(b)];
      const blocked = BLOCKED[device.mode];
      const plan = matmulChoice === 'simple' ? 'simple' : matmulChoice === 'blocked' ? blocked : choosePlan(blocked, x, y);
      return run('matmul', shape, dtype, (step) => matmul(plan, x, y, isInt(dtype), step));
    },
    gather: (x, dim, index, dtype) => run('gather', index.shape, dtype, () => k.gather(operand(x), dim, operand(index), isInt(dtype))),
    scatterAdd: (shape, dim, index, src, dtype) =>
      run('scatterAdd', shape, dtype, () => k.scatterAdd(shape, dim, operand(index), operand(src), isInt(dtype))),

    concat(xs, dim, dtype) {
      const join = (part: readonly View[]): View => {
        const shape = part[0].shape.map((d, a) => (a === dim ? part.reduce((t, x) => t + x.shape[dim], 0) : d));
        const storage = run('concat', shape, dtype, () => k.concat(part.map(operand), dim, isInt(dtype)));
        return { storage, shape, strides: contiguousStrides(shape), offset: 0 };
      };
      // a kernel binds only a few inputs (storage-buffer limits): join in chunks, the part joined so far first
      let done = join(xs.slice(0, k.CONCAT_INPUTS));
      for (let i = k.CONCAT_INPUTS; i < xs.length; i += k.CONCAT_INPUTS - 1) {
        done = join([done, ...xs.slice(i, i + k.CONCAT_INPUTS - 1)]);
      }
      return done.storage;
    },
  };
}
