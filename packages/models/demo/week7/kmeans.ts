/** K-means on the spiral: a latent-variable EBM whose prototypes sit in quadratic wells (notes, figure 5). */
import { Generator, type Tensor } from '@gradschool/tensor';
import { spiral } from '../../src/data/spiral.ts';
import { grid, scatter } from '../../src/plot/index.ts';
import { lossCurves, topographicMap } from '../../src/week7/figures.ts';
import { kmeansGradientStep, kmeansInfer, kmeansInit, lloydStep } from '../../src/week7/index.ts';
import type { Output } from './output.ts';

const meanEnergy = (y: Tensor, w: Tensor) => kmeansInfer(y, w).energy.mean().item();

export function kmeansDemo(out: Output): void {
  const data = spiral(new Generator(7), { classes: 1, pointsPerClass: 400, noise: 0.04 }).x;
  const start = kmeansInit(data, 20, new Generator(1));
  let lloyd = start;
  let gradient = start;
  const curves = { lloyd: [meanEnergy(data, start)], gradient: [meanEnergy(data, start)] };
  for (let t = 0; t < 40; t++) {
    lloyd = lloydStep(data, lloyd);
    gradient = kmeansGradientStep(data, gradient, 0.5);
    curves.lloyd.push(meanEnergy(data, lloyd));
    curves.gradient.push(meanEnergy(data, gradient));
  }
  out.log(`K-means, k = 20 on 400 spiral points: mean F(y) = min_z ‖y − Wz‖² from ${curves.lloyd[0].toFixed(4)} to ${curves.lloyd.at(-1)!.toFixed(4)} in 40 Lloyd steps, ${curves.gradient.at(-1)!.toFixed(4)} in 40 gradient steps`);
  const plane = grid([-1.15, 1.15], [-1.15, 1.15], 140);
  out.svg('kmeans-wells', topographicMap(plane, (y) => kmeansInfer(y, lloyd).energy, [
    scatter(data, { colour: '#e377c2', radius: 1.6 }),
    scatter(lloyd.T, { colour: '#d62728', radius: 4.5 }),
  ], { title: 'K-means wells: F(y) = min_z ‖y − Wz‖²' }));
  out.svg('kmeans-training', lossCurves([
    { label: 'Lloyd (coordinate descent)', values: curves.lloyd },
    { label: 'gradient steps, lr 0.5', values: curves.gradient, dashed: true },
  ], { title: 'K-means training', yLabel: 'mean free energy' }));
}
