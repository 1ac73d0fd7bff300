import { checkGenerator, type Generator, tensor } from '@gradschool/tensor';
import { checkCount, checkNonNegative } from '../check.ts';
import type { Dataset } from './dataset.ts';

export interface MoonsOptions {
  pointsPerClass?: number;
  /** Standard deviation of the Gaussian noise added to both coordinates. */
  noise?: number;
}

/**
 * Two interleaving half circles (scikit-learn's make_moons): class 0 on the upper arc
 * (cos s, sin s), class 1 on the lower one (1 - cos s, 1/2 - sin s), s evenly over [0, π].
 * Rows come class by class; `x` is float32 [2N, 2], `y` int32 [2N].
 */
export function moons(generator: Generator, opts: MoonsOptions = {}): Dataset {
  checkGenerator('moons', generator);
  const n = checkCount('moons', 'pointsPerClass', opts.pointsPerClass ?? 100);
  const noise = checkNonNegative('moons', 'noise', opts.noise ?? 0.1);
  const x = new Float32Array(4 * n);
  const y = new Int32Array(2 * n);
  for (let c = 0; c < 2; c++) {
    for (let i = 0; i < n; i++) {
      const s = n > 1 ? (Math.PI * i) / (n - 1) : 0;
      const row = c * n + i;
      x[2 * row] = (c === 0 ? Math.cos(s) : 1 - Math.cos(s)) + noise * generator.normal();
      x[2 * row + 1] = (c === 0 ? Math.sin(s) : 0.5 - Math.sin(s)) + noise * generator.normal();
      y[row] = c;
    }
  }
  return { x: tensor(x, { shape: [2 * n, 2] }), y: tensor(y) };
}
