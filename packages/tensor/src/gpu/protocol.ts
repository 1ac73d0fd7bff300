/**
 * Messages between the webgpu worker and the thread that uses it. Requests go by postMessage;
 * answers come back through shared memory, so the asking thread can wait for them synchronously
 * with Atomics.wait.
 */

export interface CallMessage {
  source: string;
  arrays: number[];
  scalars: number[];
  length: number;
  loopMax: number;
  width?: number;
}

export type Request =
  | { type: 'init'; control: SharedArrayBuffer }
  | { type: 'upload'; id: number; data: Float32Array }
  | { type: 'run'; id: number; call: CallMessage }
  | { type: 'read'; id: number; length: number; out: SharedArrayBuffer }
  | { type: 'free'; id: number };

/** Layout of the control block: an Int32Array header, then an error message in UTF-8. */
export const STATE = 0; // 0 while a request is pending, 1 when answered
export const STATUS = 1; // 0 ok, 1 error
export const KERNELS = 2; // kernels built by the worker so far
export const MESSAGE_BYTES = 3; // length of the error message
export const HEADER = 16; // bytes before the message
export const CONTROL_BYTES = HEADER + 16384;

/**
 * Requests the asking thread waits for. Uploads, runs and frees are queued without waiting (a
 * round trip costs more than most kernels); a failure among them is reported by the next read.
 */
export const ANSWERED = new Set<Request['type']>(['init', 'read']);
