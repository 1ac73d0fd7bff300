/**
 * Contrastive divergence on the ellipse (notes, figure 10): kick each data point, slide it down
 * the current energy, push the energy up where it lands and down at the data.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator } from '@gradschool/tensor';
import { ellipse } from '../../src/data/ellipse.ts';
import { Adam } from '../../src/optim/adam.ts';
import { grid, scatter } from '../../src/plot/index.ts';
import { type CdStep, contrastiveDivergenceStep, EnergyNet, lossCurves, topographicMap, trajectories } from '../../src/week7/index.ts';
import { saveSvg } from './output.ts';

const STEPS = 300;
const SETTINGS = { kick: 1, steps: 5, lr: 0.02, margin: 2 };

export async function cdDemo(): Promise<void> {
  const data = ellipse(new Generator(1), { points: 100, noise: 0.02 }).points;
  const g = new Generator(5);
  const model = new EnergyNet({ generator: g, hidden: [32, 32] });
  const optimizer = new Adam(model.parameters(), { lr: 0.03 });
  const losses: number[] = [];
  let last: CdStep | undefined;
  for (let t = 1; t <= STEPS; t++) {
    last = contrastiveDivergenceStep(model, data, optimizer, g, { ...SETTINGS, keepPath: t === STEPS });
    losses.push(last.loss);
  }
  const energy = (y: Parameters<EnergyNet['forward']>[0]) => noGrad(() => model.forward(y)).value;
  const inside = ellipse(new Generator(4), { points: 200, radii: [0.5, 0.15] }).points;
  const outside = ellipse(new Generator(3), { points: 200, radii: [1.5, 1] }).points;
  console.log(`Contrastive divergence, ${STEPS} steps: kick σ = ${SETTINGS.kick}, ${SETTINGS.steps} descent steps of ${SETTINGS.lr}, margin loss with m = ${SETTINGS.margin}`);
  console.log(`  margin loss ${losses[0].toFixed(2)} → ${losses[STEPS - 1].toFixed(2)}; mean energy on the data ${energy(data).mean().item().toFixed(1)}, inside the ellipse ${energy(inside).mean().item().toFixed(1)}, outside ${energy(outside).mean().item().toFixed(1)}`);
  const plane = grid([-1.8, 1.8], [-1.8, 1.8], 120);
  await saveSvg('cd-energy', topographicMap(plane, energy, [
    scatter(data, { colour: '#e377c2', radius: 1.8 }),
    trajectories(last!.contrast.path!.slice(1, 0, 30)),
  ], { title: 'CD: kicks slid down the energy (green)' }));
  await saveSvg('cd-training', lossCurves([{ label: `margin loss, m = ${SETTINGS.margin}`, values: losses }], { title: 'Contrastive-divergence training' }));
}
