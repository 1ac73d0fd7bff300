/**
 * The exercises: id, title and file (the same path under exercises/ and solutions/; its checks
 * are the same path here with .checks.ts, loaded by checks.ts). This list imports nothing, so
 * the vitest config can read it. Each chapter is worth 100 points.
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
  /** Whether the exercise may import @gradschool/autograd (week 7 from 7.6 on, where gradients come from it). */
  readonly autograd: boolean;
  /** Tensor/Variable entry points that would do the exercise for the student: unavailable while it is graded. */
  readonly offLimits: readonly string[];
  /** What to build the off-limits ones from, said when one is called. */
  readonly buildFrom: string;
}

export const WEEK2: Chapter = { id: 'week2', title: 'Week 2 — Backpropagation', guide: 'week2/README.md' };
export const WEEK7: Chapter = { id: 'week7', title: 'Week 7 — Energy-based models', guide: 'week7/README.md' };

interface Policy {
  autograd?: boolean;
  offLimits?: readonly string[];
  buildFrom?: string;
}

const exercise = (id: string, title: string, chapter: Chapter, name: string, policy: Policy = {}): Exercise => ({
  id,
  title,
  chapter,
  file: `${chapter.id}/${id}-${name}.ts`,
  autograd: policy.autograd ?? false,
  offLimits: policy.offLimits ?? [],
  buildFrom: policy.buildFrom ?? '',
});

/** The library's own softmax family: each is one line away from softmax, logsoftmax or a free energy. */
const SOFTMAX_FAMILY = ['softmax', 'logSoftmax', 'logsumexp'];

export const EXERCISES: readonly Exercise[] = Object.freeze([
  exercise('2.1', 'Linear layer: forward and backward', WEEK2, 'linear'),
  exercise('2.2', 'ReLU, sigmoid and tanh backward', WEEK2, 'activations'),
  exercise('2.3', 'Stable softmax', WEEK2, 'softmax', { offLimits: SOFTMAX_FAMILY, buildFrom: 'build softmax from exp, max and sum' }),
  exercise('2.4', 'Stable logsoftmax', WEEK2, 'log-softmax', { offLimits: SOFTMAX_FAMILY, buildFrom: 'build logsumexp and logSoftmax from max, exp, sum and log' }),
  exercise('2.5', 'Softmax and logsoftmax backward', WEEK2, 'softmax-backward'),
  exercise('2.6', 'Cross-entropy and its gradient', WEEK2, 'cross-entropy'),
  exercise('2.7', 'A tiny scalar autograd engine', WEEK2, 'value'),
  exercise('2.8', 'SGD with momentum and a training loop', WEEK2, 'sgd-momentum'),
  exercise('2.9', 'Practical tricks', WEEK2, 'practical-tricks'),
  exercise('7.1', 'K-means energy and inference', WEEK7, 'kmeans'),
  exercise('7.2', 'Free energy with β, computed stably', WEEK7, 'free-energy', { offLimits: SOFTMAX_FAMILY, buildFrom: 'build the free energy from min (or max), exp, sum and log' }),
  exercise('7.3', "Lloyd's algorithm (coordinate descent)", WEEK7, 'lloyd'),
  exercise('7.4', 'Gibbs distribution and maximum likelihood', WEEK7, 'gibbs-ml', { offLimits: SOFTMAX_FAMILY, buildFrom: 'build the Gibbs distribution from exp and sum (or your 7.2 free energy)' }),
  exercise('7.5', 'Corrupting the data: noise and masking', WEEK7, 'corruption'),
  exercise('7.6', 'Autoencoder forward and reconstruction loss', WEEK7, 'autoencoder', { autograd: true }),
  exercise('7.7', 'Denoising autoencoder: training and energy', WEEK7, 'dae', { autograd: true }),
  exercise('7.8', 'Contrastive divergence and a margin loss', WEEK7, 'contrastive', { autograd: true }),
  exercise('7.9', 'Masked-token loss (BERT)', WEEK7, 'masked-tokens', { autograd: true }),
  exercise('7.10', 'Latent inference by gradient descent on z', WEEK7, 'latent-descent'),
]);

export function findExercise(id: string): Exercise {
  const found = EXERCISES.find((e) => e.id === id);
  if (!found) throw new Error(`no exercise '${id}'; the exercises are ${EXERCISES.map((e) => e.id).join(', ')}`);
  return found;
}
