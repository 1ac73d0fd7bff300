/**
 * The lecture's latent-variable EBM on the ellipse: y = (cos z, ½ sin z) for a latent angle z,
 * so E(y, z) = ‖y − (cos z, ½ sin z)‖², and eliminating z gives the free energy F_β(y).
 */
import { tensor, type Tensor } from '@gradschool/tensor';
import { checkCount } from '../../check.ts';

/** E(y, z) for every row of y [n, 2] at `k` angles z evenly round the circle: [n, k], with their spacing dz = 2π/k. */
export function ellipseLatentEnergy(y: Tensor, k = 64): { energies: Tensor; dz: number } {
  checkCount('ellipseLatentEnergy', 'k', k, 1);
  const z = Array.from({ length: k }, (_, j) => (2 * Math.PI * j) / k);
  const curve = tensor([z.map(Math.cos), z.map((a) => 0.5 * Math.sin(a))], { dtype: y.dtype === 'float64' ? 'float64' : 'float32' }); // [2, k]
  return { energies: y.unsqueeze(2).sub(curve).square().sum(1), dz: (2 * Math.PI) / k };
}
