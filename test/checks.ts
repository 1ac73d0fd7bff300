/** The checks of each exercise, loaded on demand (each file imports the tensor library and fast-check). */
import type { AnyCheck } from './harness/check.ts';

const LOADERS: Record<string, () => Promise<{ checks: readonly unknown[] }>> = {
  '2.1': () => import('./week2/2.1-linear.checks.ts'),
  '2.2': () => import('./week2/2.2-activations.checks.ts'),
  '2.3': () => import('./week2/2.3-softmax.checks.ts'),
  '2.4': () => import('./week2/2.4-log-softmax.checks.ts'),
  '2.5': () => import('./week2/2.5-softmax-backward.checks.ts'),
  '2.6': () => import('./week2/2.6-cross-entropy.checks.ts'),
  '2.7': () => import('./week2/2.7-value.checks.ts'),
  '2.8': () => import('./week2/2.8-sgd-momentum.checks.ts'),
  '2.9': () => import('./week2/2.9-practical-tricks.checks.ts'),
};

export async function loadChecks(id: string): Promise<readonly AnyCheck[]> {
  const load = LOADERS[id];
  if (!load) throw new Error(`loadChecks: no checks for exercise '${id}'`);
  return (await load()).checks as readonly AnyCheck[];
}
