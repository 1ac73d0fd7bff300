/**
 * The checks of an exercise live beside the catalogue under the exercise's own path, with
 * `.checks.ts` for `.ts` (week2/2.3-softmax.ts → week2/2.3-softmax.checks.ts). They are loaded
 * on demand: each file imports the tensor library and fast-check.
 */
import { findExercise } from './catalogue.ts';
import type { AnyCheck } from './harness/check.ts';

export async function loadChecks(id: string): Promise<readonly AnyCheck[]> {
  const file = new URL(`./${findExercise(id).file.replace(/\.ts$/, '.checks.ts')}`, import.meta.url);
  const module = (await import(/* @vite-ignore */ file.href)) as { checks: readonly AnyCheck[] };
  return module.checks;
}
