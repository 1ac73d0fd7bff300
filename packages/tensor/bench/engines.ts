/**
 * What the benchmark compares: gradschool's backends and TensorFlow.js's, behind one small
 * interface. Each op includes reading the result back to the host (the backend's `download`,
 * `dataSync()`), so a backend that defers work, as a GPU does, cannot look faster than it is.
 */
import { Generator, getBackend, randn, setBackend, type Tensor } from '../src/index.ts';
import type { Op } from './cases.ts';

export interface Engine {
  readonly name: string;
  /** Select this engine, make random operands of these shapes; returns the timed op (it reads its result back). */
  prepare(op: Op, shapes: number[][]): Promise<() => void>;
}

/** gradschool on one backend (cpu, or gpu in one gpu.js mode). */
export function gradschool(backend: string, mode?: string): Engine {
  setBackend(backend, mode ? { mode } : {});
  const name = mode ? `${backend}:${getBackend().mode}` : backend;
  return {
    name,
    async prepare(op, shapes) {
      setBackend(backend, mode ? { mode } : {});
      const gen = new Generator(1);
      const [a, b] = shapes.map((s) => randn(s, gen));
      const run: Record<Op, () => Tensor> = { matmul: () => a.matmul(b), add: () => a.add(b), sum: () => a.sum(-1) };
      // read the result's own storage back, as TF.js's dataSync() does: `data()` would add a
      // defensive copy (a fresh 16 MB array for add) that TF.js does not make
      return () => void getBackend().download(run[op]().storage);
    },
  };
}

/**
 * TensorFlow.js 4.22 on one of its backends (`cpu`, `wasm`, `webgl`); `load` imports that backend's
 * package, which registers it, and does any setup it needs. Loaded only when asked for.
 */
export async function tfjs(backend: string, load: () => Promise<unknown>): Promise<Engine> {
  const tf = await import('@tensorflow/tfjs-core');
  await load();
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend '${backend}' did not start`);
  await tf.ready();
  return {
    name: `tfjs-${backend}`,
    async prepare(op, shapes) {
      await tf.setBackend(backend); // TF.js has one global backend: select ours before each case
      const [a, b] = shapes.map((s) => tf.randomNormal(s, 0, 1, 'float32', 1));
      const run: Record<Op, () => import('@tensorflow/tfjs-core').Tensor> = {
        matmul: () => tf.matMul(a, b),
        add: () => tf.add(a, b),
        sum: () => tf.sum(a, -1),
      };
      return () => {
        const out = run[op]();
        out.dataSync();
        out.dispose();
      };
    },
  };
}
