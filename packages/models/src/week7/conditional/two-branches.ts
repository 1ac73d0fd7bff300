/**
 * "Given a point y₁, can we predict y₂?" (course notes, week 7B) when y₂ has two right answers.
 * A network trained by least squares "learns to average out all possibilities" and predicts the
 * blurry mean between them; a latent-variable EBM, E(x, y, z) = (y − G(x, z))² with F(x, y) =
 * min_z E(x, y, z), predicts one answer per value of z: "as z varies over a set, y varies over
 * the manifold of possible predictions". Here x = y₁ is what is given and y = y₂ what is predicted.
 */
import type { Variable } from '@gradschool/autograd';
import { checkGenerator, formatShape, Generator, ShapeError, tensor } from '@gradschool/tensor';
import { checkCount, checkNonNegative, checkOptions, checkPositive, checkWidth } from '../../check.ts';
import { checkDataset, type Dataset } from '../../data/dataset.ts';
import type { Linear } from '../../nn/linear.ts';
import { Module } from '../../nn/module.ts';
import { asVariable, type Input } from '../../nn/parameter.ts';
import type { Sequential } from '../../nn/sequential.ts';
import { Adam } from '../../optim/adam.ts';
import { inferDiscrete } from '../ebm/free-energy.ts';
import { tanhNet } from '../tanh-net.ts';

/** The upper branch, y₂ = f(y₁) = 0.2 + 0.6·y₁²; the lower one is −f(y₁), and their mean is 0. */
export const branch = (y1: number): number => 0.2 + 0.6 * y1 * y1;

/**
 * Each y₁ drawn uniformly on [−1, 1] comes twice, once with each answer y₂ = +f(y₁) and
 * y₂ = −f(y₁), plus Gaussian noise: two answers for every input, at least 0.4 apart, in equal
 * numbers, so the mean of the answers at any y₁ is 0. x is [2·pairs, 1] (y₁), y likewise (y₂).
 */
export function twoBranches(generator: Generator, opts: { pairs?: number; noise?: number } = {}): Dataset {
  checkGenerator('twoBranches', generator);
  const n = checkCount('twoBranches', 'pairs', opts.pairs ?? 150);
  const noise = checkNonNegative('twoBranches', 'noise', opts.noise ?? 0.03);
  const x = new Float32Array(2 * n);
  const y = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const y1 = 2 * generator.uniform() - 1;
    for (const [row, sign] of [[2 * i, 1], [2 * i + 1, -1]]) {
      x[row] = y1;
      y[row] = sign * branch(y1) + noise * generator.normal();
    }
  }
  return { x: tensor(x, { shape: [2 * n, 1] }), y: tensor(y, { shape: [2 * n, 1] }) };
}

export interface LatentPredictorOptions {
  /** How many values the discrete latent z takes (default 2); 1 is a plain least-squares regressor. */
  latents?: number;
  /** Widths of the hidden tanh layers (default [32, 32]). */
  hidden?: readonly number[];
  generator: Generator;
}

/**
 * G(x, z): a tanh network of x with one output per value of z, so ȳ(x, z) for every z comes
 * out of one forward pass, [n, latents]. The energy is E(x, y, z) = (y − G(x, z))². With a
 * single z, min_z E is the squared error itself: least squares is the one-latent case.
 */
export class LatentPredictor extends Module {
  readonly net: Sequential;
  readonly latents: number;

  constructor(opts: LatentPredictorOptions) {
    super();
    checkOptions('LatentPredictor', opts, 'new LatentPredictor({ generator: new Generator(seed) })');
    this.latents = opts.latents ?? 2;
    const hidden = opts.hidden ?? [32, 32];
    this.net = tanhNet('LatentPredictor', [1, ...hidden, this.latents], ['inputs', ...hidden.map((_, i) => `hidden[${i}]`), 'latents'], opts);
    // Start the outputs apart, evenly over [−½, ½], as K-means starts from distinct prototypes: a
    // point then pulls the output nearest to it, and each z keeps one branch for every x. From
    // outputs that cross, two z would trade branches where they cross, and neither would draw one.
    const last = this.net.layers[this.net.layers.length - 1] as Linear;
    const spread = Array.from({ length: this.latents }, (_, z) => (this.latents === 1 ? 0 : z / (this.latents - 1) - 0.5));
    last.bias!.value = last.bias!.value.add(tensor(spread, { dtype: last.bias!.value.dtype }));
  }

  /** [n, 1] given x -> [n, latents]: the prediction ȳ(x, z) for each value of z. */
  forward(x: Input): Variable { return this.net.forward(checkWidth('LatentPredictor', 'x', x, 1)); }

  /** E(x, y, z) for every z: [n, latents]. */
  energies(x: Input, y: Input): Variable {
    const [given, answer] = [asVariable(x, 'LatentPredictor.energies', 'x'), asVariable(y, 'LatentPredictor.energies', 'y')];
    // y [n, 1] against the predictions [n, latents]; a y of [n] or [n, k] would broadcast into a table of every pair
    if (answer.ndim !== 2 || answer.shape[1] !== 1 || given.ndim !== 2 || answer.shape[0] !== given.shape[0]) {
      throw new ShapeError(`LatentPredictor.energies: x ${formatShape(given.shape)} and y ${formatShape(answer.shape)} must both be [n, 1], one row per example`);
    }
    return answer.sub(this.forward(given)).square();
  }

  /** F(x, y) = min_z E(x, y, z), [n]: the zero-temperature free energy, as in K-means. */
  freeEnergy(x: Input, y: Input): Variable { return inferDiscrete(this.energies(x, y)).energy; }
}

export const TWO_BRANCHES = {
  /** Full-batch Adam steps: enough for both models to settle on 400 points. */
  steps: 400,
  lr: 0.01,
  hidden: [16, 16] as const,
};

/**
 * Train by minimising the mean of F(x, y) over the data: each point pulls only the prediction of
 * the z that explains it best, as each K-means point pulls only its nearest prototype. With one
 * z this is least squares. Returns the loss after each step.
 */
export function trainLatentPredictor(model: LatentPredictor, data: Dataset, opts: { steps?: number; lr?: number } = {}): number[] {
  checkDataset('trainLatentPredictor', data);
  const steps = checkCount('trainLatentPredictor', 'steps', opts.steps ?? TWO_BRANCHES.steps);
  checkPositive('trainLatentPredictor', 'lr', opts.lr ?? TWO_BRANCHES.lr);
  const optimizer = new Adam(model.parameters(), { lr: opts.lr ?? TWO_BRANCHES.lr });
  return Array.from({ length: steps }, () => {
    optimizer.zeroGrad();
    const loss = model.freeEnergy(data.x, data.y).mean();
    loss.backward();
    optimizer.step();
    return loss.item();
  });
}

export interface TwoBranchRun {
  /** One value of z: a regressor trained by least squares. */
  leastSquares: LatentPredictor;
  /** Two values of z: the latent-variable EBM. */
  latent: LatentPredictor;
  history: { leastSquares: number[]; latent: number[] };
}

/** The demo's pair, trained alike on the same data from the same seed: they differ only in how many values z takes. */
export function trainTwoBranchModels(data: Dataset, seed = 3): TwoBranchRun {
  const make = (latents: number) => new LatentPredictor({ latents, hidden: TWO_BRANCHES.hidden, generator: new Generator(seed) });
  const [leastSquares, latent] = [make(1), make(2)];
  return { leastSquares, latent, history: { leastSquares: trainLatentPredictor(leastSquares, data), latent: trainLatentPredictor(latent, data) } };
}
