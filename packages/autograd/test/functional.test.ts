/** grad, valueAndGrad, vjp and jacobian agree with each other and with the object API; higher order. */
import { fc, test } from '@fast-check/vitest';
import { eye, stack, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, grad, gradients, jacobian, parameter, valueAndGrad, type Variable, vjp } from '../src/index.ts';
import { numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

const f = (x: Variable) => x.tanh().mul(x.sum()).softmax(-1);

describe('functional API', () => {
  test.prop([shapeArb({ minRank: 1 }), seedArb], { numRuns })('jacobian equals the stacked vjps of the basis vectors', (shape, seed) => {
    const x = randomTensor(shape, seed);
    const J = jacobian(f, x);
    const n = x.size;
    expect(J.shape).toEqual([...shape, ...shape]);
    const basis = eye(n, n, { dtype: 'float64' });
    const rows = Array.from({ length: n }, (_, i) => vjp(f, [x], basis.narrow(0, i, 1).reshape(shape)).vjps[0]);
    // both run the same float64 ops in the same order: they must agree to the last bit
    expect(J.data()).toEqual(stack(rows).data());
  });

  test.prop([shapeArb(), seedArb], { numRuns })('grad and valueAndGrad agree with backward', (shape, seed) => {
    const x0 = randomTensor(shape, seed);
    const w0 = randomTensor(shape, seed + 1);
    const loss = (x: Variable, w: Variable) => x.mul(w).sigmoid().sum();
    const [gx, gw] = grad(loss)(x0, w0);
    const { value } = valueAndGrad(loss)(x0, w0);
    const [x, w] = [parameter(x0), parameter(w0)];
    const y = loss(x, w);
    y.backward();
    expect(gx.data()).toEqual(x.grad!.data());
    expect(gw.data()).toEqual(w.grad!.data());
    expect(value.item()).toBe(y.item());
  });

  it('gives zeros for an argument the function ignores', () => {
    const [, gb] = grad((a) => a.square().sum())(tensor([3]), tensor([1, 2]));
    expect(gb.toArray()).toEqual([0, 0]);
  });

  it('explains what it needs', () => {
    expect(() => grad((a) => a.mul(2))(tensor([1, 2]))).toThrow('grad: the function must return a scalar, but it returned shape [2]');
    expect(() => grad(((a: Variable) => a.value) as never)(tensor([1]))).toThrow('grad: the function must return a Variable');
    expect(() => grad((a) => a.sum())([1, 2] as never)).toThrow('grad: argument 0 must be a Tensor');
  });
});

describe('higher-order gradients', () => {
  it('d²/dx² x³ = 6x', () => {
    const x = parameter(tensor([1.5, -2], { dtype: 'float64' }));
    const [dx] = gradients(x.pow(3).sum(), [x], { createGraph: true });
    expect(dx.toArray()).toEqual([6.75, 12]);
    const [ddx] = gradients(dx.sum(), [x]);
    expect(ddx.toArray()).toEqual([9, -12]);
  });

  type Scalar = (x: Variable) => Variable;
  const energies: [string, Scalar][] = [
    ['a small network', (x) => x.tanh().matmul(x.sigmoid().mT).logsumexp()],
    ['softmax and max', (x) => x.softmax(-1).mul(x).max(-1).sum().add(x.exp().mean())],
    ['views and indexing', (x) => x.transpose(0, -1).reshape(-1).indexSelect(0, [0, 0]).square().sum().add(x.logSoftmax(0).sum())],
  ];
  for (const [name, energy] of energies) {
    test.prop([shapeArb({ minRank: 2, maxRank: 2 }), seedArb], { numRuns: 20 })(
      `the gradient of ${name} is itself differentiable (gradcheck of the gradient)`,
      (shape, seed) => {
        const dEdx = (x: Variable) => gradients(energy(x), [x], { createGraph: true })[0];
        assertGradcheck(dEdx, [randomTensor(shape, seed)]);
      },
    );
  }

  test.prop([fc.integer({ min: 1, max: 5 }), seedArb], { numRuns: 20 })(
    'a score-matching style loss ½|∇ₓE|² trains θ: its gradient in θ matches central differences',
    (n, seed) => {
      const x0 = randomTensor([n, 2], seed);
      const loss = (theta: Variable) => {
        const x = parameter(x0);
        const energy = x.matmul(theta).tanh().sum();
        const [score] = gradients(energy, [x], { createGraph: true });
        return score.square().sum().mul(0.5);
      };
      assertGradcheck(loss, [randomTensor([2, 3], seed + 1)]);
    },
  );
});
