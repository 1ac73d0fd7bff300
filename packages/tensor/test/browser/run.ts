/**
 * Runs gpu-parity.ts in headless Chromium, on the gpu.js modes only a browser has: webgl2 and
 * webgl on the page's main thread, webgpu in a worker the page starts (its reads block on
 * Atomics.wait, which a page may not).
 *
 *   npm run test:browser -w @gradschool/tensor      (SEED=<n> replays a run)
 */
import { fileURLToPath } from 'node:url';
import type { GpuMode } from '../../src/gpu/index.ts';
import { noChromium, runInChromium } from './chromium.ts';
import type { Outcome } from './parity.ts';

const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = 25;
const entry = fileURLToPath(new URL('parity.ts', import.meta.url));

/** The checks on `modes`; a page or worker that cannot start is one failed line, never a silent skip. */
async function run(modes: GpuMode[], inWorker: boolean): Promise<Outcome[]> {
  try {
    return await runInChromium<Outcome[]>(entry, 'runParity', [seed, numRuns, modes], { inWorker });
  } catch (e) {
    return [{ name: `${modes.join(', ')}: the checks could not run ${inWorker ? 'in a worker' : 'on the page'}`, error: e instanceof Error ? e.message : String(e) }];
  }
}

// a contributor's Mac has no Linux Chromium: say so plainly rather than fail every check (CI is Linux x64)
const missing = noChromium();
if (missing) {
  console.log(`Chromium checks skipped: ${missing}`);
  process.exit(0);
}

const outcomes = [...await run(['webgl2', 'webgl'], false), ...await run(['webgpu'], true)];
for (const { name, error } of outcomes) console.log(error === undefined ? `  ✓ ${name}` : `  ✗ ${name}\n      ${error.replaceAll('\n', '\n      ')}`);
const failed = outcomes.filter((o) => o.error !== undefined).length;
console.log(`\nChromium, seed ${seed} (replay: SEED=${seed})\n${outcomes.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 || outcomes.length === 0 ? 1 : 0;
