import { checkGenerator, type Generator, tensor } from '@gradschool/tensor';
import { checkCount, checkNonNegative } from '../check.ts';
import type { Dataset } from './dataset.ts';

export interface SpiralOptions {
  /** K, the number of arms (classes). */
  classes?: number;
  /** N, the points on each arm. */
  pointsPerClass?: number;
  /** Standard deviation of the Gaussian noise added to each point's angle (radians). */
  noise?: number;
}

/**
 * The week-2 practicum's spiral: K arms of N points, arm c holding class c.
 * Along an arm the radius t runs evenly over [0, 1] while the angle turns from 2πc/K to
 * 2π(c+2)/K (plus noise), and the point is t·(sin θ, cos θ). The arms interleave, so no
 * straight line separates two classes: a linear classifier tops out near 50 % on 3 arms.
 * Rows come class by class (all of arm 0 first), as in the practicum; `x` is float32 [K·N, 2],
 * `y` int32 [K·N].
 */
export function spiral(generator: Generator, opts: SpiralOptions = {}): Dataset {
  checkGenerator('spiral', generator);
  const classes = checkCount('spiral', 'classes', opts.classes ?? 3, 1);
  const n = checkCount('spiral', 'pointsPerClass', opts.pointsPerClass ?? 1000);
  const noise = checkNonNegative('spiral', 'noise', opts.noise ?? 0.2);
  const x = new Float32Array(classes * n * 2);
  const y = new Int32Array(classes * n);
  const turn = (2 * Math.PI) / classes;
  for (let c = 0; c < classes; c++) {
    for (let i = 0; i < n; i++) {
      const t = n > 1 ? i / (n - 1) : 0; // torch.linspace(0, 1, N)
      const angle = turn * (c + 2 * t) + noise * generator.normal();
      const row = c * n + i;
      x[2 * row] = t * Math.sin(angle);
      x[2 * row + 1] = t * Math.cos(angle);
      y[row] = c;
    }
  }
  return { x: tensor(x, { shape: [classes * n, 2] }), y: tensor(y) };
}
