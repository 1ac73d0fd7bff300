/** 7.7's corruptions, made in the runner, where trainDae calls them. */
import { type Generator, randn, type Tensor } from '@gradschool/tensor';

const gaussian = (sigma: number) => (data: Tensor, g: Generator): Tensor => data.add(randn(data.shape, g, { dtype: 'float64' }).mul(sigma));

export const builders = {
  /** Adds Gaussian noise of standard deviation sigma, drawn from the generator it is given. */
  gaussianNoise: gaussian,
  /** The same, recording each call's data, generator and result, for the check to read back as `calls`. */
  recordingNoise: (sigma: number) => {
    const calls: { clean: Tensor; gen: Generator; noisy: Tensor }[] = [];
    const noise = gaussian(sigma);
    return {
      calls,
      corrupt: (data: Tensor, g: Generator): Tensor => {
        const noisy = noise(data, g);
        calls.push({ clean: data, gen: g, noisy });
        return noisy;
      },
    };
  },
};
