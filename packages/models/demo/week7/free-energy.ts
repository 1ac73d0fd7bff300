/**
 * The free energy of a latent-variable EBM as the temperature rises (notes, "Latent variable
 * energy-based model"): on the ellipse y = (cos z, ½ sin z), F_∞(y) = min_z E(y, z) is the squared
 * distance to the curve; F_β = −(1/β) log ∫ e^{−βE} dz lets every z count, and as β falls the
 * valley blurs and the centre, close to every z at once, sinks. Beside each, the Gibbs P(y) ∝ e^{−βF_β(y)},
 * which at β = ∞ lies on the curve itself.
 */
import { Generator } from '@gradschool/tensor';
import { ellipse } from '../../src/data/ellipse.ts';
import { grid, gridPoints, legend, quantileScale, scatter } from '../../src/plot/index.ts';
import { curveMap, ellipseLatentEnergy, ellipseLimitDensity, freeEnergy, gibbs, lvEbmDiagram, topographicMap } from '../../src/week7/index.ts';
import { DATA_COLOUR, saveSvg } from './output.ts';

const BETAS = [Infinity, 100, 20, 5];
const name = (beta: number) => (beta === Infinity ? '∞' : String(beta));

export async function freeEnergyDemo(): Promise<void> {
  await saveSvg('lv-ebm-diagram', lvEbmDiagram());
  const plane = grid([-1.6, 1.6], [-1.6, 1.6], 120);
  const { energies, dz } = ellipseLatentEnergy(gridPoints(plane));
  const fields = BETAS.map((beta) => freeEnergy(energies, beta, { dz: beta === Infinity ? 1 : dz }));
  const centre = (f: (typeof fields)[number]) => f.data()[60 * 120 + 60];
  console.log('F_β(y) = −(1/β) log ∫ exp(−β‖y − (cos z, ½ sin z)‖²) dz, on a grid of y (z at 64 angles):');
  for (const [i, beta] of BETAS.entries()) {
    console.log(`  β = ${name(beta).padEnd(3)}: F at the centre ${centre(fields[i]).toFixed(3)}, lowest ${Math.min(...fields[i].data()).toFixed(3)}`);
  }
  console.log('  As β falls, the free energy forgets the shape of the curve; at β = ∞ it is the squared distance to it.');
  const scale = quantileScale(fields.map((f) => f.data()));
  const curve = ellipse(new Generator(1), { points: 80 }).points;
  for (const [i, beta] of BETAS.entries()) {
    const title = beta === Infinity ? 'F_{∞}(y) = min_{z} E(y, z)' : `F_{β}(y), β = ${beta}`;
    await saveSvg(`free-energy-beta-${name(beta) === '∞' ? 'inf' : beta}`, topographicMap(plane, fields[i], [
      scatter(curve, { colour: DATA_COLOUR, radius: 1.4 }),
      legend([{ label: 'the curve y(z) = (cos z, ½ sin z)', colour: DATA_COLOUR, radius: 2 }], 'bottom-right'),
    ], { title, scale, barLabel: 'free energy' }));
  }
  // P(y) at β = ∞: all its mass sits on the curve itself, which no grid cell holds, so it is drawn as the curve
  const limit = ellipseLimitDensity();
  const ends = limit.density[0];
  const top = limit.density[limit.density.length / 4];
  console.log(`  P(y) as β → ∞: all its mass on the curve, uniform in z, so per unit length ${ends.toFixed(3)} at the ends (±1, 0) and ${top.toFixed(3)} at (0, ±½)`);
  await saveSvg('gibbs-beta-inf', curveMap(plane.x, plane.y, limit.points, limit.density, {
    title: 'P(y) as β → ∞: all mass on the curve', barLabel: 'probability per unit length', note: 'off the curve P(y) = 0; on it, uniform in z',
  }));
  const finite = BETAS.slice(1);
  const probabilities = finite.map((beta) => gibbs(fields[BETAS.indexOf(beta)], beta));
  const pScale = quantileScale(probabilities.map((p) => p.data()));
  for (const [i, beta] of finite.entries()) {
    await saveSvg(`gibbs-beta-${beta}`, topographicMap(plane, probabilities[i], [], {
      title: `P(y) ∝ exp(−β F_{β}(y)), β = ${beta}`, scale: pScale, barLabel: 'probability of the grid cell',
    }));
  }
}
