/**
 * Runs gpu-parity.ts in headless Chromium, where gpu.js has its webgl2 and webgl modes.
 *
 *   npm run test:browser -w @gradschool/tensor      (SEED=<n> replays a run)
 */
import { fileURLToPath } from 'node:url';
import { runInChromium } from './chromium.ts';
import type { Outcome } from './parity.ts';

const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = 25;

const outcomes = await runInChromium<Outcome[]>(fileURLToPath(new URL('parity.ts', import.meta.url)), 'runParity', [seed, numRuns]);
for (const { name, error } of outcomes) console.log(error === undefined ? `  ✓ ${name}` : `  ✗ ${name}\n      ${error.replaceAll('\n', '\n      ')}`);
const failed = outcomes.filter((o) => o.error !== undefined).length;
console.log(`\nChromium, seed ${seed} (replay: SEED=${seed})\n${outcomes.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 || outcomes.length === 0 ? 1 : 0;
