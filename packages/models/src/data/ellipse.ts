import { checkGenerator, type Generator, tensor, type Tensor } from '@gradschool/tensor';
import { checkCount, checkNonNegative } from '../check.ts';

export interface EllipseOptions {
  points?: number;
  /** Semi-axes (a, b): the clean points are (a cos θ, b sin θ). */
  radii?: readonly [number, number];
  /** Standard deviation of the Gaussian noise added to both coordinates. */
  noise?: number;
}

/** Points near an ellipse, with the angle that generated each one (the latent variable). */
export interface EllipseSample {
  /** float32 [n, 2] */
  readonly points: Tensor;
  /** float32 [n], θ in [0, 2π) */
  readonly angles: Tensor;
}

/**
 * A one-dimensional data manifold in the plane, for energy-based models: θ is drawn uniformly
 * and the point is (a cos θ, b sin θ) plus noise. Knowing θ pins the point down; the models
 * never see it, which is what makes it latent.
 */
export function ellipse(generator: Generator, opts: EllipseOptions = {}): EllipseSample {
  checkGenerator('ellipse', generator);
  const n = checkCount('ellipse', 'points', opts.points ?? 100);
  const [a, b] = opts.radii ?? [1, 0.5];
  checkNonNegative('ellipse', 'radii[0]', a);
  checkNonNegative('ellipse', 'radii[1]', b);
  const noise = checkNonNegative('ellipse', 'noise', opts.noise ?? 0);
  const points = new Float32Array(2 * n);
  const angles = new Float32Array(n);
  for (let i = 0; i < n; i++) {
    const theta = 2 * Math.PI * generator.uniform();
    angles[i] = theta;
    points[2 * i] = a * Math.cos(theta) + noise * generator.normal();
    points[2 * i + 1] = b * Math.sin(theta) + noise * generator.normal();
  }
  return { points: tensor(points, { shape: [n, 2] }), angles: tensor(angles) };
}
