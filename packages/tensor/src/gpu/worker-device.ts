/**
 * gpu.js's webgpu mode behind a synchronous Device. WebGPU reads results back only
 * asynchronously, so gpu.js runs in a worker and this thread blocks on Atomics.wait until the
 * worker answers. Results stay in the worker's device memory between ops; only `read` copies
 * values back. Needs a thread that may block (Deno, a browser worker, not a browser's main
 * thread) and SharedArrayBuffer. In a browser a worker starts only once the thread that made it
 * returns to its event loop, so there the device is opened with `await WorkerDevice.start()`.
 */
import type { Device } from './device.ts';
import type { KernelCall } from './program.ts';
import { ANSWERED, CONTROL_BYTES, HEADER, KERNELS, MESSAGE_BYTES, type Request, STATE, STATUS } from './protocol.ts';

/** Building the first kernels compiles shaders, slowly on a software adapter; past this, give up. */
const TIMEOUT_MS = 120_000;

/** Atomics.waitAsync (ES2024; Chromium and Deno have it): waits for the worker without blocking. */
type WaitAsync = (array: Int32Array, index: number, value: number, timeout: number) =>
  { async: false; value: 'not-equal' | 'timed-out' } | { async: true; value: Promise<'ok' | 'timed-out'> };

/** True where this thread may block in Atomics.wait (a browser's main thread may not). */
export function canBlock(): boolean {
  if (typeof SharedArrayBuffer === 'undefined' || typeof Worker === 'undefined') return false;
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0); // returns at once: the value is not 1
    return true;
  } catch {
    return false;
  }
}

export class WorkerDevice implements Device<number> {
  readonly mode = 'webgpu';
  readonly #worker: Worker;
  readonly #control = new SharedArrayBuffer(CONTROL_BYTES);
  readonly #header = new Int32Array(this.#control, 0, HEADER / 4);
  #nextId = 1;
  #kernels = 0;

  /**
   * Starts the worker and, if `block`, waits until it has a WebGPU adapter; throws if there is
   * none. Blocking at once works under Deno; in a browser the worker would never start: use start().
   */
  constructor(block = true) {
    // written so that bundlers (Vite) find the worker and bundle it too
    this.#worker = new Worker(new URL('./webgpu-worker.ts', import.meta.url), { type: 'module' });
    if (block) this.#closeOnError(() => this.#send({ type: 'init', control: this.#control }));
  }

  /** Starts the worker and waits without blocking until it has a WebGPU adapter; throws if there is none. */
  static async start(): Promise<WorkerDevice> {
    const device = new WorkerDevice(false);
    device.#post({ type: 'init', control: device.#control });
    const waited = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync(device.#header, STATE, 0, TIMEOUT_MS);
    const outcome = waited.async ? await waited.value : waited.value;
    device.#closeOnError(() => device.#answer('init', outcome));
    return device;
  }

  get kernelsBuilt(): number {
    return this.#kernels;
  }

  upload(data: Float32Array): number {
    const id = this.#nextId++;
    this.#send({ type: 'upload', id, data });
    return id;
  }

  run(call: KernelCall<number>): number {
    const id = this.#nextId++;
    // natives are GLSL, never run on webgpu
    const { source, arrays, scalars, length, loopMax, width } = call;
    this.#send({ type: 'run', id, call: { source, arrays: [...arrays], scalars: [...scalars], length, loopMax, width } });
    return id;
  }

  read(handle: number, length: number): Float32Array {
    const out = new SharedArrayBuffer(length * 4);
    this.#send({ type: 'read', id: handle, length, out });
    return new Float32Array(out).slice();
  }

  free(handle: number): void {
    this.#send({ type: 'free', id: handle });
  }

  dispose(): void {
    this.#worker.terminate();
  }

  #closeOnError(f: () => void): void {
    try {
      f();
    } catch (error) {
      this.#worker.terminate();
      throw error;
    }
  }

  /** Post a request; for one that is answered, block until the answer and throw the worker's error. */
  #send(request: Request): void {
    this.#post(request);
    if (ANSWERED.has(request.type)) this.#answer(request.type, Atomics.wait(this.#header, STATE, 0, TIMEOUT_MS));
  }

  #post(request: Request): void {
    if (ANSWERED.has(request.type)) Atomics.store(this.#header, STATE, 0);
    this.#worker.postMessage(request);
  }

  /** Read the worker's answer to a request of `type`, after waiting for it: throw its error, or that none came. */
  #answer(type: Request['type'], waited: 'ok' | 'not-equal' | 'timed-out'): void {
    if (waited === 'timed-out') {
      const hint = type === 'init' ? " (in a browser, a worker starts only once the thread that made it returns to its event loop: open webgpu there with `await startWebgpu()`)" : '';
      throw new Error(`gpu backend (webgpu): the worker did not answer a '${type}' request within ${TIMEOUT_MS / 1000} s${hint}`);
    }
    this.#kernels = this.#header[KERNELS];
    if (this.#header[STATUS] !== 0) {
      const bytes = new Uint8Array(this.#control, HEADER, this.#header[MESSAGE_BYTES]).slice();
      throw new Error(`gpu backend (webgpu): ${new TextDecoder().decode(bytes)}`);
    }
  }
}
