/**
 * Which backend a page runs on: "the fastest that starts here". Which one is fastest depends on
 * the model as much as on the machine (a small network spends its time on kernel launches and
 * read-backs, not arithmetic; wasm speeds up matmul only), so each page times a few of its own training steps on every
 * backend that starts and keeps the quickest. The learner can still pick another.
 *
 * WebGPU is not offered: the gpu backend reads WebGPU results by blocking on Atomics.wait, which a
 * page's main thread may not do, and these pages train on the main thread (see loop.ts).
 */
import { getBackend, setBackend } from '@gradschool/tensor';

export interface Choice {
  /** How the readout names it. */
  label: string;
  select(): void;
}

export const CHOICES: readonly Choice[] = [
  { label: 'gpu.js webgl2', select: () => setBackend('gpu', { mode: 'webgl2' }) },
  // WebAssembly matmul kernels, one thread (a page is not cross-origin isolated), the rest as cpu
  { label: 'wasm', select: () => setBackend('wasm') },
  { label: 'cpu', select: () => setBackend('cpu') },
];

export interface Timing {
  choice: Choice;
  /** Milliseconds per step, or why the backend did not start. */
  ms: number | string;
}

/** Steps timed on each backend, after one that builds its kernels. */
const TIMED_STEPS = 2;

/** The fastest of a few steps: other work on the machine only ever adds time. */
function time(step: () => void): number {
  step();
  let best = Infinity;
  for (let i = 0; i < TIMED_STEPS; i++) {
    const start = performance.now();
    step();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

function timeOne(choice: Choice, step: () => void): Timing {
  try {
    choice.select();
    return { choice, ms: time(step) };
  } catch (e) {
    return { choice, ms: `did not start: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Time `step` on each backend that starts, select the fastest, and return every timing. */
export function pickFastest(step: () => void): Timing[] {
  const timings = CHOICES.map((choice) => timeOne(choice, step));
  const ran = timings.filter((t): t is Timing & { ms: number } => typeof t.ms === 'number').sort((a, b) => a.ms - b.ms);
  (ran[0]?.choice ?? CHOICES[CHOICES.length - 1]).select();
  return timings;
}

/** The backend running now, as the readout names it (gpu.js with its mode). */
export function backendName(): string {
  const b = getBackend();
  return b.name === 'gpu' ? `gpu.js ${b.mode}` : b.name;
}
