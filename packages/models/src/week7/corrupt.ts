/**
 * The corruptions a denoising autoencoder learns to undo (course notes, week 7B: "Take a point y
 * and corrupt it"). The corrupted points are where the DAE learns to put high energy; both are
 * seeded through the Generator, so a run is reproduced by its seed.
 */
import { checkGenerator, checkTensor, type Generator, rand, randn, type Tensor } from '@gradschool/tensor';
import { checkFraction, checkNonNegative } from '../check.ts';

const floatType = (t: Tensor) => (t.dtype === 'float64' ? 'float64' : 'float32');

/** Gaussian noise: ỹ = y + σ ε with ε ~ N(0, I), a random kick off the data manifold in every direction. */
export function corruptGaussian(y: Tensor, sigma: number, generator: Generator): Tensor {
  checkTensor('corruptGaussian', 'y', y);
  checkNonNegative('corruptGaussian', 'sigma', sigma);
  checkGenerator('corruptGaussian', generator);
  return y.add(randn(y.shape, generator, { dtype: floatType(y) }).mul(sigma));
}

/**
 * Masking noise: every entry is set to 0 with probability p, independently (for an image, a
 * random set of pixels turned off). To reconstruct them the model must use the other entries.
 */
export function corruptMask(y: Tensor, p: number, generator: Generator): Tensor {
  checkTensor('corruptMask', 'y', y);
  checkFraction('corruptMask', 'p', p);
  checkGenerator('corruptMask', generator);
  return y.mul(rand(y.shape, generator, { dtype: floatType(y) }).ge(p));
}
