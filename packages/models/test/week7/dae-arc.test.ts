/**
 * What the demo's autoencoder maps (week7-dae-*.svg) are drawn to show, pinned on the demo's own
 * models: the denoising AE's energy has no well off the data below its energy on the data, and
 * grows with the distance to the data; the plain AE's stays near zero around it.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { beforeAll, expect, it } from 'vitest';
import { grid, gridPoints } from '../../src/plot/index.ts';
import { ARC_DAE, arcData, distanceToArc, trainArcAutoEncoder } from '../../src/week7/autoencoder/arc.ts';
import type { AutoEncoder } from '../../src/week7/autoencoder/autoencoder.ts';
import { reconstructionEnergy } from '../../src/week7/contrastive/dae-energy.ts';

const data = arcData(new Generator(1), 200);
const points = gridPoints(grid([-1.6, 1.6], [-1.1, 2.1], 60));
const distance = Array.from({ length: points.shape[0] }, (_, i) => distanceToArc(points.data()[2 * i], points.data()[2 * i + 1]));
const energy = (ae: AutoEncoder, y: Tensor) => reconstructionEnergy(y, noGrad(() => ae.forward(y)).value);
let plain: AutoEncoder;
let denoising: AutoEncoder;

beforeAll(() => {
  plain = trainArcAutoEncoder(data, { denoising: false });
  denoising = trainArcAutoEncoder(data, { denoising: true });
}, 60_000);

/** The mean energy of the grid points whose distance to the arc is in [lo, hi). */
function band(e: ArrayLike<number>, lo: number, hi: number): number {
  const picked = distance.flatMap((d, i) => (d >= lo && d < hi ? [e[i]] : []));
  return picked.reduce((a, b) => a + b, 0) / picked.length;
}

it('the DAE energy has no well off the data below its energy on the data', () => {
  const onData = energy(denoising, data).mean().item();
  const e = energy(denoising, points).data();
  // a kick's σ away from the arc and further, every grid point sits above the data (seeded: about 0.05 against 0.008)
  const off = distance.flatMap((d, i) => (d >= ARC_DAE.sigma ? [e[i]] : []));
  expect(Math.min(...off)).toBeGreaterThan(2 * onData);
});

it('the DAE energy grows with the distance to the data, as the notes say', () => {
  const e = energy(denoising, points).data();
  const bands = [[0, 0.1], [0.1, 0.3], [0.3, 0.6], [0.6, 1], [1, 3]].map(([lo, hi]) => band(e, lo, hi));
  for (let i = 1; i < bands.length; i++) expect(bands[i]).toBeGreaterThan(1.5 * bands[i - 1]);
});

it('the plain AE copies near the data: its energy there is a fraction of the DAE\'s, blind to the data', () => {
  const [p, d] = [energy(plain, points).data(), energy(denoising, points).data()];
  expect(band(p, 0.1, 0.6)).toBeLessThan(band(d, 0.1, 0.6) / 3);
});
