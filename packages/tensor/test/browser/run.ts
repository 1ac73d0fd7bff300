/**
 * Runs gpu-parity.ts in headless Chromium, where gpu.js has its webgl2 and webgl modes (drawn by
 * SwiftShader, a software GPU, on a machine without one). The Chromium is the one the
 * @sparticuz/chromium package ships, so `npm ci` brings it; CHROMIUM_PATH picks another.
 *
 *   npm run test:browser -w @gradschool/tensor      (SEED=<n> replays a run)
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';
import type { Outcome } from './parity.ts';

const seed = Number(process.env.SEED ?? Math.floor(Math.random() * 2 ** 31));
const numRuns = 25;

const bundle = await build({
  entryPoints: [fileURLToPath(new URL('parity.ts', import.meta.url))],
  bundle: true,
  platform: 'browser',
  format: 'iife',
  write: false,
  logLevel: 'error',
});

// the package unpacks Chromium and SwiftShader into the temporary folder once; keep them with the install, which npm ci renews
process.env.TMPDIR = fileURLToPath(new URL('../../../../node_modules/.cache/chromium', import.meta.url));
mkdirSync(process.env.TMPDIR, { recursive: true });
const { default: chromium } = await import('@sparticuz/chromium');

const browser = await puppeteer.launch({
  executablePath: process.env.CHROMIUM_PATH ?? (await chromium.executablePath()),
  args: chromium.args,
  headless: 'shell',
  protocolTimeout: 600_000,
});
let outcomes: Outcome[];
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.addScriptTag({ content: bundle.outputFiles[0].text });
  if (errors.length > 0) throw new Error(`the parity bundle failed to load: ${errors.join('; ')}`);
  outcomes = await page.evaluate((s, n) => (globalThis as unknown as { runParity(seed: number, numRuns: number): Outcome[] }).runParity(s, n), seed, numRuns);
} finally {
  await browser.close();
}

for (const { name, error } of outcomes) console.log(error === undefined ? `  ✓ ${name}` : `  ✗ ${name}\n      ${error.replaceAll('\n', '\n      ')}`);
const failed = outcomes.filter((o) => o.error !== undefined).length;
console.log(`\nChromium, seed ${seed} (replay: SEED=${seed})\n${outcomes.length - failed} passed, ${failed} failed`);
process.exitCode = failed > 0 || outcomes.length === 0 ? 1 : 0;
