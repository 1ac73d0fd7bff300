import { fc, test } from '@fast-check/vitest';
import { Variable } from '@gradschool/autograd';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { Adam, AdamW, type Optimizer, Parameter, SGD, StepLR } from '../src/index.ts';

/** A float64 parameter whose gradient we set by hand, as backward() would. */
const param = (values: number[]) => new Parameter(tensor(values, { dtype: 'float64' }));
const flat = (t: Variable) => Array.from(t.data());
/** Run steps with the given gradients, returning the value after each. */
function run(make: (p: Parameter) => Optimizer, start: number[], grads: number[][]): number[][] {
  const p = param(start);
  const opt = make(p);
  return grads.map((g) => {
    opt.zeroGrad();
    p.grad = tensor(g, { dtype: 'float64' });
    opt.step();
    return flat(p);
  });
}
const near = (a: number, b: number) => expect(Math.abs(a - b)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(b)));

const value = fc.double({ min: -10, max: 10, noNaN: true });
/** A short run: starting values and a few steps of gradients, for `width` scalars. */
const history = fc.integer({ min: 1, max: 4 }).chain((width) => fc.record({
  start: fc.array(value, { minLength: width, maxLength: width }),
  grads: fc.array(fc.array(value, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 5 }),
}));

describe('SGD', () => {
  it('takes the hand-computed steps: p - lr·g, then with momentum 0.9 the velocity 0.9·b + g', () => {
    expect(run((p) => new SGD([p], { lr: 0.1 }), [1], [[2], [2]])).toEqual([[0.8], [0.6000000000000001]]);
    // b1 = 2, p = 1 - 0.2 = 0.8; b2 = 0.9·2 + 2 = 3.8, p = 0.8 - 0.38 = 0.42
    const [a, b] = run((p) => new SGD([p], { lr: 0.1, momentum: 0.9 }), [1], [[2], [2]]);
    near(a[0], 0.8);
    near(b[0], 0.42);
  });

  // PyTorch's documented algorithm for one scalar, in float64.
  function reference(start: number, grads: number[], o: { lr: number; momentum: number; dampening: number; nesterov: boolean; weightDecay: number }): number[] {
    let [p, b] = [start, NaN];
    return grads.map((raw, t) => {
      let g = raw + o.weightDecay * p;
      if (o.momentum !== 0) {
        b = t === 0 ? g : o.momentum * b + (1 - o.dampening) * g;
        g = o.nesterov ? g + o.momentum * b : b;
      }
      p -= o.lr * g;
      return p;
    });
  }
  const options = fc.record({
    lr: fc.double({ min: 0, max: 1, noNaN: true }),
    momentum: fc.double({ min: 0, max: 0.99, noNaN: true }),
    dampening: fc.double({ min: 0, max: 0.5, noNaN: true }),
    nesterov: fc.boolean(),
    weightDecay: fc.double({ min: 0, max: 0.1, noNaN: true }),
  }).map((o) => (o.nesterov ? { ...o, dampening: 0, momentum: Math.max(o.momentum, 0.1) } : o));

  test.prop([history, options], { numRuns: 60 })('follows PyTorch\'s update with momentum, dampening, Nesterov and weight decay', ({ start, grads }, o) => {
    const got = run((p) => new SGD([p], o), start, grads);
    start.forEach((s, j) => reference(s, grads.map((g) => g[j]), o).forEach((want, t) => near(got[t][j], want)));
  });
});

describe('Adam and AdamW', () => {
  function reference(start: number, grads: number[], o: { lr: number; betas: [number, number]; eps: number; weightDecay: number }, decoupled: boolean): number[] {
    let [p, m, v] = [start, 0, 0];
    return grads.map((raw, i) => {
      const t = i + 1;
      if (decoupled) p *= 1 - o.lr * o.weightDecay;
      const g = decoupled ? raw : raw + o.weightDecay * p;
      m = o.betas[0] * m + (1 - o.betas[0]) * g;
      v = o.betas[1] * v + (1 - o.betas[1]) * g * g;
      const mHat = m / (1 - o.betas[0] ** t);
      const vHat = v / (1 - o.betas[1] ** t);
      p -= (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
      return p;
    });
  }
  const options = fc.record({
    lr: fc.double({ min: 1e-4, max: 1, noNaN: true }),
    betas: fc.tuple(fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: 0, max: 0.9999, noNaN: true })),
    eps: fc.double({ min: 1e-10, max: 1e-3, noNaN: true }),
    weightDecay: fc.double({ min: 0, max: 0.1, noNaN: true }),
  });

  test.prop([history, options, fc.boolean()], { numRuns: 60 })('follow PyTorch\'s algorithm (L2 in the gradient for Adam, decoupled decay for AdamW)', ({ start, grads }, o, decoupled) => {
    const got = run((p) => (decoupled ? new AdamW([p], o) : new Adam([p], o)), start, grads);
    start.forEach((s, j) => reference(s, grads.map((g) => g[j]), o, decoupled).forEach((want, t) => near(got[t][j], want)));
  });

  it('move each weight by about lr on the first step, whatever the size of its gradient', () => {
    // m̂ = g and v̂ = g² after one step, so the step is lr·g/(|g| + eps).
    const g = [1e-3, -50, 2e6];
    const [after] = run((p) => new Adam([p], { lr: 0.01, eps: 1e-8 }), [0, 0, 0], [g]);
    g.forEach((gi, i) => near(after[i], (-0.01 * gi) / (Math.abs(gi) + 1e-8)));
    after.forEach((v) => expect(Math.abs(Math.abs(v) - 0.01)).toBeLessThan(1e-6));
  });

  it('defaults to PyTorch\'s hyper-parameters', () => {
    const p = param([1]);
    expect(new Adam([p])).toMatchObject({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0 });
    expect(new AdamW([p])).toMatchObject({ lr: 1e-3, weightDecay: 0.01 });
  });
});

describe('optimizer bookkeeping', () => {
  it('skips parameters without a gradient and clears gradients on zeroGrad', () => {
    const [a, b] = [param([1]), param([2])];
    const opt = new SGD([a, b], { lr: 0.5 });
    a.grad = tensor([1], { dtype: 'float64' });
    opt.step();
    expect([flat(a), flat(b)]).toEqual([[0.5], [2]]);
    opt.zeroGrad();
    expect(a.grad).toBeNull();
  });

  it('drives a parameter to the minimum of a quadratic', () => {
    const p = param([5, -3]);
    const opt = new SGD([p], { lr: 0.1, momentum: 0.5 });
    for (let i = 0; i < 200; i++) {
      opt.zeroGrad();
      p.sub(tensor([1, 2], { dtype: 'float64' })).square().sum().backward();
      opt.step();
    }
    flat(p).forEach((v, i) => expect(Math.abs(v - [1, 2][i])).toBeLessThan(1e-9));
  });

  it('explains bad settings', () => {
    expect(() => new SGD([], { lr: 0.1 })).toThrow('SGD: got an empty list of parameters to optimize');
    expect(() => new SGD([new Variable(tensor([1]))], { lr: 0.1 })).toThrow('SGD: parameter 0 does not require gradients, so it would never move');
    expect(() => new SGD([param([1])], { lr: 0.1, nesterov: true })).toThrow('SGD: nesterov needs momentum > 0 and dampening 0');
    expect(() => new Adam([param([1])], { lr: -1 })).toThrow('Adam: lr must be a finite number >= 0, got -1');
    expect(() => new AdamW([param([1])], { betas: [0.9, 1.5] })).toThrow('AdamW: betas[1] must lie in [0, 1], got 1.5');
  });
});

describe('StepLR', () => {
  test.prop([fc.double({ min: 1e-4, max: 1, noNaN: true }), fc.integer({ min: 1, max: 5 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 30 })(
    'multiplies the rate by gamma every stepSize epochs', (lr, stepSize, gamma) => {
      const opt = new SGD([param([0])], { lr });
      const schedule = new StepLR(opt, { stepSize, gamma });
      for (let epoch = 1; epoch <= 12; epoch++) {
        schedule.step();
        near(opt.lr, lr * gamma ** Math.floor(epoch / stepSize));
      }
    });
});
