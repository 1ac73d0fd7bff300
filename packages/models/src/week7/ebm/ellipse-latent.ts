/**
 * The lecture's latent-variable EBM on the ellipse: y = (cos z, ½ sin z) for a latent angle z,
 * so E(y, z) = ‖y − (cos z, ½ sin z)‖², and eliminating z gives the free energy F_β(y).
 */
import { checkTensor, formatShape, ShapeError, tensor, type Tensor } from '@gradschool/tensor';
import { checkCount } from '../../check.ts';

/** E(y, z) for every row of y [n, 2] at `k` angles z evenly round the circle: [n, k], with their spacing dz = 2π/k. */
export function ellipseLatentEnergy(y: Tensor, k = 64): { energies: Tensor; dz: number } {
  checkTensor('ellipseLatentEnergy', 'y', y);
  if (y.ndim !== 2 || y.shape[1] !== 2) throw new ShapeError(`ellipseLatentEnergy: y must be points of the plane [n, 2], got ${formatShape(y.shape)}`);
  checkCount('ellipseLatentEnergy', 'k', k, 1);
  const z = Array.from({ length: k }, (_, j) => (2 * Math.PI * j) / k);
  const curve = tensor([z.map(Math.cos), z.map((a) => 0.5 * Math.sin(a))], { dtype: y.dtype === 'float64' ? 'float64' : 'float32' }); // [2, k]
  return { energies: y.unsqueeze(2).sub(curve).square().sum(1), dz: (2 * Math.PI) / k };
}

/**
 * Where this EBM's Gibbs distribution goes as β → ∞. P(y) ∝ ∫ exp(−β‖y − c(z)‖²) dz, with
 * c(z) = (cos z, ½ sin z), puts mass √(π/β)·dz in the thin tube round each piece of curve c(z)
 * to c(z + dz), the same for every z: in the limit all of it lies on the curve itself, spread as
 * a uniform z is, so per unit length the density is 1/(2π·|c′(z)|) (it integrates to 1 round the
 * curve): twice as dense at the ends (±1, 0), where the curve moves at speed ½, as at the top and
 * bottom, where it moves at 1. Returns `k` points c(z) round the curve and that density at each.
 */
export function ellipseLimitDensity(k = 200): { points: Tensor; density: number[] } {
  checkCount('ellipseLimitDensity', 'k', k, 1);
  const z = Array.from({ length: k }, (_, j) => (2 * Math.PI * j) / k);
  return {
    points: tensor(z.flatMap((a) => [Math.cos(a), 0.5 * Math.sin(a)]), { shape: [k, 2], dtype: 'float64' }),
    density: z.map((a) => 1 / (2 * Math.PI * Math.hypot(Math.sin(a), 0.5 * Math.cos(a)))),
  };
}
