/**
 * The page side of gpu-matmul-chromium.ts: gpu.js's GL matmul (each plan) beside TF.js-webgl,
 * timed in one page, samples interleaved engine by engine within each round.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgl';
import { Generator, getBackend, randn, setBackend } from '../src/index.ts';

type Timed = () => void;
export interface MatmulRow { n: number; gflops: number[] }

/** gradschool on one GL mode and matmul plan; the result is read back, as TF.js's dataSync() does. */
function gradschool(mode: string, matmul: string, n: number): Timed {
  setBackend('gpu', { mode, matmul });
  const gen = new Generator(1);
  const [a, b] = [randn([n, n], gen), randn([n, n], gen)];
  return () => {
    setBackend('gpu', { mode, matmul });
    getBackend().download(a.matmul(b).storage);
  };
}

function tfjs(n: number): Timed {
  const [a, b] = [tf.randomNormal([n, n], 0, 1, 'float32', 1), tf.randomNormal([n, n], 0, 1, 'float32', 2)];
  return () => {
    const c = tf.matMul(a, b);
    c.dataSync();
    c.dispose();
  };
}

export const ENGINES = ['gpu:webgl2 simple', 'gpu:webgl2 blocked', 'gpu:webgl blocked', 'tfjs-webgl'];

/** GFLOP/s per engine (ENGINES' order) at each n, the median of `rounds` samples. */
async function runMatmul(sizes: number[], rounds: number): Promise<MatmulRow[]> {
  if (!(await tf.setBackend('webgl'))) throw new Error('tfjs-webgl did not start');
  await tf.ready();
  const rows: MatmulRow[] = [];
  for (const n of sizes) {
    const engines = [gradschool('webgl2', 'simple', n), gradschool('webgl2', 'blocked', n), gradschool('webgl', 'blocked', n), tfjs(n)];
    for (const run of engines) run(); // warm-up: builds the kernels
    // the page's clock ticks every 0.1 ms: repeat a small product within each sample
    const repeats = Math.max(1, Math.round(256 ** 3 / n ** 3));
    const times: number[][] = engines.map(() => []);
    for (let round = 0; round < rounds; round++) {
      for (const [e, run] of engines.entries()) {
        const t = performance.now();
        for (let i = 0; i < repeats; i++) run();
        times[e].push((performance.now() - t) / 1000 / repeats);
      }
    }
    rows.push({ n, gflops: times.map((ts) => 2 * n ** 3 / ts.sort((x, y) => x - y)[Math.floor(rounds / 2)] / 1e9) });
  }
  return rows;
}

(globalThis as { runMatmul?: typeof runMatmul }).runMatmul = runMatmul;
