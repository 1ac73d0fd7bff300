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
const near = (a: number, b: number, tolerance = 1e-12) => expect(Math.abs(a - b)).toBeLessThanOrEqual(tolerance * Math.max(1, Math.abs(b)));

const value = fc.double({ min: -10, max: 10, noNaN: true });
/**
 * Evenly spread in [min, max]. fc.double picks among representable doubles, most of which are
 * tiny (nine in ten of those in [0, 1) are below 1e-10), so β and momentum would almost never be
 * near the 0.9 where they matter.
 */
const uniform = (min: number, max: number) => fc.integer({ min: 0, max: 2 ** 20 }).map((k) => min + ((max - min) * k) / 2 ** 20);
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
    // maximize climbs: p = 1 + 0.1·2; weight decay 0.5 still pulls towards 0: g = -2 + 0.5·1, p = 1 - 0.1·(-1.5)
    near(run((p) => new SGD([p], { lr: 0.1, maximize: true }), [1], [[2]])[0][0], 1.2);
    near(run((p) => new SGD([p], { lr: 0.1, maximize: true, weightDecay: 0.5 }), [1], [[2]])[0][0], 1.15);
  });

  // PyTorch's documented algorithm for one scalar, in float64.
  // PyTorch's code negates the gradient for maximize before the weight decay (its docs' pseudocode
  // flips the step's sign instead, which would make decay push weights away from 0): the code runs.
  function reference(start: number, grads: number[], o: { lr: number; momentum: number; dampening: number; nesterov: boolean; weightDecay: number; maximize: boolean }): number[] {
    let [p, b] = [start, NaN];
    return grads.map((raw, t) => {
      let g = (o.maximize ? -raw : raw) + o.weightDecay * p;
      if (o.momentum !== 0) {
        b = t === 0 ? g : o.momentum * b + (1 - o.dampening) * g;
        g = o.nesterov ? g + o.momentum * b : b;
      }
      p -= o.lr * g;
      return p;
    });
  }
  const options = fc.record({
    lr: uniform(0, 1),
    momentum: uniform(0, 0.99),
    dampening: uniform(0, 0.5),
    nesterov: fc.boolean(),
    weightDecay: uniform(0, 0.1),
    maximize: fc.boolean(),
  }).map((o) => (o.nesterov ? { ...o, dampening: 0, momentum: Math.max(o.momentum, 0.1) } : o));

  test.prop([history, options], { numRuns: 60 })('follows PyTorch\'s update with momentum, dampening, Nesterov, weight decay and maximize', ({ start, grads }, o) => {
    const got = run((p) => new SGD([p], o), start, grads);
    start.forEach((s, j) => reference(s, grads.map((g) => g[j]), o).forEach((want, t) => near(got[t][j], want)));
  });
});

describe('Adam and AdamW', () => {
  // PyTorch's documented algorithm (torch.optim.Adam / AdamW) for one scalar, in float64; with
  // amsgrad the running maximum is of the uncorrected v, then corrected by the current 1 - β₂^t.
  function reference(start: number, grads: number[], o: { lr: number; betas: [number, number]; eps: number; weightDecay: number; amsgrad: boolean; maximize: boolean }, decoupled: boolean): number[] {
    let [p, m, v, vMax] = [start, 0, 0, 0];
    return grads.map((given, i) => {
      const t = i + 1;
      const raw = o.maximize ? -given : given;
      if (decoupled) p *= 1 - o.lr * o.weightDecay;
      const g = decoupled ? raw : raw + o.weightDecay * p;
      m = o.betas[0] * m + (1 - o.betas[0]) * g;
      v = o.betas[1] * v + (1 - o.betas[1]) * g * g;
      vMax = Math.max(vMax, v);
      const mHat = m / (1 - o.betas[0] ** t);
      const vHat = (o.amsgrad ? vMax : v) / (1 - o.betas[1] ** t);
      p -= (o.lr * mHat) / (Math.sqrt(vHat) + o.eps);
      return p;
    });
  }
  const options = fc.record({
    lr: uniform(1e-4, 1),
    betas: fc.tuple(uniform(0, 0.99), uniform(0, 0.9999)),
    eps: fc.double({ min: 1e-10, max: 1e-3, noNaN: true }),
    weightDecay: uniform(0, 0.1),
    amsgrad: fc.boolean(),
    maximize: fc.boolean(),
  });

  /**
   * Both sides compute in float64 but in different orders (PyTorch's √v/√(1 - β₂^t) + eps, the
   * reference's √v̂ + eps). Where p cancels to near 0 and the next |g| = λ·p is near eps, the step
   * g/(|g| + eps) turns p's last-bit difference into ~1e-12 (found: β = 0, eps = 1e-10). 1e-9 still
   * sits far below any formula mistake, which moves p by a visible part of lr·(1 - β^t).
   */
  const cancelling: [{ start: number[]; grads: number[][] }, { lr: number; betas: [number, number]; eps: number; weightDecay: number; amsgrad: boolean; maximize: boolean }, boolean] = [
    { start: [0, 0], grads: [[0, -0.00023228129973557786], [0, 0], [0, 0]] },
    { lr: 0.004679927712976214, betas: [0, 0], eps: 1e-10, weightDecay: 0.03776674081377524, amsgrad: false, maximize: false },
    false,
  ];
  test.prop([history, options, fc.boolean()], { numRuns: 80, examples: [cancelling] })('follow PyTorch\'s algorithm (L2 in the gradient for Adam, decoupled decay for AdamW, AMSGrad\'s running max of v, maximize)', ({ start, grads }, o, decoupled) => {
    const got = run((p) => (decoupled ? new AdamW([p], o) : new Adam([p], o)), start, grads);
    start.forEach((s, j) => reference(s, grads.map((g) => g[j]), o, decoupled).forEach((want, t) => near(got[t][j], want, 1e-9)));
  });

  it('move each weight by about lr on the first step, whatever the size of its gradient', () => {
    // m̂ = g and v̂ = g² after one step, so the step is lr·g/(|g| + eps).
    const g = [1e-3, -50, 2e6];
    const [after] = run((p) => new Adam([p], { lr: 0.01, eps: 1e-8 }), [0, 0, 0], [g]);
    g.forEach((gi, i) => near(after[i], (-0.01 * gi) / (Math.abs(gi) + 1e-8)));
    after.forEach((v) => expect(Math.abs(Math.abs(v) - 0.01)).toBeLessThan(1e-6));
  });

  it('with amsgrad, keep dividing by the largest v after the gradient shrinks', () => {
    // β = (0, 0.5), lr 1, eps 0, gradients 1 then 0.1. Step 1: v = 0.5, v̂ = 0.5/0.5 = 1, p = -1.
    // Step 2: v = 0.25 + 0.005 = 0.255 but max(v) = 0.5, so v̂ = 0.5/0.75 and the step is 0.1/√(2/3);
    // plain Adam divides by √(0.255/0.75) instead, a larger step.
    const opts = { lr: 1, betas: [0, 0.5] as const, eps: 0 };
    const [ams, plain] = [true, false].map((amsgrad) => run((p) => new Adam([p], { ...opts, amsgrad }), [0], [[1], [0.1]]).map((x) => x[0]));
    [ams[0], plain[0]].forEach((x) => near(x, -1));
    near(ams[1], -1 - 0.1 / Math.sqrt(0.5 / 0.75));
    near(plain[1], -1 - 0.1 / Math.sqrt(0.255 / 0.75));
  });

  it('defaults to PyTorch\'s hyper-parameters', () => {
    const p = param([1]);
    expect(new Adam([p])).toMatchObject({ lr: 1e-3, betas: [0.9, 0.999], eps: 1e-8, weightDecay: 0, amsgrad: false, maximize: false });
    expect(new AdamW([p])).toMatchObject({ lr: 1e-3, weightDecay: 0.01, amsgrad: false, maximize: false });
    expect(new SGD([p], { lr: 0.1 })).toMatchObject({ momentum: 0, dampening: 0, nesterov: false, weightDecay: 0, maximize: false });
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
  test.prop([uniform(1e-4, 1), fc.integer({ min: 1, max: 5 }), uniform(0, 1)], { numRuns: 30 })(
    'multiplies the rate by gamma every stepSize epochs', (lr, stepSize, gamma) => {
      const opt = new SGD([param([0])], { lr });
      const schedule = new StepLR(opt, { stepSize, gamma });
      for (let epoch = 1; epoch <= 12; epoch++) {
        schedule.step();
        near(opt.lr, lr * gamma ** Math.floor(epoch / stepSize));
      }
    });
});
