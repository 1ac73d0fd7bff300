import { fc, test } from '@fast-check/vitest';
import { parameter, type Variable } from '@gradschool/autograd';
import { Generator, linspace, tensor, zeros } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { descendEnergy } from '../../src/week7/ebm/descend.ts';
import { freeEnergy } from '../../src/week7/ebm/free-energy.ts';
import { f64, seed } from './helpers.ts';

// A latent-variable energy on a circle of radius r: E(y, z) = ‖y − r(cos z, sin z)‖². Its minimum
// over z is at the angle of y, z* = atan2(y₂, y₁), with F(y) = (‖y‖ − r)².
const circleEnergy = (y: readonly number[], r: number) => (z: Variable) =>
  z.cos().mul(r).neg().add(y[0]).square().add(z.sin().mul(r).neg().add(y[1]).square());
const point = fc.tuple(fc.double({ min: 0.5, max: 3, noNaN: true }), fc.double({ min: -Math.PI, max: Math.PI, noNaN: true }));

describe('descendEnergy', () => {
  test.prop([point, fc.double({ min: 0.5, max: 2, noNaN: true }), fc.double({ min: -2.5, max: 2.5, noNaN: true })], { numRuns: 25 })(
    'infers a continuous latent: the angle of a point on a circle', ([rho, phi], r, offset) => {
      const y = [rho * Math.cos(phi), rho * Math.sin(phi)];
      // E(z) = const − 2rρ cos(z − φ): from any start short of the far side, descent reaches z = φ
      const { x: z, energy } = descendEnergy(circleEnergy(y, r), f64([phi + offset]), { steps: 200, lr: 0.05 / (r * rho) });
      const zz = z.item();
      // each step takes the angle error e to e − 0.1 sin e: from 2.5 rad it is below 1 within 30 steps,
      // then shrinks by about 0.9 per step, far below 1e-3 by step 200
      expect(Math.abs(Math.cos(zz) - Math.cos(phi)) + Math.abs(Math.sin(zz) - Math.sin(phi))).toBeLessThan(2e-3);
      expect(energy.item()).toBeCloseTo((rho - r) ** 2, 4);
    }, 30_000); // 5,000 gradient steps: a second alone, more on a busy machine

  it('agrees with the zero-temperature free energy over a fine grid of z', () => {
    const y = [1.5, -0.4];
    const energyOf = circleEnergy(y, 1);
    const grid = linspace(-Math.PI, Math.PI, 2001, { dtype: 'float64' });
    const onGrid = freeEnergy(energyOf(parameter(grid)).value, Infinity).item();
    const descended = descendEnergy(energyOf, f64([0]), { steps: 200, lr: 0.1 }).energy.item();
    // the grid spacing 2π/2000 misses the minimum by at most 1.6e-3 in z, hence ~rρ·(1.6e-3)² in energy
    expect(Math.abs(onGrid - descended)).toBeLessThan(1e-5);
    expect(descended).toBeCloseTo((Math.hypot(y[0], y[1]) - 1) ** 2, 8);
  });

  test.prop([seed, fc.integer({ min: 0, max: 6 })], { numRuns: 20 })('keeps the path and leaves the model without gradients', (s, steps) => {
    const w = parameter(tensor([2, -1], { dtype: 'float64' }));
    const start = f64([[0.3, 0.1], [1, 2], [-1, 0]]).add(new Generator(s).uniform());
    const { x, path } = descendEnergy((y) => y.sub(w).square().sum(1), start, { steps, lr: 0.25, keepPath: true });
    expect(path!.shape).toEqual([steps + 1, 3, 2]);
    expect(path!.slice(0, 0, 1).squeeze(0).toArray()).toEqual(start.toArray());
    expect(path!.slice(0, steps).squeeze(0).toArray()).toEqual(x.toArray());
    // on ‖y − w‖² a step of 0.25 halves the distance to w: exactly, for this quadratic
    const gap = start.sub(w.value).mul(0.5 ** steps).add(w.value);
    x.data().forEach((v, i) => expect(v).toBeCloseTo(gap.data()[i], 12));
    expect(w.grad).toBeNull();
  });

  it('refuses a bad step size or step count', () => {
    const e = (y: Variable) => y.square();
    expect(() => descendEnergy(e, f64([1]), { lr: 0 })).toThrow('descendEnergy: lr must be a finite number > 0, got 0');
    expect(() => descendEnergy(e, f64([1]), { steps: 1.5 })).toThrow('descendEnergy: steps must be an integer >= 0, got 1.5');
  });
});

describe('descendEnergy with a temperature: Langevin dynamics', () => {
  const bowl = (a: number) => (y: Variable) => y.square().sum(1).mul(a);

  test.prop([seed, fc.integer({ min: 0, max: 20 })], { numRuns: 20 })('at temperature 0 is plain descent, and draws nothing from the generator', (s, steps) => {
    const start = f64([[0.3, -1], [2, 0.5]]);
    const g = new Generator(s);
    const plain = descendEnergy(bowl(1.5), start, { steps, lr: 0.1 });
    const cold = descendEnergy(bowl(1.5), start, { steps, lr: 0.1, temperature: 0, generator: g });
    expect(cold.x.toArray()).toEqual(plain.x.toArray());
    expect(g.uniform()).toBe(new Generator(s).uniform());
  });

  // On E = a‖x‖², a step is x ← (1 − 2a·lr)x + √(2·lr·T)ε, whose stationary variance per coordinate is
  // T / (2a(1 − a·lr)): the Gibbs distribution's T/(2a), up to the step's discretisation.
  test.prop([seed, fc.double({ min: 0.5, max: 4, noNaN: true }), fc.double({ min: 0.01, max: 0.05, noNaN: true }), fc.double({ min: 0.05, max: 1, noNaN: true })], { numRuns: 10 })(
    'samples the Gibbs distribution of a bowl: mean 0, variance T / (2a(1 − a·lr)) in every direction', (s, a, lr, temperature) => {
      const n = 2000;
      // 200 steps forget the start: (1 − 2a·lr)^200 ≤ 0.99^200 < 0.14, and the start is 0 anyway
      const { x } = descendEnergy(bowl(a), zeros([n, 2], { dtype: 'float64' }), { steps: 200, lr, temperature, generator: new Generator(s) });
      const variance = temperature / (2 * a * (1 - a * lr));
      const stationary = 1 - (1 - 2 * a * lr) ** 400; // how far from 0 the variance has grown after 200 steps
      for (const c of [0, 1]) {
        const col = x.slice(1, c, c + 1);
        // sample variance of 2000 normals: standard error √(2/2000) ≈ 3.2 %; six of them
        expect(Math.abs(col.mean().item()) / Math.sqrt(variance * stationary)).toBeLessThan(6 / Math.sqrt(n));
        expect(Math.abs(col.square().mean().item() / (variance * stationary) - 1)).toBeLessThan(0.2);
      }
    }, 30_000);

  it('refuses a negative temperature, and a temperature without a generator', () => {
    expect(() => descendEnergy(bowl(1), f64([[1, 1]]), { temperature: -1 })).toThrow('descendEnergy: temperature must be a finite number >= 0, got -1');
    expect(() => descendEnergy(bowl(1), f64([[1, 1]]), { temperature: 0.1 })).toThrow('descendEnergy: temperature 0.1 needs a generator to draw the Langevin noise');
  });
});
