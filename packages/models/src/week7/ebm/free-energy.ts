/**
 * From an energy over (y, z) to an energy over y alone, by eliminating the latent z
 * (course notes, week 7B, "Latent variable energy-based model").
 */
import type { Tensor } from '@gradschool/tensor';
import type { Values } from '../values.ts';
import { checkAxis, checkBeta } from './check.ts';

export interface FreeEnergyOptions {
  /** The axis of `energies` that runs over the values of z (default: the last). */
  dim?: number;
  /**
   * For a continuous z sampled on a grid, the grid spacing: the integral ∫ e^{−βE} dz becomes
   * the sum Σ e^{−βE}·dz, which adds −log(dz)/β. Default 1: a plain sum over discrete z.
   */
  dz?: number;
}

/**
 * The free energy F_β(y) = −(1/β) log Σ_z exp(−β E(y, z))   (notes: F_β(y) = −1/β log ∫_z e^{−βE(y,z)}).
 *
 * A soft minimum over z: with K values of z,  min_z E − log(K)/β ≤ F_β ≤ min_z E,  so as β → ∞
 * it becomes the zero-temperature F(y) = min_z E(y, z) (β = Infinity returns exactly that), and
 * a small β lets every z contribute.
 * Written as m − (1/β) log Σ exp(−β (E − m)) with m = min_z E: every exponent is ≤ 0 and one is
 * 0, so neither a large β nor a large energy can overflow it. Its gradient with respect to the
 * energies is the Gibbs distribution over z (see `gibbs`).
 */
export function freeEnergy<T extends Values<T>>(energies: T, beta: number, opts: FreeEnergyOptions = {}): T {
  const dim = checkAxis('freeEnergy', energies, opts.dim ?? -1, 'z');
  checkBeta('freeEnergy', beta);
  const dz = opts.dz ?? 1;
  if (!(dz > 0 && Number.isFinite(dz))) throw new RangeError(`freeEnergy: dz must be a finite number > 0, got ${dz}`);
  const m = energies.min(dim, { keepdim: true });
  if (beta === Infinity) return m.squeeze(dim);
  const softness = energies.sub(m).mul(-beta).logsumexp(dim, { keepdim: true }).add(Math.log(dz)).div(beta);
  return m.sub(softness).squeeze(dim);
}

/** Inference by enumeration: the best latent ž = argmin_z E(y, z) and its energy F(y) = E(y, ž). */
export function inferDiscrete<T extends Values<T>>(energies: T, opts: { dim?: number } = {}): { z: Tensor; energy: T } {
  const dim = checkAxis('inferDiscrete', energies, opts.dim ?? -1, 'z');
  return { z: energies.argmin(dim), energy: energies.min(dim) };
}
