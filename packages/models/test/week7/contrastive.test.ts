import { fc, test } from '@fast-check/vitest';
import { parameter, type Variable } from '@gradschool/autograd';
import { Generator, randn, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { reconstructionEnergy } from '../../src/week7/contrastive/dae-energy.ts';
import { contrastivePoints } from '../../src/week7/contrastive/divergence.ts';
import { marginLoss } from '../../src/week7/contrastive/margin.ts';
import { f64, rowsOf, seed } from './helpers.ts';

const energies = fc.integer({ min: 1, max: 8 }).chain((n) => fc.tuple(
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
  fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: n, maxLength: n }),
));

describe('marginLoss', () => {
  test.prop([energies, fc.double({ min: 0, max: 5, noNaN: true })], { numRuns: 60 })(
    'is mean [m + E(y) − E(ȳ)]₊, with gradient −1/n on a violating negative and +1/n on its positive', ([pos, neg], m) => {
      // in the implementation's order, (E(y) − E(ȳ)) + m: right at the hinge's kink a one-ulp
      // difference decides which side a pair is on
      const slack = (i: number) => pos[i] - neg[i] + m;
      const want = pos.reduce((s, _, i) => s + Math.max(0, slack(i)), 0) / pos.length;
      const p = parameter(f64(pos));
      const q = parameter(f64(neg));
      const loss = marginLoss(p, q, m);
      expect(loss.item()).toBeCloseTo(want, 12);
      loss.backward();
      const gp = p.grad!.data();
      const gq = q.grad!.data();
      pos.forEach((_, i) => {
        const active = slack(i) > 0;
        expect(gp[i]).toBeCloseTo(active ? 1 / pos.length : 0, 12);
        expect(gq[i]).toBeCloseTo(active ? -1 / pos.length : 0, 12);
      });
    });

  it('names what it cannot pair', () => {
    expect(() => marginLoss(tensor([1, 2]), tensor([1]), 1)).toThrow(
      'marginLoss: energies of data [2] and of contrastive points [1] must pair up one to one');
    expect(() => marginLoss(tensor([1]), tensor([1]), -1)).toThrow('marginLoss: margin must be a finite number >= 0, got -1');
  });
});

describe('reconstructionEnergy', () => {
  test.prop([seed, fc.integer({ min: 0, max: 6 }), fc.integer({ min: 1, max: 5 })], { numRuns: 40 })(
    'is each row’s squared distance to its reconstruction', (s, n, d) => {
      const g = new Generator(s);
      const y = randn([n, d], g, { dtype: 'float64' });
      const r = randn([n, d], g, { dtype: 'float64' });
      const rr = rowsOf(r);
      const want = rowsOf(y).map((row, i) => row.reduce((acc, v, j) => acc + (v - rr[i][j]) ** 2, 0));
      Array.from(reconstructionEnergy(y, r).data()).forEach((e, i) => expect(e).toBeCloseTo(want[i], 12));
    });

  it('names the shapes it cannot compare', () => {
    expect(() => reconstructionEnergy(tensor([[1, 2]]), tensor([[1, 2, 3]]))).toThrow(
      'reconstructionEnergy: data [1,2] and reconstruction [1,3] must have one shape, examples along dim 0');
  });
});

describe('contrastivePoints', () => {
  // a quadratic bowl centred at c: E(y) = ‖y − c‖²
  const bowl = (c: number[]) => (y: Variable) => y.sub(f64(c)).square().sum(1);

  test.prop([seed, fc.double({ min: 0.1, max: 2, noNaN: true }), fc.integer({ min: 0, max: 8 })], { numRuns: 30 })(
    'kicks with the seeded noise, then slides downhill', (s, kick, steps) => {
      const y = f64([[1, 0], [1, 0], [1, 0]]);
      const { x, energy, path } = contrastivePoints(bowl([1, 0]), y, new Generator(s), { kick, steps, lr: 0.25, keepPath: true });
      const kicked = y.add(randn([3, 2], new Generator(s), { dtype: 'float64' }).mul(kick));
      expect(path!.slice(0, 0, 1).squeeze(0).toArray()).toEqual(kicked.toArray());
      // each step of lr 1/4 on ‖y − c‖² halves the offset from c
      x.data().forEach((v, i) => expect(v).toBeCloseTo(0.5 ** steps * (kicked.data()[i] - [1, 0][i % 2]) + [1, 0][i % 2], 12));
      const start = rowsOf(kicked).map(([a, b]) => (a - 1) ** 2 + b ** 2);
      energy.data().forEach((e, i) => expect(e).toBeLessThanOrEqual(start[i]));
    });
});
