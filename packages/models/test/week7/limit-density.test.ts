import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { ellipseLatentEnergy, ellipseLimitDensity } from '../../src/week7/ebm/ellipse-latent.ts';
import { freeEnergy } from '../../src/week7/ebm/free-energy.ts';
import { gibbs } from '../../src/week7/ebm/gibbs.ts';
import { curveMap } from '../../src/week7/figures.ts';

describe('ellipseLimitDensity: P(y) of the ellipse EBM as β → ∞', () => {
  test.prop([fc.integer({ min: 200, max: 2000 })], { numRuns: 10 })('lies on the curve and integrates to 1 along it', (k) => {
    const { points, density } = ellipseLimitDensity(k);
    const p = points.data();
    let mass = 0;
    for (let i = 0; i < k; i++) {
      const j = (i + 1) % k;
      expect(p[2 * i] ** 2 + (2 * p[2 * i + 1]) ** 2).toBeCloseTo(1, 12); // on (cos z, ½ sin z)
      mass += ((density[i] + density[j]) / 2) * Math.hypot(p[2 * j] - p[2 * i], p[2 * j + 1] - p[2 * i + 1]);
    }
    expect(mass).toBeCloseTo(1, 3);
  });

  it('is the limit of the Gibbs distribution at a large β: the ends hold as much mass as the top and bottom, as a uniform z says', () => {
    // β = 500: a tube of σ = 1/√(2β) ≈ 0.03 round the curve, on cells of 0.01 and z every 0.025 rad;
    // one quadrant (y₁, y₂ ≥ 0) of the symmetric picture is enough, and a quarter of the work
    const [nx, ny] = [121, 71];
    const ys = Array.from({ length: nx * ny }, (_, c) => [0.01 * (c % nx), 0.01 * Math.floor(c / nx)]);
    const { energies, dz } = ellipseLatentEnergy(tensor(ys, { dtype: 'float64' }), 256);
    const p = gibbs(freeEnergy(energies, 500, { dz }), 500).data();
    // in the quadrant, the mass near the end (y₁ > cos 45°) against the top: the limit says z in [0, π/4] against [π/4, π/2], ½ each
    let ends = 0;
    ys.forEach(([y1], c) => { if (Math.abs(y1) > Math.SQRT1_2) ends += p[c]; });
    expect(ends).toBeCloseTo(0.5, 1);
  });
});

describe('curveMap', () => {
  it('draws one coloured piece per point, closing the curve, with its note and colour bar', () => {
    const { points, density } = ellipseLimitDensity(50);
    const svg = curveMap([-1.5, 1.5], [-1.5, 1.5], points, density, { note: 'all the mass', barLabel: 'per unit length' });
    expect(svg.split('<line ').length - 1).toBeGreaterThanOrEqual(50);
    expect(svg).toContain('>all the mass</text>');
    expect(svg).toContain('>per unit length</text>');
    expect(() => curveMap([-1, 1], [-1, 1], points, density.slice(1))).toThrow('curveMap: points must have shape [k, 2] with k ≥ 2 and one value each, got [50,2] and 49 values');
  });
});
