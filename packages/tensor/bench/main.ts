/**
 * `npm run bench`: matmul 128-1024, a large elementwise add and a row sum on gradschool's cpu
 * backend, its wasm backend (with its worker pool, and on one thread), and each gpu.js mode
 * available, beside TensorFlow.js (cpu and wasm backends) in the same process. Prints GFLOP/s
 * (an add or a sum counts one flop per element) and each engine's speed relative to tfjs-cpu.
 * Under Deno (`deno run -A bench/main.ts`) the webgpu mode joins in; the
 * webgl modes run in a browser (`npm run bench:browser`, chromium.ts).
 * Then the two training steps of training.ts (BENCH_ONLY=train runs only those).
 * BENCH_ONLY=add,sum (a comma-separated list of ops) runs only those cases, for quick iteration.
 */
import { disposeGpu, GPU_MODES, wasmPool } from '../src/index.ts';
import { selectCases } from './cases.ts';
import { gradschool, tfjs } from './engines.ts';
import { trainingTable } from './training.ts';
import { type EngineMaker, formatHeader, formatRow, measure, startEngines } from './table.ts';

const env = (name: string): string | undefined =>
  (globalThis as { Deno?: { env: { get(n: string): string | undefined } } }).Deno?.env.get(name) ??
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];

async function main(): Promise<void> {
  const { engines, notes } = await startEngines([
    ['tfjs-cpu', () => tfjs('cpu', () => import('@tensorflow/tfjs-backend-cpu'))],
    ['tfjs-wasm', () => tfjs('wasm', async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // the .wasm files ship in the package; point the loader at them instead of a CDN
      wasm.setWasmPaths(new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url).pathname);
    })],
    ['cpu', () => gradschool('cpu')],
    // the pool's workers start asynchronously: wait for them, so every product big enough uses them
    ['wasm', async () => ((await wasmPool()?.ready()), gradschool('wasm'))],
    ['wasm:single', () => gradschool('wasm', 'single')],
    // webgl and webgl2 exist only in a browser
    ...GPU_MODES.filter((mode) => mode !== 'webgl' && mode !== 'webgl2')
      .map((mode): EngineMaker => [`gpu:${mode}`, () => gradschool('gpu', mode)]),
  ]);
  for (const note of notes) console.log(note);
  const runtime = 'Deno' in globalThis ? `Deno ${(globalThis as { Deno?: { version: { deno: string } } }).Deno?.version.deno}` : `Node ${(globalThis as { process?: { version: string } }).process?.version}`;
  const names = engines.map((e) => e.name);
  console.log(formatHeader(runtime, names));
  for await (const row of measure(engines, selectCases(env('BENCH_ONLY')))) console.log(formatRow(row, names));
  if (env('BENCH_ONLY')?.split(',').includes('train') ?? true) {
    const started = names.filter((n) => n.startsWith('tfjs-')).map((n) => n.slice('tfjs-'.length));
    for (const line of await trainingTable(['cpu', 'wasm'], started)) console.log(line);
  }
}

await main();
disposeGpu(); // the webgpu worker would keep Deno running
