/**
 * How the benchmark measures and prints: start the engines, time each case on each, print GFLOP/s
 * with each engine's speed relative to tfjs-cpu. Shared by main.ts (Node, Deno) and the browser
 * entry, whose rows come back to Node as JSON (so a skipped figure is null, not NaN).
 */
import type { Case } from './cases.ts';
import type { Engine } from './engines.ts';

export interface Row { label: string; gflops: (number | null)[] }

/** An engine's name and how to start it. */
export type EngineMaker = [string, () => Engine | Promise<Engine>];

/** Starts each engine that can run here; one that cannot is left out with a note saying why. */
export async function startEngines(makers: EngineMaker[]): Promise<{ engines: Engine[]; notes: string[] }> {
  const engines: Engine[] = [];
  const notes: string[] = [];
  for (const [what, make] of makers) {
    try {
      engines.push(await make());
    } catch (error) {
      notes.push(`(${what} left out: ${error instanceof Error ? error.message : String(error)})`);
    }
  }
  return { engines, notes };
}

/**
 * Median seconds per run: one warm-up (builds kernels), then samples until ~0.5 s or 7 samples, at
 * least 2. A browser's clock ticks only every 0.1 ms (against timing attacks), so an op shorter
 * than 10 ms is repeated back to back within each sample until the sample lasts about 10 ms.
 */
function time(run: () => void): number {
  run();
  const sample = (repeats: number): number => {
    const t = performance.now();
    for (let i = 0; i < repeats; i++) run();
    return (performance.now() - t) / 1000;
  };
  const first = sample(1);
  const repeats = Math.ceil(0.01 / Math.max(first, 1e-4));
  const times: number[] = repeats === 1 ? [first] : [];
  let total = repeats === 1 ? first : 0;
  while (times.length < 2 || (total < 0.5 && times.length < 7)) {
    const s = sample(repeats);
    times.push(s / repeats);
    total += s;
  }
  return times.sort((a, b) => a - b)[Math.floor(times.length / 2)];
}

/**
 * The largest matmul each slow engine runs, to keep a run short: gpu.js's cpu mode runs kernels
 * as plain JS, 10-100x slower, and its GL modes on SwiftShader (a CPU emulating a GPU) spend
 * tens of seconds on a 1024 product.
 */
const LARGEST_MATMUL: Record<string, number> = { 'gpu:cpu': 256, 'gpu:webgl2': 512, 'gpu:webgl': 512 };
const skip = (engine: Engine, c: Case): boolean => c.op === 'matmul' && c.shapes[0][0] > (LARGEST_MATMUL[engine.name] ?? Infinity);

/** Times every case on every engine, a row at a time, so a long run shows its progress. */
export async function* measure(engines: Engine[], cases: Case[]): AsyncGenerator<Row> {
  for (const c of cases) {
    const gflops: (number | null)[] = [];
    for (const e of engines) gflops.push(skip(e, c) ? null : c.flops / time(await e.prepare(c.op, c.shapes)) / 1e9);
    yield { label: c.label, gflops };
  }
}

// wide enough for a cell such as '31.77 (39.80x)'
const columnWidth = (names: string[]) => Math.max(...names.map((n) => n.length), 14) + 2;

export function formatHeader(runtime: string, names: string[]): string {
  const width = columnWidth(names);
  return `GFLOP/s (higher is better) and speed relative to tfjs-cpu, on ${runtime}\n` + ''.padStart(20) + names.map((n) => n.padStart(width)).join('');
}

export function formatRow(row: Row, names: string[]): string {
  const width = columnWidth(names);
  const base = row.gflops[names.indexOf('tfjs-cpu')];
  const cell = (g: number | null) => (g === null ? 'skipped' : `${g.toFixed(2)}${base ? ` (${(g / base).toFixed(2)}x)` : ''}`);
  return row.label.padEnd(20) + row.gflops.map((g) => cell(g).padStart(width)).join('');
}
