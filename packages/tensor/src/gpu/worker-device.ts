/**
 * gpu.js's webgpu mode behind a synchronous Device. WebGPU reads results back only
 * asynchronously, so gpu.js runs in a worker and this thread blocks on Atomics.wait until the
 * worker answers. Results stay in the worker's device memory between ops; only `read` copies
 * values back. Needs a thread that may block (Deno, a browser worker, not a browser's main
 * thread) and SharedArrayBuffer.
 */
import type { Device } from './device.ts';
import type { KernelCall } from './program.ts';
import { ANSWERED, CONTROL_BYTES, HEADER, KERNELS, MESSAGE_BYTES, type Request, STATE, STATUS } from './protocol.ts';

/** Building the first kernels compiles shaders, slowly on a software adapter; past this, give up. */
const TIMEOUT_MS = 120_000;

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

  /** Starts the worker and waits until it has a WebGPU adapter; throws if there is none. */
  constructor() {
    this.#worker = new Worker(new URL('./webgpu-worker.ts', import.meta.url).href, { type: 'module' });
    try {
      this.#send({ type: 'init', control: this.#control });
    } catch (error) {
      this.#worker.terminate();
      throw error;
    }
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
    const { source, arrays, scalars, length, loopMax } = call;
    this.#send({ type: 'run', id, call: { source, arrays: [...arrays], scalars: [...scalars], length, loopMax } });
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

  /** Post a request; for one that is answered, block until the answer and throw the worker's error. */
  #send(request: Request): void {
    if (!ANSWERED.has(request.type)) {
      this.#worker.postMessage(request);
      return;
    }
    Atomics.store(this.#header, STATE, 0);
    this.#worker.postMessage(request);
    if (Atomics.wait(this.#header, STATE, 0, TIMEOUT_MS) === 'timed-out') {
      throw new Error(`gpu backend (webgpu): the worker did not answer a '${request.type}' request within ${TIMEOUT_MS / 1000} s`);
    }
    this.#kernels = this.#header[KERNELS];
    if (this.#header[STATUS] !== 0) {
      const bytes = new Uint8Array(this.#control, HEADER, this.#header[MESSAGE_BYTES]).slice();
      throw new Error(`gpu backend (webgpu): ${new TextDecoder().decode(bytes)}`);
    }
  }
}
