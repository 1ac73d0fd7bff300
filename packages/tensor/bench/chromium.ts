/**
 * `npm run bench:browser`: the benchmark in headless Chromium (browser.ts), where gpu.js has its
 * webgl2 and webgl modes and TF.js its webgl backend, printed as main.ts prints it. WebGL there
 * is SwiftShader, a CPU emulating a GPU: the figures say nothing about a real GPU.
 * BENCH_ONLY=add,sum runs only those ops, as for main.ts.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { runInChromium } from '../test/browser/chromium.ts';
import type { BrowserTable } from './browser.ts';
import { selectCases } from './cases.ts';
import { formatHeader, formatRow } from './table.ts';

// the page has no server: hand it TF.js's .wasm files as data: URLs
const wasmDir = new URL('../../../node_modules/@tensorflow/tfjs-backend-wasm/dist/', import.meta.url);
const wasmFiles = Object.fromEntries(['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-threaded-simd.wasm']
  .map((name) => [name, `data:application/octet-stream;base64,${readFileSync(new URL(name, wasmDir)).toString('base64')}`]));

console.log('(running in headless Chromium; the table comes when the page is done)');
const table = await runInChromium<BrowserTable>(fileURLToPath(new URL('browser.ts', import.meta.url)), 'runBench', [selectCases(process.env.BENCH_ONLY), wasmFiles]);
for (const note of table.notes) console.log(note);
console.log(formatHeader(table.runtime, table.engines));
for (const row of table.rows) console.log(formatRow(row, table.engines));
