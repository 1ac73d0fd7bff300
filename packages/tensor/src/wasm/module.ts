/**
 * Loads the AssemblyScript kernels (kernels.generated.ts) and lays out their linear memory.
 * One instance serves the whole process; where shared memory exists it runs on a shared
 * WebAssembly.Memory, so pool workers (pool.ts) can instantiate the same bytes on the same memory.
 */
import { MAX_PAGES, SHARED, SINGLE } from './kernels.generated.ts';

/** The kernels' exports (wasm/assembly/matmul.ts, math.ts); pointers are byte addresses, sizes element counts. */
export interface Kernels {
  expRun(p: number, n: number): void;
  tanhRun(p: number, n: number): void;
  sigmoidRun(p: number, n: number): void;
  packB(src: number, rs: number, cs: number, k: number, n: number, dst: number): void;
  matmulRows(a: number, ars: number, acs: number, pb: number, pa: number, c: number, m: number, k: number, n: number, r0: number, r1: number, tmp: number): void;
  sumRows(src: number, n: number, rows: number, dst: number): void;
  sumFold(src: number, k: number, width: number, acc: number, dst: number): void;
  heapBase(): number;
}

/** Rows per A panel and columns per B panel of the micro-kernel (MR, NR in matmul.ts). */
export const MR = 4;
export const NR = 8;
/** Threads the layout reserves a scratch tile for (main + workers). */
export const MAX_THREADS = 16;
const PAGE = 65536;

export interface Loaded {
  readonly kernels: Kernels;
  readonly memory: WebAssembly.Memory;
  /** The binary it was compiled from, for workers to compile again. */
  readonly bytes: Uint8Array<ArrayBuffer>;
  readonly shared: boolean;
  /** Byte offsets of the fixed part of the layout: the pool's control words, per-thread scratch tiles, then free space. */
  readonly control: number;
  readonly scratch: number;
  readonly free: number;
}

const decode = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
const align = (n: number): number => Math.ceil(n / 64) * 64;

/** A shared memory where this runtime makes one (Node, Deno, a cross-origin-isolated page), else a plain one. */
function makeMemory(): { memory: WebAssembly.Memory; shared: boolean } {
  if (typeof SharedArrayBuffer === 'function') {
    try {
      return { memory: new WebAssembly.Memory({ initial: 1, maximum: MAX_PAGES, shared: true }), shared: true };
    } catch {
      // a page without cross-origin isolation: fall through to plain memory
    }
  }
  return { memory: new WebAssembly.Memory({ initial: 1 }), shared: false };
}

let loaded: Loaded | undefined;

/** The process's kernel instance, compiled synchronously on first use (the binary is ~3.7 KB, under browsers' 4 KB limit for synchronous compiles). */
export function load(): Loaded {
  if (loaded) return loaded;
  const { memory, shared } = makeMemory();
  const bytes = decode(shared ? SHARED : SINGLE);
  const instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } });
  const kernels = instance.exports as unknown as Kernels;
  const control = align(kernels.heapBase());
  const scratch = control + 64;
  loaded = { kernels, memory, bytes, shared, control, scratch, free: align(scratch + MAX_THREADS * MR * NR * 4) };
  return loaded;
}

/**
 * Bump-allocates byte regions above `free` for one call, growing memory to fit. Every call
 * starts over at `free` (calls never overlap: the main thread runs one at a time).
 * Returns false where the memory cannot grow that far (the caller falls back to the cpu backend).
 */
export class Layout {
  readonly #at: Loaded;
  #end: number;
  constructor(at: Loaded) {
    this.#at = at;
    this.#end = at.free;
  }
  /** Room for `floats` float32 values, 64-byte aligned (cache lines, and v128 loads never straddle one). */
  take(floats: number): number {
    const start = this.#end;
    this.#end = align(start + floats * 4);
    return start;
  }
  /** Grows the memory to hold everything taken so far; false if that exceeds its maximum. */
  fits(): boolean {
    const have = this.#at.memory.buffer.byteLength;
    if (this.#end <= have) return true;
    try {
      this.#at.memory.grow(Math.ceil((this.#end - have) / PAGE));
      return true;
    } catch {
      return false;
    }
  }
  /** A float32 view of memory (re-made each time: growing detaches a plain memory's old buffer). */
  floats(ptr: number, length: number): Float32Array {
    return new Float32Array(this.#at.memory.buffer, ptr, length);
  }
}
