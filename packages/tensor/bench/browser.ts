/**
 * The benchmark inside a browser page, bundled by chromium.ts: the same cases, timing and table
 * as main.ts, on engines that exist only there — gpu.js's webgl2 and webgl modes and TF.js's
 * webgl backend — beside TF.js's cpu and wasm backends and gradschool's cpu backend. The page
 * calls `runBench(cases, wasmFiles)`, which returns the table as JSON for Node to print.
 */
import type { Case } from './cases.ts';
import { gradschool, tfjs } from './engines.ts';
import { measure, type Row, startEngines } from './table.ts';

export interface BrowserTable { runtime: string; engines: string[]; notes: string[]; rows: Row[] }

/** What the page runs on: the browser's version and the renderer WebGL reports (SwiftShader where there is no GPU). */
function describeRuntime(): string {
  const browser = /Chrome\/([\d.]+)/.exec(navigator.userAgent)?.[0].replace('Chrome/', 'Chromium ') ?? navigator.userAgent;
  const gl = document.createElement('canvas').getContext('webgl2');
  const info = gl?.getExtension('WEBGL_debug_renderer_info');
  return `${browser}, WebGL on ${info ? String(gl?.getParameter(info.UNMASKED_RENDERER_WEBGL)) : 'an unknown renderer'}`;
}

/** How TF.js set itself up here: which wasm build (SIMD, threads) and whether webgl renders to float32 textures. */
async function describeTfjs(names: string[]): Promise<string[]> {
  const tf = await import('@tensorflow/tfjs-core');
  const yes = (flag: boolean) => (flag ? 'yes' : 'no');
  const notes: string[] = [];
  if (names.includes('tfjs-wasm')) {
    const { getThreadsCount } = await import('@tensorflow/tfjs-backend-wasm');
    notes.push(`(tfjs-wasm: SIMD ${yes(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT') as boolean)}, ${getThreadsCount()} thread(s))`);
  }
  if (names.includes('tfjs-webgl')) {
    notes.push(`(tfjs-webgl: WebGL ${tf.env().getNumber('WEBGL_VERSION')}, float32 textures ${yes(tf.env().getBool('WEBGL_RENDER_FLOAT32_ENABLED'))})`);
  }
  return notes;
}

/** `wasmFiles` maps TF.js's .wasm file names to data: URLs, since the page has no server to fetch them from. */
async function runBench(cases: Case[], wasmFiles: Record<string, string>): Promise<BrowserTable> {
  const { engines, notes } = await startEngines([
    ['tfjs-cpu', () => tfjs('cpu', () => import('@tensorflow/tfjs-backend-cpu'))],
    ['tfjs-wasm', () => tfjs('wasm', async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(wasmFiles);
    })],
    ['tfjs-webgl', () => tfjs('webgl', () => import('@tensorflow/tfjs-backend-webgl'))],
    ['cpu', () => gradschool('cpu')],
    ['gpu:webgl2', () => gradschool('gpu', 'webgl2')],
    ['gpu:webgl', () => gradschool('gpu', 'webgl')],
  ]);
  const rows: Row[] = [];
  for await (const row of measure(engines, cases)) rows.push(row);
  const names = engines.map((e) => e.name);
  return { runtime: describeRuntime(), engines: names, notes: [...notes, ...(await describeTfjs(names))], rows };
}

(globalThis as { runBench?: typeof runBench }).runBench = runBench;
