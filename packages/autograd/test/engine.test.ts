/** The engine's contract: accumulation, shared nodes, graph release, noGrad, detach, and its errors. */
import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { gradients, isGradEnabled, noGrad, parameter, Variable, variable } from '../src/index.ts';
import { numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

describe('backward', () => {
  it('accumulates into grad across calls until zeroGrad', () => {
    const w = parameter([1, 2]);
    w.mul(3).sum().backward();
    w.square().sum().backward();
    expect(w.grad?.toArray()).toEqual([3 + 2, 3 + 4]);
    w.zeroGrad();
    expect(w.grad).toBeNull();
  });

  it('adds the gradients of every use of a shared sub-expression and a reused parameter', () => {
    const x = parameter([2]);
    const h = x.mul(x); // x used twice by one op
    h.add(h).mul(h).sum().backward(); // h used three times: y = 2h², dy/dx = 4h·2x
    expect(x.grad?.toArray()).toEqual([4 * 4 * 2 * 2]);
  });

  it('takes an explicit gradient for a non-scalar output', () => {
    const x = parameter([1, 2, 3]);
    x.square().backward(tensor([1, 0, -1]));
    expect(x.grad?.toArray()).toEqual([2, 0, -6]);
  });

  it('runs through a chain far deeper than the call stack would allow a recursive sort', () => {
    const x = parameter([1], { dtype: 'float64' });
    let y = x;
    for (let i = 0; i < 20000; i++) y = y.mul(1);
    y.sum().backward();
    expect(x.grad?.toArray()).toEqual([1]);
  });

  it('frees the graph, and a second backward through it says how to keep it', () => {
    const x = parameter([1, 2]);
    const y = x.exp().sum();
    y.backward();
    expect(() => y.backward()).toThrow(/backward: the graph through 'sum' was already freed by an earlier backward\(\)\. Pass \{ retainGraph: true \}/);
  });

  it('catches a freed graph reached through a later op, before touching any grad', () => {
    const x = parameter([1, 2]);
    const h = x.exp();
    h.sum().backward();
    const before = x.grad;
    expect(() => h.mul(2).sum().backward()).toThrow("the graph through 'exp' was already freed");
    expect(x.grad).toBe(before);
  });

  it('keeps the graph with retainGraph, so gradients can be added twice', () => {
    const x = parameter([1, 2]);
    const y = x.square().sum();
    y.backward({ retainGraph: true });
    y.backward();
    expect(x.grad?.toArray()).toEqual([4, 8]);
  });

  it('refuses a non-scalar output without a gradient, saying what to pass, and a gradient of the wrong shape', () => {
    const y = parameter([[1, 2]]).mul(2);
    expect(() => y.backward()).toThrow(
      'backward: this output has shape [1,2], not one element, so backward needs the gradient of the loss with respect to it: ' +
        'pass a Tensor of shape [1,2], as in y.backward(gradient), or reduce the output to a scalar first, as in y.sum().backward()',
    );
    expect(() => y.backward(tensor([1, 2]))).toThrow('backward: the gradient has shape [2] but the output has shape [1,2]');
    expect(() => y.backward(variable([1, 2]))).toThrow('backward: the gradient has shape [2] but the output has shape [1,2]');
  });

  it('refuses a gradient that is neither a Tensor nor a Variable', () => {
    const y = parameter([1, 2]).mul(2);
    expect(() => y.backward([1, 1] as never)).toThrow(
      'backward: the gradient must be a Tensor or a Variable of shape [2] (the output\'s), got an array; wrap it with tensor(...)',
    );
    expect(() => y.sum().backward(10 as never)).toThrow(
      'backward: the gradient must be a Tensor or a Variable of shape [] (the output\'s), got a number; wrap it with tensor(...)',
    );
  });

  // a Variable used to be read as an options object: a scalar was then seeded with 1, whatever its value
  test.prop([shapeArb(), seedArb, fc.boolean()], { numRuns })('a Variable or a Tensor as the gradient seeds backward with its value', (s, seed, asVariable) => {
    const xs = randomTensor(s, seed);
    const g = randomTensor(s, seed + 1);
    const x = parameter(xs);
    x.mul(x).backward(asVariable ? variable(g) : g);
    expect(x.grad?.toArray()).toEqual(xs.mul(2).mul(g).toArray());

    const c = randomTensor([], seed + 2);
    const z = parameter(xs);
    z.mul(z).sum().backward(asVariable ? parameter(c) : c);
    expect(z.grad?.toArray()).toEqual(xs.mul(2).mul(c).toArray());
  });

  it('takes a Variable as the gradient of a scalar, as PyTorch does', () => {
    const x = parameter([1, 2]);
    x.mul(x).sum().backward(variable(10));
    expect(x.grad?.toArray()).toEqual([20, 40]);
  });

  it('refuses an output that does not require grad', () => {
    expect(() => variable([1]).exp().backward()).toThrow('backward: this output does not require grad');
  });

  it('notices a leaf assigned after use', () => {
    const w = parameter([1, 2]);
    const y = w.mul(w).sum();
    noGrad(() => { w.value = tensor([5, 6]); });
    expect(() => y.backward()).toThrow("backward: input 0 of 'mul' (shape [2]) was assigned a new value after 'mul' used it");
  });

  it('leaves grad of non-leaves and of constants alone', () => {
    const x = parameter([1]);
    const c = variable([2]);
    const h = x.mul(c);
    h.sum().backward();
    expect(h.grad).toBeNull();
    expect(c.grad).toBeNull();
    expect(x.grad?.toArray()).toEqual([2]);
  });
});

describe('noGrad and detach', () => {
  it('noGrad records nothing and restores the mode even when fn throws', () => {
    const x = parameter([1]);
    const y = noGrad(() => x.exp());
    expect(y.requiresGrad).toBe(false);
    expect(y.node).toBeNull();
    expect(() => noGrad(() => { throw new Error('boom'); })).toThrow('boom');
    expect(isGradEnabled()).toBe(true);
  });

  it('detach cuts the graph: the detached branch is a constant', () => {
    const x = parameter([3]);
    x.mul(x.detach()).sum().backward();
    expect(x.grad?.toArray()).toEqual([3]);
  });
});

describe('Variable', () => {
  it('assigning value is for leaves, with the same shape and dtype', () => {
    const w = parameter([[1, 2]]);
    expect(() => { w.value = tensor([1, 2]); }).toThrow('Variable.value: the new value must have shape [1,2] and dtype float32; got shape [2] float32');
    expect(() => { w.value = tensor([[1, 2]], { dtype: 'float64' }); }).toThrow('dtype float32; got shape [1,2] float64');
    expect(() => { w.mul(2).value = tensor([[1, 2]]); }).toThrow("Variable.value: only a leaf can be assigned, and this Variable was made by 'mul'");
  });

  it('only float leaves can require grad', () => {
    expect(() => variable(tensor([1], { dtype: 'int32' }), { requiresGrad: true })).toThrow("variable: only float tensors can require gradients; this one is int32 (make it float32 with { dtype: 'float32' } or .to('float32'))");
    expect(() => { parameter([1]).exp().requiresGrad = false; }).toThrow("requiresGrad: can only be set on a leaf, and this Variable was made by 'exp'");
  });

  it('mirrors its tensor and prints its op', () => {
    const x = variable([[1, 2, 3]], { dtype: 'float64', requiresGrad: true });
    expect([x.shape, x.dtype, x.ndim, x.size]).toEqual([[1, 3], 'float64', 2, 3]);
    expect(x.mul(2).toString()).toBe('variable(tensor([[2., 4., 6.]], dtype=float64), op=mul)');
    expect(x.toString()).toContain('requiresGrad=true');
    expect(x.sum().item()).toBe(6);
    expect(() => new Variable([1, 2] as never)).toThrow('Variable: expected a Tensor');
  });

  it('names the op when an operand is wrong', () => {
    expect(() => parameter([1]).add('2' as never)).toThrow('add: an operand must be a Tensor or a number, got a string');
    expect(() => parameter([1, 2]).mul(parameter([1, 2, 3]))).toThrow('mul: shapes [2] and [3] cannot be broadcast together');
    expect(() => parameter([1, 2]).sum(2)).toThrow('sum: dim 2 is out of range for a tensor of rank 1');
  });

  it('comparisons give plain masks', () => {
    const m = parameter([1, 2, 3]).gt(2);
    expect(m.toArray()).toEqual([0, 0, 1]);
    expect(m instanceof Variable).toBe(false);
  });
});

describe('gradients', () => {
  it('returns gradients without touching grad, and zeros for an unused input', () => {
    const x = parameter([1, 2]);
    const unused = parameter([7]);
    const [gx, gu] = gradients(x.square().sum(), [x, unused]);
    expect(gx.toArray()).toEqual([2, 4]);
    expect(gu.toArray()).toEqual([0]);
    expect(x.grad).toBeNull();
  });

  it('reaches intermediate Variables too', () => {
    const x = parameter([1, 2]);
    const h = x.mul(3);
    const [gh] = gradients(h.square().sum(), [h]);
    expect(gh.toArray()).toEqual([6, 12]);
  });

  it('says what to pass for an output that is not a scalar', () => {
    const x = parameter([1, 2]);
    expect(() => gradients(x.mul(2), [x])).toThrow(
      'gradients: this output has shape [2], not one element, so gradients needs the gradient of the loss with respect to it: ' +
        'pass it as { gradOutput } (a Tensor of shape [2]), or reduce the output to a scalar first, as in gradients(y.sum(), inputs)',
    );
  });

  it('asks for the value of a Variable given as gradOutput', () => {
    const x = parameter([1, 2]);
    expect(() => gradients(x.mul(2), [x], { gradOutput: variable([1, 1]) as never })).toThrow(
      "gradients: the gradient must be a Tensor of shape [2] (the output's), got a Variable; pass its .value (its own graph is not differentiated)",
    );
  });

  it('names an input that does not require grad', () => {
    const x = parameter([1]);
    expect(() => gradients(x.exp().sum(), [x, variable([1])])).toThrow('gradients: input 1 does not require grad');
  });
});
