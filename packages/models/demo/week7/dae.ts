/**
 * Over-complete autoencoders on the 2-D ellipse: without noise one learns (nearly) the identity,
 * so its reconstruction error is no energy at all; with noise it learns to send points back to
 * the data, and the error becomes an energy that grows away from the manifold (notes, figures 7–9).
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { ellipse } from '../../src/data/ellipse.ts';
import { Adam } from '../../src/optim/adam.ts';
import { arrows, grid, gridPoints, scatter } from '../../src/plot/index.ts';
import { AutoEncoder, corruptGaussian, reconstructionEnergy, topographicMap, trainAutoEncoder } from '../../src/week7/index.ts';
import { saveSvg } from './output.ts';

const SIGMA = 0.3;
const EPOCHS = 300;

function train(data: Tensor, corrupt?: (x: Tensor, g: Generator) => Tensor): AutoEncoder {
  const g = new Generator(7);
  const ae = new AutoEncoder({ sizes: [2, 32, 32], generator: g });
  trainAutoEncoder(ae, data, { optimizer: new Adam(ae.parameters(), { lr: 0.02 }), epochs: EPOCHS, generator: g, corrupt });
  return ae;
}

export async function daeDemo(): Promise<void> {
  const data = ellipse(new Generator(1), { points: 200, noise: 0.02 }).points;
  const heldOut = ellipse(new Generator(2), { points: 200, noise: 0.02 }).points;
  const noisy = corruptGaussian(heldOut, SIGMA, new Generator(3));
  const models = { plain: train(data), denoising: train(data, (x, g) => corruptGaussian(x, SIGMA, g)) };
  const gap = (a: Tensor, b: Tensor) => a.sub(b).square().sum(1).mean().item();
  const reconstruct = (ae: AutoEncoder, y: Tensor) => noGrad(() => ae.forward(y)).value;

  console.log(`Over-complete autoencoders 2 → 32 → 32 → 32 → 2 on the ellipse, ${EPOCHS} epochs; held-out points kicked by σ = ${SIGMA} (‖kick‖² = ${gap(noisy, heldOut).toFixed(3)} on average):`);
  for (const [name, ae] of Object.entries(models)) {
    const out = reconstruct(ae, noisy);
    console.log(`  ${name.padEnd(9)}: output − noisy input ${gap(out, noisy).toFixed(3)}, output − clean point ${gap(out, heldOut).toFixed(3)}, energy on held-out data ${reconstructionEnergy(heldOut, reconstruct(ae, heldOut)).mean().item().toFixed(4)}`);
  }
  console.log('  Without noise the network copies its input (noise and all); with noise it returns points to the curve,');
  console.log('  removing the part of the kick across the curve (the part along it leads to another data point).');

  const plane = grid([-1.6, 1.6], [-1.6, 1.6], 120);
  const probes = gridPoints(grid([-1.5, 1.5], [-1.5, 1.5], 15));
  for (const [name, ae] of Object.entries(models)) {
    await saveSvg(`dae-${name}`, topographicMap(plane, (y) => reconstructionEnergy(y, reconstruct(ae, y)), [
      scatter(data, { colour: '#e377c2', radius: 1.6 }),
      arrows(probes, reconstruct(ae, probes), { colour: '#ff7f0e', width: 1 }),
    ], { title: `${name === 'plain' ? 'Plain' : 'Denoising'} AE: energy ‖y − ŷ‖², arrows y → ŷ` }));
  }
  const few = heldOut.slice(0, 0, 40);
  await saveSvg('dae-corruption', topographicMap(plane, (y) => reconstructionEnergy(y, reconstruct(models.denoising, y)), [
    scatter(data, { colour: '#e377c2', radius: 1.6 }),
    arrows(few, noisy.slice(0, 0, 40), { colour: '#2ca02c', width: 1 }),
    arrows(noisy.slice(0, 0, 40), reconstruct(models.denoising, noisy.slice(0, 0, 40)), { colour: '#ff7f0e', width: 1 }),
  ], { title: 'DAE: corrupt y (green), reconstruct (orange)' }));
}
