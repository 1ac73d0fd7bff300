/**
 * Maximum likelihood over a discretised y: an energy network on the plane, trained so that its
 * Gibbs distribution over a grid of cells matches where the data falls (notes, "Training an
 * Energy-Based Model"). Every step pushes down at the data cells and up at every cell in
 * proportion to the probability the model gives it.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor, tensor } from '@gradschool/tensor';
import { ellipse } from '../../src/data/ellipse.ts';
import { Adam } from '../../src/optim/adam.ts';
import { type Grid, grid, gridPoints, legend, scatter } from '../../src/plot/index.ts';
import { EnergyNet, energyOnGrid, gibbs, lossCurves, mlLoss, topographicMap } from '../../src/week7/index.ts';
import { DATA_COLOUR, saveSvg } from './output.ts';

const BETA = 1;
const STEPS = 300;

/** The index of the grid cell holding each point [n, 2], in gridPoints' order (x fastest). */
function cellOf(points: Tensor, g: Grid): Tensor {
  const p = points.data();
  const clampIndex = (v: number, lo: number, hi: number, n: number) => Math.min(n - 1, Math.max(0, Math.floor(((v - lo) / (hi - lo)) * n)));
  const cells = Array.from({ length: points.shape[0] }, (_, i) =>
    clampIndex(p[2 * i + 1], g.y[0], g.y[1], g.ny) * g.nx + clampIndex(p[2 * i], g.x[0], g.x[1], g.nx));
  return tensor(cells, { dtype: 'int32' });
}

export async function mlDemo(): Promise<void> {
  const data = ellipse(new Generator(11), { points: 200, noise: 0.05 }).points;
  const cells = grid([-1.5, 1.5], [-1.5, 1.5], 24);
  const centres = gridPoints(cells);
  const targets = cellOf(data, cells);
  const g = new Generator(12);
  const model = new EnergyNet({ generator: g, hidden: [32, 32] });
  const optimizer = new Adam(model.parameters(), { lr: 0.03 });
  const losses: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    optimizer.zeroGrad();
    const energies = model.forward(centres).unsqueeze(0).expand(data.shape[0], centres.shape[0]);
    const loss = mlLoss(energies, targets, BETA);
    loss.backward();
    optimizer.step();
    losses.push(loss.item());
  }
  const p = gibbs(noGrad(() => model.forward(centres)).value, BETA);
  const counts = new Map<number, number>();
  for (const c of targets.data()) counts.set(c, (counts.get(c) ?? 0) + 1);
  const n = data.shape[0];
  // No model can beat the data's own histogram: its entropy (times 1/β) is the floor of the loss.
  const floor = [...counts.values()].reduce((s, k) => s - (k / n) * Math.log(k / n), 0) / BETA;
  const massOnData = [...counts.keys()].reduce((s, c) => s + p.data()[c], 0);
  console.log(`Maximum likelihood on a 24 × 24 grid of y (β = ${BETA}): L = E(Y) + (1/β) log Σ_y exp(−βE(y))`);
  console.log(`  from ${losses[0].toFixed(3)} to ${losses[STEPS - 1].toFixed(3)} in ${STEPS} Adam steps; the data's histogram itself would score ${floor.toFixed(3)}`);
  console.log(`  the Gibbs distribution puts ${(100 * massOnData).toFixed(0)} % of its mass on the ${counts.size} cells holding data (a uniform one: ${((100 * counts.size) / centres.shape[0]).toFixed(0)} %)`);
  const plane = grid([-1.5, 1.5], [-1.5, 1.5], 120);
  await saveSvg('ml-energy', topographicMap(plane, energyOnGrid(plane, (y) => noGrad(() => model.forward(y)).value), [
    scatter(data, { colour: DATA_COLOUR, radius: 1.8 }),
    legend([{ label: `data: ${n} points near the ellipse`, colour: DATA_COLOUR, radius: 2 }], 'bottom-right'),
  ], { title: 'Maximum likelihood: the learnt energy E(y)' }));
  await saveSvg('ml-training', lossCurves([{ label: '−(1/β) log P(Y), mean over the data', values: losses }],
    { title: 'Maximum-likelihood training', yLabel: 'loss' }));
}
