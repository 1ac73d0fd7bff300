/**
 * "Given a point y₁, can we predict y₂?" (notes, week 7B) when every y₁ has two answers: least
 * squares predicts their blurry mean, a latent-variable EBM one answer per value of z.
 */
import { noGrad } from '@gradschool/autograd';
import { concat, Generator, tensor, type Tensor } from '@gradschool/tensor';
import { grid, legend, quantileScale, scatter } from '../../src/plot/index.ts';
import {
  branch, branchesFigure, energyOnGrid, type LatentPredictor, topographicMap, trainTwoBranchModels, TWO_BRANCHES, twoBranches,
} from '../../src/week7/index.ts';
import { DATA_COLOUR, saveSvg } from './output.ts';

const AT = 0.5;

export async function conditionalDemo(): Promise<void> {
  const data = twoBranches(new Generator(2));
  const run = trainTwoBranchModels(data);
  const at = (m: LatentPredictor) => Array.from(noGrad(() => m.forward(tensor([[AT]]))).value.data(), (v) => v.toFixed(2).replace(/^-(0\.0+)$/, '$1')).join(' and ');
  console.log(`${data.x.shape[0]} points (y₁, y₂ = ±(0.2 + 0.6·y₁²)): every y₁ twice, once with each answer; two tanh networks [${TWO_BRANCHES.hidden.join(', ')}], ${TWO_BRANCHES.steps} Adam steps`);
  console.log(`  at y₁ = ${AT} the answers are ±${branch(AT).toFixed(2)}. Least squares (E = (y₂ − G(y₁))², one z) predicts ${at(run.leastSquares)}: the mean of`);
  console.log(`  the two, which is no answer at all. The latent EBM (E = (y₂ − G(y₁, z))², z ∈ {1, 2}, F = min_z E) predicts ${at(run.latent)}:`);
  console.log('  each z picks one answer, and training pulls only the z that explains a point, as K-means pulls one prototype.');
  console.log(`  mean F on the data: least squares ${run.history.leastSquares.at(-1)!.toFixed(3)}, latent EBM ${run.history.latent.at(-1)!.toFixed(4)}`);
  await saveSvg('conditional', branchesFigure(data, run, { title: 'Given y₁, predict y₂' }));

  // F(y₁, y₂) over the plane for both, on one scale: least squares' valley lies between the branches
  const points = concat([data.x, data.y], 1);
  const plane = grid([-1.1, 1.1], [-1.1, 1.1], 100);
  const energy = (m: LatentPredictor) => (y: Tensor) => noGrad(() => m.freeEnergy(y.slice(1, 0, 1), y.slice(1, 1, 2))).value;
  const fields = [run.leastSquares, run.latent].map((m) => energyOnGrid(plane, energy(m)));
  const scale = quantileScale(fields.map((f) => f.data()));
  const titles = ['Least squares: F(y₁, y₂) = (y₂ − G(y₁))^{2}', 'Latent EBM: F(y₁, y₂) = min_{z} (y₂ − G(y₁, z))^{2}'];
  for (const [i, name] of ['least-squares', 'latent'].entries()) {
    await saveSvg(`conditional-energy-${name}`, topographicMap(plane, fields[i], [
      scatter(points, { colour: DATA_COLOUR, radius: 1.4 }),
      legend([{ label: 'data (y₁, y₂)', colour: DATA_COLOUR, radius: 2 }], 'bottom-right'),
    ], { title: titles[i], scale, barLabel: 'free energy F(y₁, y₂)' }));
  }
}
