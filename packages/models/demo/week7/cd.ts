/**
 * Contrastive divergence on the ellipse (notes, figure 10): kick each data point, slide it down
 * the current energy, push the energy up where it lands and down at the data. Then Langevin
 * dynamics samples the trained energy, beside plain descent.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { ellipse } from '../../src/data/ellipse.ts';
import { arrows, grid, type Grid, legend, scatter } from '../../src/plot/index.ts';
import {
  type CdRun, ELLIPSE_CD, ELLIPSE_LANGEVIN, ellipseCdPaths, ellipseLatentEnergy, ellipseSamples, energyOnGrid, freeEnergy, lossCurves, topographicMap,
  trainEllipseCd, trajectories,
} from '../../src/week7/index.ts';
import { DATA_COLOUR, saveSvg } from './output.ts';

const KICK = '#ff7f0e';
const SLIDE = '#2ca02c';
const SHOWN = 25;
// white, to show on the valley floor's darkest colour
const DESCENT = '#ffffff';

export async function cdDemo(): Promise<void> {
  const data = ellipse(new Generator(1), { points: 100, noise: 0.02 }).points;
  const run = trainEllipseCd(data);
  const energy = (y: Tensor) => noGrad(() => run.model.forward(y)).value;
  const inside = ellipse(new Generator(4), { points: 200, radii: [0.5, 0.15] }).points;
  const outside = ellipse(new Generator(3), { points: 200, radii: [1.5, 1] }).points;
  const { steps, kick, descent, lr, margin, regularise } = ELLIPSE_CD;
  const first = run.history[0];
  const lastOf = run.history[steps - 1];
  console.log(`Contrastive divergence, ${steps} steps: kick σ = ${kick}, ${descent} descent steps of ${lr}, margin loss with m = ${margin} plus ${regularise}·(E(y)² + E(ȳ)²) to hold the energies near 0`);
  console.log(`  loss ${first.loss.toFixed(2)} → ${lastOf.loss.toFixed(2)}; mean energy on the data ${energy(data).mean().item().toFixed(2)}, inside the ellipse ${energy(inside).mean().item().toFixed(2)}, outside ${energy(outside).mean().item().toFixed(2)}`);
  console.log('  Each push-up lands where a short slide from a kicked data point ends: one sample, per data point, of the');
  console.log('  points the model finds likely — maximum likelihood would push up on all of them, weighted by P(y).');

  const paths = ellipseCdPaths(run, data).path!.slice(1, 0, SHOWN);
  const plane = grid([-1.8, 1.8], [-1.8, 1.8], 120);
  const field = energyOnGrid(plane, energy);
  await saveSvg('cd-energy', topographicMap(plane, field, [
    scatter(data, { colour: DATA_COLOUR, radius: 1.8 }),
    arrows(data.slice(0, 0, SHOWN), paths.slice(0, 0, 1).squeeze(0), { colour: KICK, width: 1 }),
    trajectories(paths, { colour: SLIDE }),
    legend([
      { label: 'data y', colour: DATA_COLOUR, radius: 2 },
      { label: `random kick, σ = ${kick}`, colour: KICK, mark: 'arrow' },
      { label: `slide down E: ${descent} steps, then push up at ȳ`, colour: SLIDE, mark: 'line' },
    ], 'bottom-right'),
  ], { title: 'Contrastive divergence: kick, slide down, push up' }));
  await langevinDemo(run, data, plane, field);
  await saveSvg('cd-training', lossCurves([
    { label: 'loss', values: run.history.map((h) => h.loss) },
    { label: 'mean E(y) at the data', values: run.history.map((h) => h.energy.data), dashed: true },
    { label: 'mean E(ȳ) where the slides land', values: run.history.map((h) => h.energy.contrast), dashed: true },
  ], { title: 'Contrastive-divergence training', yLabel: 'loss, energy', corner: 'bottom-right' }));
}

/** Langevin dynamics on the trained energy against plain descent, both from the data (guide 7.8). */
async function langevinDemo(run: CdRun, data: Tensor, plane: Grid, field: Tensor): Promise<void> {
  const { descent, langevin } = ellipseSamples(run, data);
  const { steps, lr, temperature } = ELLIPSE_LANGEVIN;
  // distance to the ellipse, from its squared distance at 1,000 angles (the zero-temperature free energy)
  const distance = (y: Tensor) => freeEnergy(ellipseLatentEnergy(y, 1000).energies, Infinity).sqrt().mean().item().toFixed(3);
  console.log(`Langevin dynamics, y ← y − η∇E + √(2ηT)·ε, ${steps} steps of η = ${lr} at T = ${temperature} from the data: mean distance to the ellipse`);
  console.log(`  ${distance(langevin)}, where plain descent (ε = 0) ends ${distance(descent)} from it, gathered in the minima along the valley floor.`);
  console.log('  Its walks are samples of P(y) ∝ exp(−E(y)/T): averaging ∂E(ȳ)/∂w over them estimates the expectation in the ML gradient\'s');
  console.log('  push-up term, and contrastive divergence\'s one short slide per data point is a one-sample estimate of it (guide 7.8).');
  await saveSvg('langevin', topographicMap(plane, field, [
    scatter(data, { colour: DATA_COLOUR, radius: 1.6 }),
    scatter(langevin, { colour: KICK, radius: 2 }),
    scatter(descent, { colour: DESCENT, radius: 2.6 }),
    legend([
      { label: 'data y, where both walks start', colour: DATA_COLOUR, radius: 2 },
      { label: `Langevin samples, T = ${temperature}`, colour: KICK, radius: 2 },
      { label: 'plain descent: minima of E', colour: DESCENT, radius: 2.6 },
    ], 'bottom-right'),
  ], { title: `Sampling E: Langevin against plain descent, ${steps} steps` }));
}
