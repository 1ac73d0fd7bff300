/**
 * Week 7, end to end: energy-based models and autoencoders (course notes, week 7 part B and
 * practicum), trained here and drawn to `out/week7-*.svg`.
 *
 *   npm run demo -- week7                                (Node, from the repository root)
 *   npx deno run -A packages/models/demo/main.ts week7   (Deno)
 */
import { cdDemo } from './cd.ts';
import { conditionalDemo } from './conditional.ts';
import { daeDemo } from './dae.ts';
import { freeEnergyDemo } from './free-energy.ts';
import { kmeansDemo } from './kmeans.ts';
import { maskedDemo } from './masked.ts';
import { mlDemo } from './ml.ts';
import { mnistDemo } from './mnist.ts';

const SECTIONS: [string, () => Promise<void>][] = [
  ['K-means, a latent-variable energy-based model', kmeansDemo],
  ['Free energy F_β as the temperature rises, and its Gibbs distribution', freeEnergyDemo],
  ['Given y₁, predict y₂: least squares against a latent variable', conditionalDemo],
  ['Maximum-likelihood training over a grid of y', mlDemo],
  ['Autoencoders on the plane: plain against denoising', daeDemo],
  ['Contrastive divergence', cdDemo],
  ['Autoencoders on MNIST digits', mnistDemo],
  ['A masked autoencoder on words', maskedDemo],
];

export async function week7(): Promise<void> {
  console.log('Energy-based models and autoencoders (NYU Deep Learning, week 7), on the plane, on MNIST digits and on words');
  for (const [title, run] of SECTIONS) {
    console.log(`\n== ${title} (training...)`);
    await run();
  }
}
