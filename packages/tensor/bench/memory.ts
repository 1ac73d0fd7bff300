/**
 * `npm run bench:memory`: each training step of training.ts, 10,000 times (BENCH_STEPS to change)
 * on the default backend (GRADSCHOOL_BACKEND to pick another). After a warm-up, memory must stay
 * flat — the JS heap, the typed arrays' buffers and the process's resident size, each read after a
 * full garbage collection — and no kernel may be compiled: the gpu backend counts the kernels it
 * builds, and the cpu and wasm backends compile each op's loop once, on its first use.
 */
import { getBackend, kernelsCompiled } from '../src/index.ts';
import { gradschoolStep, MODELS } from './training.ts';

const steps = Number((globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.BENCH_STEPS ?? 10_000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('bench:memory needs --expose-gc (npm run bench:memory passes it)');

const MB = 2 ** 20;
function usage(): { heap: number; buffers: number; rss: number } {
  gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed / MB, buffers: m.arrayBuffers / MB, rss: m.rss / MB };
}
const kernels = (): number => kernelsCompiled() + ((getBackend() as { kernelsBuilt?: number }).kernelsBuilt ?? 0);

console.log(`${steps} training steps each on ${getBackend().name}; memory in MB after a full gc, sampled every ${steps / 10} steps`);
for (const [label, model] of Object.entries(MODELS)) {
  const step = gradschoolStep(getBackend().name, model);
  for (let i = 0; i < 200; i++) step(); // warm-up: every kernel compiled, the wasm memory grown to its largest product
  const [before, compiledBefore] = [usage(), kernels()];
  const samples = [before];
  const start = performance.now();
  for (let i = 1; i <= steps; i++) {
    step();
    if (i % (steps / 10) === 0) samples.push(usage());
  }
  const after = samples[samples.length - 1];
  const peak = (k: keyof typeof before) => Math.max(...samples.map((s) => s[k]));
  console.log(`${label}: ${((performance.now() - start) / steps).toFixed(1)} ms per step, ${kernels() - compiledBefore} kernels compiled after the warm-up`);
  for (const k of ['heap', 'buffers', 'rss'] as const) {
    console.log(`  ${k.padEnd(8)} ${before[k].toFixed(1).padStart(7)} → ${after[k].toFixed(1).padStart(7)} (peak ${peak(k).toFixed(1)}, change ${(after[k] - before[k]).toFixed(1)})`);
  }
}
