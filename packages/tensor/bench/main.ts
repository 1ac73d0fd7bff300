/**
 * `npm run bench`: matmul 128-1024, a large elementwise add and a row sum on gradschool's cpu
 * backend and each gpu.js mode available, beside TensorFlow.js (cpu and wasm backends) in the same
 * process. Prints GFLOP/s (an add or a sum counts one flop per element) and each engine's speed
 * relative to tfjs-cpu. Under Deno (`deno run -A bench/main.ts`) the webgpu mode joins in.
 * BENCH_ONLY=add,sum (a comma-separated list of ops) runs only those cases, for quick iteration.
 */
import { disposeGpu, GPU_MODES } from '../src/index.ts';
import { type Engine, gradschool, type Op, tfjs } from './engines.ts';

interface Case { label: string; op: Op; shapes: number[][]; flops: number }

const matmul = (n: number): Case => ({ label: `matmul ${n}x${n}`, op: 'matmul', shapes: [[n, n], [n, n]], flops: 2 * n ** 3 });
const CASES: Case[] = [
  ...[128, 256, 512, 1024].map(matmul),
  { label: 'add 2048x2048', op: 'add', shapes: [[2048, 2048], [2048, 2048]], flops: 2048 * 2048 },
  { label: 'sum rows 2048x2048', op: 'sum', shapes: [[2048, 2048]], flops: 2048 * 2048 },
];

const env = (name: string): string | undefined =>
  (globalThis as { Deno?: { env: { get(n: string): string | undefined } } }).Deno?.env.get(name) ??
  (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env[name];
const only = env('BENCH_ONLY')?.split(',');
const selected = only ? CASES.filter((c) => only.includes(c.op)) : CASES;

/** Median seconds per run: one warm-up (builds kernels), then runs until ~0.5 s or 7 runs, at least 2. */
function time(run: () => void): number {
  run();
  const times: number[] = [];
  let total = 0;
  while (times.length < 2 || (total < 0.5 && times.length < 7)) {
    const t = performance.now();
    run();
    const s = (performance.now() - t) / 1000;
    times.push(s);
    total += s;
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/** gpu.js's cpu mode runs kernels as plain JS, 10-100x slower: it skips the largest matmuls to keep the run short. */
const skip = (engine: Engine, c: Case): boolean => engine.name === 'gpu:cpu' && c.op === 'matmul' && c.shapes[0][0] > 256;

async function engines(): Promise<Engine[]> {
  const out: Engine[] = [];
  const tryAdd = async (make: () => Engine | Promise<Engine>, what: string) => {
    try {
      out.push(await make());
    } catch (error) {
      console.log(`(${what} left out: ${error instanceof Error ? error.message : String(error)})`);
    }
  };
  await tryAdd(() => tfjs('cpu'), 'tfjs-cpu');
  await tryAdd(() => tfjs('wasm'), 'tfjs-wasm');
  await tryAdd(() => gradschool('cpu'), 'cpu');
  for (const mode of GPU_MODES) {
    if (mode === 'webgl' || mode === 'webgl2') continue; // browser only
    await tryAdd(() => gradschool('gpu', mode), `gpu:${mode}`);
  }
  return out;
}

const pad = (s: string, n: number) => s.padStart(n);

async function main(): Promise<void> {
  const list = await engines();
  const runtime = 'Deno' in globalThis ? `Deno ${(globalThis as { Deno?: { version: { deno: string } } }).Deno?.version.deno}` : `Node ${(globalThis as { process?: { version: string } }).process?.version}`;
  console.log(`GFLOP/s (higher is better) and speed relative to tfjs-cpu, on ${runtime}`);
  const width = Math.max(...list.map((e) => e.name.length), 12) + 2;
  console.log(pad('', 20) + list.map((e) => pad(e.name, width)).join(''));
  for (const c of selected) {
    const gflops: number[] = [];
    for (const e of list) gflops.push(skip(e, c) ? NaN : c.flops / time(await e.prepare(c.op, c.shapes)) / 1e9);
    const base = gflops[list.findIndex((e) => e.name === 'tfjs-cpu')];
    const cell = (g: number) => (Number.isNaN(g) ? 'skipped' : `${g.toFixed(2)}${base ? ` (${(g / base).toFixed(2)}x)` : ''}`);
    console.log(c.label.padEnd(20) + gflops.map((g) => pad(cell(g), width)).join(''));
  }
}

await main();
disposeGpu(); // the webgpu worker would keep Deno running
