import { fc, test } from '@fast-check/vitest';
import { gradcheck, parameter, type Variable, variable } from '@gradschool/autograd';
import { Generator, linspace, randn, tensor } from '@gradschool/tensor';
import { describe, expect } from 'vitest';
import { mlLoss, mlLossGradient } from '../../src/week7/ebm/ml-loss.ts';
import { f64, seed } from './helpers.ts';

const beta = fc.double({ min: 0.1, max: 10, noNaN: true });

/** A small energy network over a 1-D y grid: E(y) = v · tanh(a y + c), 4 hidden units. */
const energyNet = (y: Variable, a: Variable, c: Variable, v: Variable) => y.unsqueeze(1).mul(a).add(c).tanh().matmul(v);

describe('mlLoss through autograd', () => {
  test.prop([seed, fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 6 }), beta], { numRuns: 30 })(
    'backward gives the push-down / push-up gradient 1[y = Y] − P(y)', (s, b, g, bt) => {
      const gen = new Generator(s);
      const e = randn([b, g], gen, { dtype: 'float64' }).mul(3);
      const targets = tensor(Array.from({ length: b }, () => gen.int(0, g)), { dtype: 'int32' });
      const ev = variable(e, { requiresGrad: true });
      mlLoss(ev, targets, bt).backward();
      const want = mlLossGradient(e, targets, bt).data();
      ev.grad!.data().forEach((x, i) => expect(x).toBeCloseTo(want[i], 12));
    });

  test.prop([seed, beta], { numRuns: 15 })('passes gradcheck with respect to the weights of an energy network over a y grid', (s, bt) => {
    const gen = new Generator(s);
    const grid = f64(Array.from(linspace(-2, 2, 9).data()));
    const targets = tensor([1, 4, 4, 7], { dtype: 'int32' }); // four observed y values, as grid indices
    const weights = [randn([4], gen), randn([4], gen), randn([4], gen)].map((w) => w.to('float64'));
    const loss = (a: Variable, c: Variable, v: Variable) =>
      mlLoss(energyNet(variable(grid), a, c, v).unsqueeze(0).expand(4, 9), targets, bt);
    // float64 central differences (eps 1e-6) against backward: agreement to 1e-7 relative is far
    // tighter than any real mistake in the push-up term (which would be O(1))
    const result = gradcheck(loss, weights, { rtol: 1e-6, atol: 1e-8 });
    expect(result.ok, result.message).toBe(true);
    // and gradient descent on it makes the data more likely
    const params = weights.map((w) => parameter(w));
    const before = loss(params[0], params[1], params[2]);
    before.backward();
    const stepped = params.map((p) => variable(p.value.sub(p.grad!.mul(1e-3))));
    expect(loss(stepped[0], stepped[1], stepped[2]).item()).toBeLessThan(before.item());
  });
});
