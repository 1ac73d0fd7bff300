/**
 * The exercises: id, title and file (the same path under exercises/ and solutions/; its checks
 * are the same path here with .checks.ts, loaded by checks.ts). This list imports nothing, so
 * the vitest config can read it. Week 7 joins as another chapter.
 */

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
}

export const WEEK2: Chapter = { id: 'week2', title: 'Week 2 — Backpropagation', guide: 'week2/README.md' };

const exercise = (id: string, title: string, chapter: Chapter, name: string): Exercise => ({ id, title, chapter, file: `${chapter.id}/${id}-${name}.ts` });

export const EXERCISES: readonly Exercise[] = Object.freeze([
  exercise('2.1', 'Linear layer: forward and backward', WEEK2, 'linear'),
  exercise('2.2', 'ReLU, sigmoid and tanh backward', WEEK2, 'activations'),
  exercise('2.3', 'Stable softmax', WEEK2, 'softmax'),
  exercise('2.4', 'Stable logsoftmax', WEEK2, 'log-softmax'),
  exercise('2.5', 'Softmax and logsoftmax backward', WEEK2, 'softmax-backward'),
  exercise('2.6', 'Cross-entropy and its gradient', WEEK2, 'cross-entropy'),
  exercise('2.7', 'A tiny scalar autograd engine', WEEK2, 'value'),
  exercise('2.8', 'SGD with momentum and a training loop', WEEK2, 'sgd-momentum'),
  exercise('2.9', 'Practical tricks', WEEK2, 'practical-tricks'),
]);

export function findExercise(id: string): Exercise {
  const found = EXERCISES.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise '${id}'; the exercises are ${EXERCISES.map((e) => e.id).join(', ')}`);
  return found;
}
