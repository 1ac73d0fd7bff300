/**
 * Contrastive divergence on the ellipse as the week-7 demo draws it (notes, figure 10) and its
 * tests pin: an energy network trained by kicking each data point, sliding it down the current
 * energy, and pushing the energy up where it lands and down at the data.
 */
import type { Variable } from '@gradschool/autograd';
import { concat, Generator, type Tensor } from '@gradschool/tensor';
import { Adam } from '../../optim/adam.ts';
import { EnergyNet } from './energy-net.ts';
import { type Descent, descendEnergy } from '../ebm/descend.ts';
import { contrastivePoints } from './divergence.ts';
import { type CdStep, contrastiveDivergenceStep } from './train.ts';

export const ELLIPSE_CD = {
  /** Training steps: enough for the loss to settle (its last two 25-step means agree). */
  steps: 300,
  /** The kick's σ: the ellipse's short half-axis is 0.5, so a kick lands inside, outside or on it. */
  kick: 0.5,
  /** The slide: 5 gradient steps of 0.02, short enough that every step goes down. */
  descent: 5,
  lr: 0.02,
  margin: 1,
  regularise: 0.1,
  adamLr: 0.01,
  hidden: [32, 32] as const,
};

export interface CdRun {
  model: EnergyNet;
  /** Every step's loss and mean energies at the data and at the contrastive points. */
  history: Omit<CdStep, 'contrast'>[];
  /** The generator, where training left it: draw the pictures' kicks from it. */
  generator: Generator;
}

/** Train an energy network on `data` [n, 2] with the demo's settings. */
export function trainEllipseCd(data: Tensor, seed = 5): CdRun {
  const g = new Generator(seed);
  const model = new EnergyNet({ generator: g, hidden: ELLIPSE_CD.hidden });
  const optimizer = new Adam(model.parameters(), { lr: ELLIPSE_CD.adamLr });
  const { kick, descent: steps, lr, margin, regularise } = ELLIPSE_CD;
  const history = Array.from({ length: ELLIPSE_CD.steps }, () => {
    const { loss, energy } = contrastiveDivergenceStep(model, data, optimizer, g, { kick, steps, lr, margin, regularise });
    return { loss, energy };
  });
  return { model, history, generator: g };
}

/** Kicks and slides on the trained energy, as training makes them, with their paths (the kicked start first): Fig. 10's green lines. */
export const ellipseCdPaths = (run: CdRun, data: Tensor): Descent =>
  contrastivePoints((v) => run.model.forward(v), data, run.generator, { kick: ELLIPSE_CD.kick, steps: ELLIPSE_CD.descent, lr: ELLIPSE_CD.lr, keepPath: true });

/**
 * Sampling the trained energy (guide 7.8, "where contrastive divergence comes from"): walks that
 * start at the data, `chains` per point, for `steps` steps of `lr`, with Langevin noise at
 * `temperature` or without. T = 0.1 spreads the samples across the valley enough to see.
 */
export const ELLIPSE_LANGEVIN = { steps: 200, lr: 0.02, temperature: 0.1, chains: 3 };

/**
 * Plain descent from each data point, and Langevin dynamics from each `chains` times (seeded):
 * descent ends in the minima of E, Langevin's walks are samples of P(y) ∝ exp(−E(y)/T), the
 * points maximum likelihood pushes up on.
 */
export function ellipseSamples(run: CdRun, data: Tensor, seed = 11): { descent: Tensor; langevin: Tensor } {
  const { steps, lr, temperature, chains } = ELLIPSE_LANGEVIN;
  const energy = (v: Variable) => run.model.forward(v);
  const starts = concat(Array.from({ length: chains }, () => data), 0);
  return {
    descent: descendEnergy(energy, data, { steps, lr }).x,
    langevin: descendEnergy(energy, starts, { steps, lr, temperature, generator: new Generator(seed) }).x,
  };
}
