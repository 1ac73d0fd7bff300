/**
 * `npx tsx packages/tensor/bench/gpu-matmul-chromium.ts`: gpu.js's webgl2 and webgl matmul
 * beside TF.js-webgl in headless Chromium, in one page, samples interleaved (gpu-matmul-page.ts),
 * medians of ROUNDS (default 9) rounds; SIZES=64,128 picks the sizes. WebGL there is SwiftShader,
 * a CPU emulating a GPU: the figures say nothing about a real one.
 */
import { fileURLToPath } from 'node:url';
import { runInChromium } from '../test/browser/chromium.ts';
import { ENGINES, type MatmulRow } from './gpu-matmul-page.ts';

const sizes = (process.env.SIZES ?? '128,256,512').split(',').map(Number);
const rows = await runInChromium<MatmulRow[]>(fileURLToPath(new URL('gpu-matmul-page.ts', import.meta.url)), 'runMatmul', [sizes, Number(process.env.ROUNDS ?? 9)]);
console.log('GFLOP/s, headless Chromium, WebGL on SwiftShader (a software device: says nothing about a real GPU)');
console.log(`n     ${ENGINES.map((e) => e.padStart(19)).join('')}   webgl2 blocked / tfjs`);
for (const { n, gflops } of rows) {
  console.log(`${String(n).padEnd(6)}${gflops.map((g) => g.toFixed(2).padStart(19)).join('')}   ${(gflops[1] / gflops[3]).toFixed(2)}x`);
}
