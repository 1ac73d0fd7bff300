// attack: import what the import map blocks from elsewhere: npm:fast-check, npm:vitest, jsr:@std/fs, https:// modules, node: built-ins through npm:, a blob: URL
// exercise: 7.3
import type { Tensor } from '@gradschool/tensor';

const specs = [
  'npm:vitest',
  'npm:@gradschool/test/harness/property.ts',
  'npm:node-fetch',
  'jsr:@std/fs',
  'https://deno.land/std@0.224.0/fs/mod.ts',
  'https://esm.sh/fast-check',
  'http://127.0.0.1:8000/answers.ts',
];
for (const spec of specs) {
  try {
    const m = await import(spec);
    console.log(`LEAK: imported ${spec} (${Object.keys(m).slice(0, 5).join(', ')})`);
  } catch {}
}
try {
  const fc = await import('npm:fast-check');
  // a private copy: harmless unless it is the grader's own
  (fc as any).configureGlobal?.({ numRuns: 0 });
} catch {}

export const lloydStep = (y: Tensor, w: Tensor): Tensor => w;
export const kmeans = (y: Tensor, w: Tensor, maxSteps: number): unknown => ({ w, steps: 0, energies: [], converged: true });
