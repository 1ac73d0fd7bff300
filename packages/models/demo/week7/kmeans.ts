/** K-means on the spiral: a latent-variable EBM whose prototypes sit in quadratic wells (notes, figure 5). */
import { Generator, type Tensor } from '@gradschool/tensor';
import { spiral } from '../../src/data/spiral.ts';
import { grid, legend, scatter } from '../../src/plot/index.ts';
import { energyOnGrid, kmeansDiagram, kmeansGradientStep, kmeansInfer, kmeansInit, lloydStep, lossCurves, topographicMap } from '../../src/week7/index.ts';
import { DATA_COLOUR, PROTOTYPE_COLOUR, saveSvg } from './output.ts';

const meanEnergy = (y: Tensor, w: Tensor) => kmeansInfer(y, w).energy.mean().item();
const STEPS = 40;

export async function kmeansDemo(): Promise<void> {
  const data = spiral(new Generator(7), { classes: 1, pointsPerClass: 400, noise: 0.04 }).x;
  const start = kmeansInit(data, 20, new Generator(1));
  let lloyd = start;
  let gradient = start;
  const curves = { lloyd: [meanEnergy(data, start)], gradient: [meanEnergy(data, start)] };
  for (let t = 0; t < STEPS; t++) {
    lloyd = lloydStep(data, lloyd);
    gradient = kmeansGradientStep(data, gradient, 0.5);
    curves.lloyd.push(meanEnergy(data, lloyd));
    curves.gradient.push(meanEnergy(data, gradient));
  }
  console.log(`K-means, E(y, z) = ‖y − Wz‖² with 20 prototypes on 400 spiral points: mean F(y) from ${curves.lloyd[0].toFixed(4)}`);
  console.log(`  to ${curves.lloyd[STEPS].toFixed(4)} after ${STEPS} Lloyd steps (coordinate descent), ${curves.gradient[STEPS].toFixed(4)} after ${STEPS} gradient steps`);
  await saveSvg('kmeans-diagram', kmeansDiagram());
  const plane = grid([-1.15, 1.15], [-1.15, 1.15], 140);
  await saveSvg('kmeans-wells', topographicMap(plane, energyOnGrid(plane, (y) => kmeansInfer(y, lloyd).energy), [
    scatter(data, { colour: DATA_COLOUR, radius: 1.6 }),
    scatter(lloyd.T, { colour: PROTOTYPE_COLOUR, radius: 4.5 }),
    legend([
      { label: `data: ${data.shape[0]} points of the spiral`, colour: DATA_COLOUR, radius: 2 },
      { label: `prototypes: the ${lloyd.shape[1]} columns of W`, colour: PROTOTYPE_COLOUR, radius: 4.5 },
    ], 'bottom-right'),
  ], { title: 'K-means wells: F(y) = min_{z} ‖y − Wz‖^{2}', barLabel: 'free energy F(y)' }));
  await saveSvg('kmeans-training', lossCurves([
    { label: 'Lloyd (coordinate descent)', values: curves.lloyd },
    { label: 'gradient steps, lr 0.5', values: curves.gradient, dashed: true },
  ], { title: 'Training K-means', yLabel: 'mean free energy F(y)' }));
}
