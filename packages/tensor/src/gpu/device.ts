/**
 * Where gpu.js runs the kernels. A Device takes host data in, runs kernels over what it holds and
 * reads results out; the backend (backend.ts) needs nothing else. `LocalDevice` runs gpu.js in
 * this thread; webgpu runs it in a worker (worker-device.ts), because WebGPU reads back only
 * asynchronously and tensor values are read synchronously.
 */
import { GPU } from 'gpu.js';
import type { KernelCall, NativeFunction } from './program.ts';

/** gpu.js's modes, fastest first where each is available. */
export const GPU_MODES = ['webgpu', 'webgl2', 'webgl', 'headlessgl', 'webasm', 'cpu'] as const;
export type GpuMode = (typeof GPU_MODES)[number];

export interface Device<H> {
  readonly mode: GpuMode;
  upload(data: Float32Array): H;
  run(call: KernelCall<H>): H;
  /** All the values held by `handle` (a copy, safe to keep). */
  read(handle: H, length: number): Float32Array;
  /** Give device memory back; the handle is not used again. */
  free(handle: H): void;
  /** Distinct kernels built so far: constant in a loop that repeats the same ops. */
  readonly kernelsBuilt: number;
  /** Stop for good (the webgpu worker would otherwise keep a Deno process alive). */
  dispose(): void;
}

/** What gpu.js hands back in pipeline mode: a texture on GL, a buffer handle on webgpu. */
export interface DeviceResult {
  toArray(): unknown;
  delete(): void;
}
export type DeviceArray = Float32Array | DeviceResult;

/** The part of a gpu.js kernel this file uses (gpu.js's own typings do not admit string sources with every setting). */
interface GpuKernel {
  (...args: unknown[]): unknown;
  setOutput(output: number[]): void;
  /** The kernel gpu.js actually runs: replaced when it switches or falls back. */
  readonly kernel: { constructor: { mode: string }; fallbackReason?: string };
}
interface KernelFactory {
  createKernel(source: string, settings: object): GpuKernel;
}

const COPY = 'function (a0) { return a0[this.thread.x]; }';

/**
 * gpu.js kernels, built once per (source, loop bound) and reused: a new shape of the same rank
 * only changes argument values. Shared by LocalDevice and the webgpu worker.
 */
export class KernelCache {
  readonly mode: GpuMode;
  readonly #gpu: KernelFactory;
  readonly #kernels = new Map<string, GpuKernel>();

  constructor(mode: GpuMode) {
    this.mode = mode;
    this.#gpu = new GPU({ mode }) as unknown as KernelFactory;
  }

  get size(): number {
    return this.#kernels.size;
  }

  /**
   * Host data onto the device, once: on GL and webgpu a copy kernel's result, so that kernels are
   * only ever handed device arrays (gpu.js compiles a kernel for the kind of argument it first
   * gets). On webasm and cpu the device memory is the host's. A Promise on webgpu.
   */
  upload(data: Float32Array): unknown {
    if (this.mode === 'webasm' || this.mode === 'cpu') return data;
    return this.run({ source: COPY, arrays: [data], scalars: [], length: data.length, loopMax: 1 }, [data]);
  }

  /** Run `call` over `arrays` (the call's arrays, resolved); a Promise on webgpu. */
  run(call: KernelCall<unknown>, arrays: readonly DeviceArray[]): unknown {
    const kernel = this.#kernel(call.source, call.loopMax, call.natives ?? []);
    kernel.setOutput(call.width === undefined ? [call.length] : [call.width, Math.ceil(call.length / call.width)]);
    const result = kernel(...arrays, ...call.scalars);
    this.#checkMode(kernel);
    return this.mode === 'webgpu' ? Promise.resolve(result).then(asScalars) : result;
  }

  #kernel(source: string, loopMax: number, natives: readonly NativeFunction[]): GpuKernel {
    // loops are capped when a kernel is built: round the bound up so nearby sizes share a kernel
    const bound = 2 ** Math.ceil(Math.log2(Math.max(loopMax, 16)));
    const key = `${bound}\n${source}${natives.map((f) => `\n${f.source}`).join('')}`;
    let kernel = this.#kernels.get(key);
    if (!kernel) {
      kernel = this.#gpu.createKernel(source, {
        output: [1],
        dynamicOutput: true,
        dynamicArguments: true,
        pipeline: true, // results stay on the device until read
        immutable: true, // every call gets a fresh result: tensors are immutable
        precision: 'single',
        tactic: 'precision',
        loopMaxIterations: bound,
        ...(natives.length > 0 ? { nativeFunctions: natives } : {}),
      });
      this.#kernels.set(key, kernel);
    }
    return kernel;
  }

  /** gpu.js quietly runs a kernel on its cpu mode when the asked-for mode cannot take it; refuse that. */
  #checkMode(kernel: GpuKernel): void {
    const inner = kernel.kernel;
    if (this.mode !== 'cpu' && inner.constructor.mode === 'cpu') {
      throw new Error(`gpu backend (${this.mode}): gpu.js fell back to its cpu mode for a kernel (${inner.fallbackReason ?? 'no reason given'})`);
    }
  }
}

/** What gpu.js's webgpu mode hands back: a buffer with a component count per thread. */
interface WebgpuResult extends DeviceResult {
  readonly output: number[];
  readonly componentCount?: number;
}

/**
 * An `Array(4)` result on webgpu is a buffer of 4 consecutive floats per thread, but gpu.js refuses
 * one as a kernel argument; the same buffer seen as a 1-D result of 4x the threads is accepted,
 * and is what every kernel here reads: a flat array (of every thread, where the output is 2-D).
 */
function asScalars(result: unknown): unknown {
  const r = result as WebgpuResult;
  const n = r.componentCount ?? 1;
  if (n === 1) return r;
  const Result = r.constructor as new (settings: object) => WebgpuResult;
  const flat = new Result({ ...r, output: [r.output.reduce((t, d) => t * d, 1) * n], componentCount: 1 });
  r.delete(); // the flat view holds its own reference to the buffer
  return flat;
}

/**
 * webasm compiles a module per set of array sizes, so sizes are rounded up to a power of two, at
 * least 1024: a new shape then rarely means a new compile. Threads past the real length return
 * at once.
 */
const padded = (n: number): number => 2 ** Math.ceil(Math.log2(Math.max(n, 1024)));

/** gpu.js in this thread: webasm and cpu everywhere, headlessgl in Node with `gl`, webgl/webgl2 in a browser. */
export class LocalDevice implements Device<DeviceArray> {
  readonly mode: GpuMode;
  readonly #cache: KernelCache;
  readonly #pad: (n: number) => number;

  constructor(mode: GpuMode) {
    this.mode = mode;
    this.#cache = new KernelCache(mode);
    this.#pad = mode === 'webasm' ? padded : (n) => n;
  }

  get kernelsBuilt(): number {
    return this.#cache.size;
  }

  upload(data: Float32Array): DeviceArray {
    const length = this.#pad(data.length);
    const host = length === data.length ? data : new Float32Array(length);
    if (host !== data) host.set(data);
    return this.#cache.upload(host) as DeviceArray;
  }

  run(call: KernelCall<DeviceArray>): DeviceArray {
    return this.#cache.run({ ...call, length: this.#pad(call.length) }, call.arrays) as DeviceArray;
  }

  read(handle: DeviceArray, length: number): Float32Array {
    // a texture is read back here: the one device-to-host copy
    const values = handle instanceof Float32Array ? handle : (handle.toArray() as Float32Array);
    return values.slice(0, length);
  }

  free(handle: DeviceArray): void {
    if (!(handle instanceof Float32Array)) handle.delete();
  }

  dispose(): void {}
}
