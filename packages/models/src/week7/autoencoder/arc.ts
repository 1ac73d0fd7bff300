/**
 * The autoencoders on the plane that the week-7 demo draws (notes, figures 7–9) and its tests
 * pin: over-complete 2 → 32 → 32 → 32 → 2 networks, plain and denoising, on points near an arc.
 *
 * Why an arc and not the closed ellipse: a denoiser sends points just inside a closed curve
 * outwards, back to the curve, all the way round; a continuous map whose displacement ŷ − y
 * points outwards all round a loop must have ŷ = y somewhere inside it (Brouwer's fixed-point
 * theorem). So on a closed curve every DAE energy ‖y − ŷ‖² has a zero inside, below the
 * energy on the data — the false well the notes' picture does not have. An open arc has no
 * inside, and the energy can grow away from the data everywhere.
 */
import { checkGenerator, Generator, type Tensor } from '@gradschool/tensor';
import { checkCount } from '../../check.ts';
import { moons } from '../../data/moons.ts';
import { Adam } from '../../optim/adam.ts';
import { corruptGaussian } from '../corrupt.ts';
import { AutoEncoder } from './autoencoder.ts';
import { trainAutoEncoder } from './train.ts';

export const ARC_DAE = {
  /**
   * The kick's standard deviation, against the arc's radius 1: large enough that kicks reach
   * into the hollow under the arc (at 0.2 the network never sees its middle and extrapolates a
   * well there), small enough that the valley stays on the data.
   */
  sigma: 0.3,
  epochs: 300,
  lr: 0.02,
  sizes: [2, 32, 32] as const,
};

/** n points of the upper unit half-circle (cos s, sin s), s in [0, π], with a little noise. */
export function arcData(generator: Generator, n: number): Tensor {
  checkGenerator('arcData', generator);
  checkCount('arcData', 'n', n);
  return moons(generator, { pointsPerClass: n, noise: 0.02 }).x.slice(0, 0, n);
}

/** Distance from (y₁, y₂) to that half-circle: to the circle above the axis, to the nearer end below it. */
export const distanceToArc = (y1: number, y2: number): number =>
  y2 >= 0 ? Math.abs(Math.hypot(y1, y2) - 1) : Math.min(Math.hypot(y1 - 1, y2), Math.hypot(y1 + 1, y2));

/** Train the demo's autoencoder on `data`: plain, or denoising with fresh kicks of σ at every step. */
export function trainArcAutoEncoder(data: Tensor, opts: { denoising: boolean; seed?: number }): AutoEncoder {
  const g = new Generator(opts.seed ?? 7);
  const ae = new AutoEncoder({ sizes: ARC_DAE.sizes, generator: g });
  trainAutoEncoder(ae, data, {
    optimizer: new Adam(ae.parameters(), { lr: ARC_DAE.lr }), epochs: ARC_DAE.epochs, generator: g,
    corrupt: opts.denoising ? (x, generator) => corruptGaussian(x, ARC_DAE.sigma, generator) : undefined,
  });
  return ae;
}
