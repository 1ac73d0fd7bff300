/**
 * `npx deno run -A packages/tensor/bench/gpu-matmul.ts`: gpu.js's webgpu matmul beside TF.js's
 * webgpu backend, in one process, samples interleaved (engine by engine within each round), the
 * median of 9 rounds. gradschool runs twice: its `simple` kernel (one output per thread) and the
 * `blocked` one (src/gpu/matmul.ts). TF.js-webgpu reads back with `await data()`, since its
 * `dataSync()` is refused on webgpu; gradschool's read blocks on its worker. Both wait on Deno's
 * `mapAsync`, which polls every 10 ms. Under Deno here WebGPU is llvmpipe, a CPU emulating a GPU:
 * the figures say nothing about a real one.
 */
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-webgpu';
import { disposeGpu, Generator, getBackend, randn, setBackend } from '../src/index.ts';

type Timed = () => Promise<void>;

function gradschool(matmul: string, n: number): Timed {
  setBackend('gpu', { mode: 'webgpu', matmul });
  const gen = new Generator(1);
  const [a, b] = [randn([n, n], gen), randn([n, n], gen)];
  return () => {
    setBackend('gpu', { mode: 'webgpu', matmul });
    getBackend().download(a.matmul(b).storage);
    return Promise.resolve();
  };
}

function tfjs(n: number): Timed {
  const [a, b] = [tf.randomNormal([n, n], 0, 1, 'float32', 1), tf.randomNormal([n, n], 0, 1, 'float32', 2)];
  return async () => {
    const c = tf.matMul(a, b);
    await c.data();
    c.dispose();
  };
}

if (!(await tf.setBackend('webgpu'))) throw new Error('tfjs-webgpu did not start');
await tf.ready();
const adapter = await (navigator as unknown as { gpu: { requestAdapter(): Promise<{ info?: { device?: string; description?: string } }> } }).gpu.requestAdapter();
console.log(`GFLOP/s, Deno ${(globalThis as unknown as { Deno: { version: { deno: string } } }).Deno.version.deno}, WebGPU on ${adapter.info?.description || adapter.info?.device || 'an unnamed adapter'} (a software device: says nothing about a real GPU)`);
console.log('n      gpu:webgpu simple   gpu:webgpu blocked   tfjs-webgpu   blocked / tfjs');
for (const n of [128, 256, 512]) {
  const engines = [gradschool('simple', n), gradschool('blocked', n), tfjs(n)];
  for (const run of engines) await run(); // warm-up: builds the kernels
  const times: number[][] = engines.map(() => []);
  for (let round = 0; round < 9; round++) {
    for (const [e, run] of engines.entries()) {
      const t = performance.now();
      await run();
      times[e].push((performance.now() - t) / 1000);
    }
  }
  const gflops = times.map((ts) => 2 * n ** 3 / ts.sort((x, y) => x - y)[4] / 1e9);
  console.log(`${String(n).padEnd(7)}${gflops.map((g) => g.toFixed(2).padStart(17)).join('  ')}   ${(gflops[1] / gflops[2]).toFixed(2)}x`);
}
disposeGpu();
