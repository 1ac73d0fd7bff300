/// <reference types="node" />
/**
 * The week-7 demo: energy-based models and autoencoders, trained here and drawn to
 * `out/week7-*.svg`. Run with `npm run demo -- week7` (or `npx tsx packages/models/demo/week7/main.ts`).
 */
import { pathToFileURL } from 'node:url';
import { kmeansDemo } from './kmeans.ts';
import { fileOutput } from './output.ts';

export async function week7(dir = 'out'): Promise<void> {
  const out = fileOutput(dir);
  kmeansDemo(out);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await week7();
