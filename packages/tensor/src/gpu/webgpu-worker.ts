/**
 * The webgpu worker: runs gpu.js in webgpu mode and keeps every result on the device (buffer
 * handles, by id) until the other thread reads one. Started by worker-device.ts.
 */
import { type DeviceArray, type DeviceResult, KernelCache } from './device.ts';
import { ANSWERED, CONTROL_BYTES, HEADER, KERNELS, MESSAGE_BYTES, type Request, STATE, STATUS } from './protocol.ts';

interface WorkerScope {
  onmessage: ((event: MessageEvent<Request>) => void) | null;
}
interface GpuNavigator {
  gpu?: { requestAdapter(): Promise<unknown> };
}

const held = new Map<number, DeviceArray>();
let cache: KernelCache | undefined;
let header: Int32Array<ArrayBufferLike> = new Int32Array(0);
let text: Uint8Array<ArrayBufferLike> = new Uint8Array(0);
// requests are handled one at a time, in the order they were sent
let queue: Promise<void> = Promise.resolve();

function answer(error?: unknown): void {
  const message = error === undefined ? '' : error instanceof Error ? error.message : String(error);
  const bytes = new TextEncoder().encode(message).subarray(0, CONTROL_BYTES - HEADER);
  text.set(bytes);
  header[MESSAGE_BYTES] = bytes.length;
  header[STATUS] = error === undefined ? 0 : 1;
  header[KERNELS] = cache?.size ?? 0;
  Atomics.store(header, STATE, 1);
  Atomics.notify(header, STATE);
}

async function handle(request: Request): Promise<void> {
  switch (request.type) {
    case 'init': {
      header = new Int32Array(request.control, 0, HEADER / 4);
      text = new Uint8Array(request.control, HEADER);
      const adapter = await (navigator as GpuNavigator).gpu?.requestAdapter();
      if (!adapter) throw new Error('no WebGPU adapter: navigator.gpu.requestAdapter() found none');
      cache = new KernelCache('webgpu');
      return;
    }
    case 'upload':
      held.set(request.id, (await (cache as KernelCache).upload(request.data)) as DeviceArray);
      return;
    case 'run': {
      const arrays = request.call.arrays.map((id) => held.get(id) as DeviceArray);
      held.set(request.id, (await (cache as KernelCache).run(request.call, arrays)) as DeviceArray);
      return;
    }
    case 'read': {
      const data = held.get(request.id) as DeviceArray;
      // the buffer is mapped and copied back here: the one device-to-host copy
      const values = data instanceof Float32Array ? data : ((await data.toArray()) as Float32Array);
      new Float32Array(request.out).set(values.subarray(0, request.length));
      return;
    }
    case 'free': {
      const data = held.get(request.id);
      held.delete(request.id);
      if (data && !(data instanceof Float32Array)) (data as DeviceResult).delete();
      return;
    }
  }
}

// a failed request that gets no answer of its own fails the next answered one
let unreported: unknown;

(self as unknown as WorkerScope).onmessage = (event) => {
  const request = event.data;
  const answered = ANSWERED.has(request.type);
  queue = queue.then(() => handle(request)).then(
    () => {
      if (!answered) return;
      answer(unreported);
      unreported = undefined;
    },
    (error: unknown) => {
      if (answered) answer(error);
      else unreported ??= new Error(`a queued ${request.type} failed: ${error instanceof Error ? error.message : String(error)}`);
    },
  );
};
