/**
 * The exercises: id, title, file (the same path under exercises/ and solutions/) and the checks
 * that grade it. Points are the sum of the checks' points. Week 7 joins as another chapter.
 */
import type { AnyCheck } from './harness/check.ts';

export interface Chapter {
  readonly id: string;
  readonly title: string;
  /** The chapter's guide, relative to the exercises folder. */
  readonly guide: string;
}

export interface Exercise {
  readonly id: string;
  readonly title: string;
  readonly chapter: Chapter;
  /** Path relative to the exercises (or solutions) folder. */
  readonly file: string;
  readonly checks: () => Promise<readonly AnyCheck[]>;
}

export const WEEK2: Chapter = { id: 'week2', title: 'Week 2 — Backpropagation', guide: 'week2/README.md' };

const exercise = (id: string, title: string, chapter: Chapter, name: string, load: () => Promise<{ checks: readonly unknown[] }>): Exercise => ({
  id,
  title,
  chapter,
  file: `${chapter.id}/${id}-${name}.ts`,
  checks: async () => (await load()).checks as readonly AnyCheck[],
});

export const EXERCISES: readonly Exercise[] = Object.freeze([
  exercise('2.1', 'Linear layer: forward and backward', WEEK2, 'linear', () => import('./week2/2.1-linear.checks.ts')),
  exercise('2.2', 'ReLU, sigmoid and tanh backward', WEEK2, 'activations', () => import('./week2/2.2-activations.checks.ts')),
  exercise('2.3', 'Stable softmax', WEEK2, 'softmax', () => import('./week2/2.3-softmax.checks.ts')),
  exercise('2.4', 'Stable logsoftmax', WEEK2, 'log-softmax', () => import('./week2/2.4-log-softmax.checks.ts')),
  exercise('2.5', 'Softmax and logsoftmax backward', WEEK2, 'softmax-backward', () => import('./week2/2.5-softmax-backward.checks.ts')),
  exercise('2.6', 'Cross-entropy and its gradient', WEEK2, 'cross-entropy', () => import('./week2/2.6-cross-entropy.checks.ts')),
  exercise('2.7', 'A tiny scalar autograd engine', WEEK2, 'value', () => import('./week2/2.7-value.checks.ts')),
  exercise('2.8', 'SGD with momentum and a training loop', WEEK2, 'sgd-momentum', () => import('./week2/2.8-sgd-momentum.checks.ts')),
  exercise('2.9', 'Practical tricks', WEEK2, 'practical-tricks', () => import('./week2/2.9-practical-tricks.checks.ts')),
]);

export function findExercise(id: string): Exercise {
  const found = EXERCISES.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise '${id}'; the exercises are ${EXERCISES.map((e) => e.id).join(', ')}`);
  return found;
}
