/**
 * Worker threads that run row blocks of a matmul on the kernels' shared memory. Each worker
 * instantiates the same binary on the same WebAssembly.Memory and sleeps in Atomics.wait on a
 * control word; the main thread writes a job's arguments into the control block, wakes them,
 * computes its own rows, then sleeps in Atomics.wait until every worker has counted itself done.
 * Jobs go through shared memory, not postMessage, so a woken worker starts within microseconds.
 *
 * The pool exists only where all of it works: shared memory, a main thread allowed to block
 * (Node and Deno; not a browser page's main thread), and workers. Otherwise matmuls run on the
 * main thread alone. Workers are unref'd in Node and Deno, so they never keep a process alive.
 */
import { type Loaded, MAX_THREADS, MR, NR } from './module.ts';

/** Control words (Int32 indices at Loaded.control): job generation, workers done, workers ready, parts in this job, then the job's matmulRows arguments. */
const GEN = 0, DONE = 1, READY = 2, PARTS = 3, ARGS = 4;

/**
 * A worker's whole program, as source text so it needs no file of its own (the same reason the
 * binary is inlined). `init` is { bytes, memory, control, scratch, index }.
 */
const WORKER = `
const run = ({ bytes, memory, control, scratch, index }) => {
  const { matmulRows } = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory } }).exports;
  const ctl = new Int32Array(memory.buffer, control, 16);
  let gen = Atomics.load(ctl, ${GEN});
  Atomics.add(ctl, ${READY}, 1);
  for (;;) {
    Atomics.wait(ctl, ${GEN}, gen);
    gen = Atomics.load(ctl, ${GEN});
    const parts = ctl[${PARTS}];
    if (index >= parts) continue;
    const [a, ars, acs, pb, pa, c, m, k, n] = ctl.subarray(${ARGS}, ${ARGS} + 9);
    const per = Math.ceil(m / ${MR} / parts) * ${MR};
    matmulRows(a, ars, acs, pb, pa, c, m, k, n, Math.min(m, index * per), Math.min(m, (index + 1) * per), scratch + index * ${MR * NR * 4});
    Atomics.add(ctl, ${DONE}, 1);
    Atomics.notify(ctl, ${DONE});
  }
};`;

/** The matmulRows arguments of one product, less the row range and scratch: a, ars, acs, pb, pa, c, m, k, n. */
export type RowsArgs = [number, number, number, number, number, number, number, number, number];

interface NodeWorker { unref(): void; on(event: 'error', f: (e: unknown) => void): void }
interface NodeProcess { getBuiltinModule?(id: string): unknown }
type NodeWorkers = { Worker: new (code: string, options: { eval: true; workerData: unknown }) => NodeWorker };

const nodeProcess = (): NodeProcess | undefined => (globalThis as { process?: NodeProcess }).process;

/** Whether this thread may block in Atomics.wait (a browser page's main thread may not). */
function canBlock(): boolean {
  try {
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 1, 0);
    return true;
  } catch {
    return false;
  }
}

/** Cores beyond the main thread's, capped by the scratch tiles the layout reserves. */
function spareCores(): number {
  const os = nodeProcess()?.getBuiltinModule?.('node:os') as { availableParallelism?(): number } | undefined;
  const cores = os?.availableParallelism?.() ?? (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
  return Math.max(0, Math.min(cores, MAX_THREADS) - 1);
}

/** Starts one worker running WORKER with `init`: worker_threads where the runtime has them (Node, Deno), else a Web Worker. */
function spawn(init: Record<string, unknown>, onError: () => void): void {
  const threads = nodeProcess()?.getBuiltinModule?.('node:worker_threads') as NodeWorkers | undefined;
  if (threads) {
    const worker = new threads.Worker(`${WORKER}\nrun(require('node:worker_threads').workerData);`, { eval: true, workerData: init });
    worker.on('error', onError);
    worker.unref();
    return;
  }
  const url = URL.createObjectURL(new Blob([`${WORKER}\nself.onmessage = (e) => run(e.data);`], { type: 'text/javascript' }));
  const worker = new Worker(url, { type: 'module' });
  worker.onerror = onError;
  worker.postMessage(init);
  URL.revokeObjectURL(url);
}

export class Pool {
  readonly #at: Loaded;
  readonly #ctl: Int32Array;
  readonly workers: number;
  #broken = false;

  private constructor(at: Loaded, workers: number) {
    this.#at = at;
    this.workers = workers;
    this.#ctl = new Int32Array(at.memory.buffer, at.control, 16);
    for (let index = 1; index <= workers; index++) {
      spawn({ bytes: at.bytes, memory: at.memory, control: at.control, scratch: at.scratch, index }, () => void (this.#broken = true));
    }
  }

  /** A pool of one worker per spare core, or undefined where threads cannot run here. */
  static start(at: Loaded): Pool | undefined {
    const workers = spareCores();
    if (!at.shared || workers === 0 || !canBlock()) return undefined;
    try {
      return new Pool(at, workers);
    } catch {
      return undefined; // no worker support in this runtime
    }
  }

  /** Threads a job can use now: 1 until every worker has started (they start asynchronously), or after one has failed. */
  get threads(): number {
    return !this.#broken && Atomics.load(this.#ctl, READY) === this.workers ? this.workers + 1 : 1;
  }

  /** Resolves once every worker is ready (for tests and benchmarks, which want the pooled path from the start). */
  async ready(timeoutMs = 10_000): Promise<boolean> {
    for (const start = Date.now(); Date.now() - start < timeoutMs; await new Promise((r) => setTimeout(r, 5))) {
      if (this.threads > 1) return true;
    }
    return false;
  }

  /** C's rows split into `parts` MR-aligned blocks, block 0 on this thread and block i on worker i. */
  run(rows: (r0: number, r1: number, scratch: number) => void, args: RowsArgs, parts: number): void {
    const ctl = this.#ctl;
    ctl.set(args, ARGS);
    ctl[PARTS] = parts;
    Atomics.store(ctl, DONE, 0);
    Atomics.add(ctl, GEN, 1);
    Atomics.notify(ctl, GEN);
    const m = args[6];
    rows(0, Math.min(m, Math.ceil(m / MR / parts) * MR), this.#at.scratch);
    for (let done = Atomics.load(ctl, DONE); done < parts - 1; done = Atomics.load(ctl, DONE)) Atomics.wait(ctl, DONE, done);
  }
}
