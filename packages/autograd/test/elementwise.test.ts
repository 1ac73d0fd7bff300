/**
 * Every elementwise op against central differences (gradcheck, float64), on random shapes with
 * size-1 and empty axes and, for binary ops, broadcast operands. gradcheck's default tolerance
 * (atol 1e-5, rtol 1e-3) is far above its float64 truncation and rounding error (~1e-8 here:
 * eps = 1e-6, values at most a few hundred) and far below any wrong-formula error.
 */
import { fc, test } from '@fast-check/vitest';
import { type Tensor, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, parameter, type Variable, variable } from '../src/index.ts';
import { broadcastPairArb, numRuns, randomTensor, scaleArb, seedArb, shapeArb, type ValueOptions } from './arbitraries.ts';

type Unary = (x: Variable) => Variable;
/**
 * Central differences (step 1e-6) straddle a kink closer than that and see half a gradient, so
 * inputs within 1e-5 of one are left out: an op's kinks (clamp's bounds), or a near tie of
 * maximum/minimum's operands (an exact tie is fine: both share the gradient). The domains keep
 * relu and abs away from 0 already.
 */
const nearKink = (x: Tensor, kinks: readonly number[]): boolean =>
  kinks.some((k) => x.sub(k).abs().lt(1e-5).sum().item() > 0);
const nearTie = (a: Tensor, b: Tensor): boolean => a.ne(b).mul(a.sub(b).abs().lt(1e-5)).sum().item() > 0;

const unaryOps: [string, Unary, ValueOptions['domain'], number[], number[]?][] = [
  ['neg', (x) => x.neg(), 'any', [1e-3, 1, 100]],
  ['exp', (x) => x.exp(), 'any', [1e-3, 1, 4]],
  ['expm1', (x) => x.expm1(), 'any', [1e-3, 1, 4]],
  ['log', (x) => x.log(), 'positive', [1e-3, 1, 100]],
  ['log1p', (x) => x.log1p(), 'positive', [1e-3, 1, 100]],
  ['sqrt', (x) => x.sqrt(), 'positive', [1e-3, 1, 100]],
  ['square', (x) => x.square(), 'any', [1e-3, 1, 100]],
  ['reciprocal', (x) => x.reciprocal(), 'nonzero', [1e-2, 1, 100]],
  ['abs', (x) => x.abs(), 'nonzero', [1e-3, 1, 100]],
  ['sin', (x) => x.sin(), 'any', [1e-3, 1, 10]],
  ['cos', (x) => x.cos(), 'any', [1e-3, 1, 10]],
  ['tanh', (x) => x.tanh(), 'any', [1e-3, 1, 10]],
  ['sigmoid', (x) => x.sigmoid(), 'any', [1e-3, 1, 10]],
  ['relu', (x) => x.relu(), 'nonzero', [1e-3, 1, 100]],
  ['clamp', (x) => x.clamp(-0.7, 0.4), 'any', [1e-3, 1, 10], [-0.7, 0.4]],
  ['clamp below only', (x) => x.clamp(0.2), 'any', [1e-3, 1, 10], [0.2]],
  ['float32 round trip', (x) => x.to('float32').mul(x.to('float32')).to('float64'), 'any', [1]],
];

describe('unary ops match central differences', () => {
  for (const [name, f, domain, scales, kinks = []] of unaryOps) {
    test.prop([shapeArb({ minSize: 0 }), seedArb, fc.constantFrom(...scales)], { numRuns })(name, (shape, seed, scale) => {
      // through float32, a 1e-6 step is below resolution: a 1e-2 step is exact for x² up to float32 rounding (~1e-5 after dividing by 2·eps)
      const tol = name.startsWith('float32') ? { eps: 1e-2, atol: 1e-3, rtol: 1e-3 } : {};
      const x = randomTensor(shape, seed, { scale, domain });
      fc.pre(!nearKink(x, kinks));
      assertGradcheck(f, [x], tol);
    });
  }
});

type Binary = (a: Variable, b: Variable) => Variable;
const binaryOps: [string, Binary, ValueOptions['domain'], ValueOptions['domain']][] = [
  ['add', (a, b) => a.add(b), 'any', 'any'],
  ['sub', (a, b) => a.sub(b), 'any', 'any'],
  ['mul', (a, b) => a.mul(b), 'any', 'any'],
  ['div', (a, b) => a.div(b), 'any', 'nonzero'],
  ['pow', (a, b) => a.pow(b), 'positive', 'any'],
  ['maximum', (a, b) => a.maximum(b), 'any', 'any'],
  ['minimum', (a, b) => a.minimum(b), 'any', 'any'],
];

describe('binary ops with broadcasting match central differences', () => {
  for (const [name, f, da, db] of binaryOps) {
    test.prop([broadcastPairArb({ minSize: 0 }), seedArb, scaleArb], { numRuns })(name, ([sa, sb], seed, scale) => {
      const bScale = name === 'pow' ? Math.min(scale, 1) : scale; // keeps a^b within a few hundred
      const [a, b] = [randomTensor(sa, seed, { scale, domain: da }), randomTensor(sb, seed + 1, { scale: bScale, domain: db })];
      if (name === 'maximum' || name === 'minimum') fc.pre(!nearTie(a, b));
      assertGradcheck(f, [a, b]);
    });
  }

  test.prop([broadcastPairArb(), seedArb], { numRuns })('gradients come back in each operand\'s own shape', ([sa, sb], seed) => {
    const a = parameter(randomTensor(sa, seed));
    const b = parameter(randomTensor(sb, seed + 1));
    a.mul(b).add(a).sum().backward();
    expect(a.grad?.shape).toEqual(sa);
    expect(b.grad?.shape).toEqual(sb);
  });
});

describe('constant operands', () => {
  test.prop([shapeArb(), seedArb], { numRuns })('numbers and Tensors join an op without a gradient of their own', (shape, seed) => {
    const x0 = randomTensor(shape, seed);
    const c = randomTensor(shape, seed + 1);
    const f = (x: Variable) => x.mul(c).add(2).pow(2).sub(x.div(3)).maximum(-1);
    assertGradcheck(f, [x0]);
    expect(f(variable(x0)).requiresGrad).toBe(false);
  });

  it('a number on the left takes the dtype of the Variable on the right', () => {
    const x = parameter(tensor([1, 2], { dtype: 'float64' }));
    const y = variable(tensor([3, 4])).mul(2);
    expect(x.add(1).dtype).toBe('float64');
    expect(y.dtype).toBe('float32');
  });
});

describe('ties and kinks follow the documented choice', () => {
  it('relu\'(0) = 0 and |x|\'(0) = 0', () => {
    const x = parameter([-1, 0, 2]);
    x.relu().add(x.abs()).sum().backward();
    expect(x.grad?.toArray()).toEqual([-1, 0, 2]);
  });

  it('maximum and minimum split the gradient evenly at a tie', () => {
    const a = parameter([1, 2, 3]);
    const b = parameter([1, 5, 0]);
    a.maximum(b).sum().backward();
    expect(a.grad?.toArray()).toEqual([0.5, 0, 1]);
    expect(b.grad?.toArray()).toEqual([0.5, 1, 0]);
  });

  it('clamp passes the gradient on its bounds and stops it outside', () => {
    const x = parameter([-2, -1, 0, 1, 2]);
    x.clamp(-1, 1).sum().backward();
    expect(x.grad?.toArray()).toEqual([0, 1, 1, 1, 0]);
  });

  it('pow is differentiable at base 0 with exponent 0 or more, as its limit', () => {
    const a = parameter([0, 0, 2]);
    const b = parameter([0, 2, 3]);
    a.pow(b).sum().backward();
    expect(a.grad?.toArray()).toEqual([0, 0, 12]);
    expect(b.grad?.data()[2]).toBeCloseTo(8 * Math.log(2), 5);
    expect([...(b.grad?.data() ?? [])].slice(0, 2)).toEqual([0, 0]);
  });
});
