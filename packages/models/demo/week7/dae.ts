/**
 * Over-complete autoencoders on the plane (notes, figures 7–9): without noise one learns to copy
 * its input near the data, so its reconstruction error is nearly zero all around and tells data
 * from non-data poorly; with noise it learns to send points back to the data, and the error
 * becomes an energy that grows away from the manifold. Both maps share one colour scale.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { arrows, grid, gridPoints, legend, quantileScale, scatter } from '../../src/plot/index.ts';
import {
  ARC_DAE, arcData, type AutoEncoder, corruptGaussian, energyOnGrid, reconstructionEnergy, topographicMap, trainArcAutoEncoder,
} from '../../src/week7/index.ts';
import { DATA_COLOUR, saveSvg } from './output.ts';

const KICK = '#2ca02c';
const BACK = '#ff7f0e';

export async function daeDemo(): Promise<void> {
  const data = arcData(new Generator(1), 200);
  const heldOut = arcData(new Generator(2), 200);
  const noisy = corruptGaussian(heldOut, ARC_DAE.sigma, new Generator(3));
  const models = { plain: trainArcAutoEncoder(data, { denoising: false }), denoising: trainArcAutoEncoder(data, { denoising: true }) };
  const gap = (a: Tensor, b: Tensor) => a.sub(b).square().sum(1).mean().item();
  const reconstruct = (ae: AutoEncoder, y: Tensor) => noGrad(() => ae.forward(y)).value;
  const energy = (ae: AutoEncoder) => (y: Tensor) => reconstructionEnergy(y, reconstruct(ae, y));

  console.log(`Over-complete autoencoders ${models.plain.sizes.join(' → ')} → … → 2 on a half-circle, ${ARC_DAE.epochs} epochs, the denoising one kicked afresh by σ = ${ARC_DAE.sigma} at every step.`);
  console.log(`Held-out points kicked by σ = ${ARC_DAE.sigma} (‖kick‖² = ${gap(noisy, heldOut).toFixed(3)} on average):`);
  for (const [name, ae] of Object.entries(models)) {
    const out = reconstruct(ae, noisy);
    console.log(`  ${name.padEnd(9)}: output − kicked input ${gap(out, noisy).toFixed(3)}, output − clean point ${gap(out, heldOut).toFixed(3)}, energy on held-out data ${energy(ae)(heldOut).mean().item().toFixed(4)}`);
  }
  console.log('  The plain one mostly copies what it is given, noise and all: its energy is near zero on and around the data.');
  console.log('  The denoising one undoes the part of the kick across the curve (the part along it leads to another');
  console.log('  data point), so its energy grows with the distance to the curve. Far from the data, where neither');
  console.log('  saw a point, their outputs are the network\'s extrapolation (the long arrows near the edges).');

  const plane = grid([-1.6, 1.6], [-1.1, 2.1], 120);
  const fields = { plain: energyOnGrid(plane, energy(models.plain)), denoising: energyOnGrid(plane, energy(models.denoising)) };
  // one scale for the family: the plain map's energies are the smaller, and it must look so
  const scale = quantileScale(Object.values(fields).map((f) => f.data()));
  const probes = gridPoints(grid([-1.5, 1.5], [-1.0, 2.0], 15));
  const dataKey = { label: 'data y', colour: DATA_COLOUR, radius: 2 };
  for (const [name, ae] of Object.entries(models)) {
    await saveSvg(`dae-${name}`, topographicMap(plane, fields[name as keyof typeof fields], [
      scatter(data, { colour: DATA_COLOUR, radius: 1.6 }),
      arrows(probes, reconstruct(ae, probes), { colour: BACK, width: 1 }),
      legend([dataKey, { label: 'y → ŷ = dec(enc(y))', colour: BACK, mark: 'arrow' }], 'bottom-right'),
    ], { title: `${name === 'plain' ? 'Plain' : 'Denoising'} AE: energy E(y) = ‖y − ŷ‖^{2}`, scale }));
  }
  // the notes' figures 7 and 8: kick a data point off the manifold, train to bring it back
  // every fifth point, spread along the arc (the data run along it in order)
  const kicked = noisy.slice(0, 0, undefined, 5);
  await saveSvg('dae-corruption', topographicMap(plane, fields.denoising, [
    scatter(data, { colour: DATA_COLOUR, radius: 1.6 }),
    arrows(heldOut.slice(0, 0, undefined, 5), kicked, { colour: KICK, width: 1 }),
    arrows(kicked, reconstruct(models.denoising, kicked), { colour: BACK, width: 1 }),
    legend([
      dataKey,
      { label: `corrupt: y → ỹ = y + ${ARC_DAE.sigma}ε`, colour: KICK, mark: 'arrow' },
      { label: 'reconstruct: ỹ → dec(enc(ỹ))', colour: BACK, mark: 'arrow' },
    ], 'bottom-right'),
  ], { title: 'DAE: corrupt y, then reconstruct it', scale }));
}
