/**
 * Exercise 7.2 — Free energy with an inverse temperature β, computed stably (10 points)
 *
 * A latent-variable model has an energy E(y, z) for every value of the latent z; the free
 * energy eliminates z: F_β(y) = −(1/β) log Σ_z exp(−β E(y, z)), along the dim that enumerates z.
 * It is a soft minimum: min_z E − log(K)/β ≤ F_β ≤ min_z E for K values of z, and as β → ∞ it
 * becomes F(y) = min_z E(y, z) (β = Infinity must give exactly that). Computed as written,
 * exp(−βE) underflows to 0 or overflows to Infinity as soon as βE is beyond ~700: subtract the
 * minimum m first, F_β = m − (1/β) log Σ_z exp(−β (E − m)), and every exponent is ≤ 0 with one
 * equal to 0. `dim` may be negative and counts from the end.
 *
 * Guide: exercises/week7/README.md#72-free-energy-with-an-inverse-temperature · Checks: test/week7/7.2-free-energy.checks.ts
 */
import type { Tensor } from '@gradschool/tensor';
import { NotImplementedError } from '../not-implemented.ts';

/** F_β = −(1/β) log Σ exp(−β E) along `dim` (that axis disappears); β = Infinity gives min along `dim`. */
export function freeEnergy(energies: Tensor, beta: number, dim = -1): Tensor {
  throw new NotImplementedError('7.2', 'freeEnergy');
}
