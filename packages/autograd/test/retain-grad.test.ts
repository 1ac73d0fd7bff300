/**
 * retainGrad keeps an intermediate's gradient. The oracle: the same intermediate value made a
 * leaf, with the rest of the graph run from it (the input it came from held constant), must get
 * the same gradient, because backward is the chain rule read from the output down to it.
 */
import { fc, test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { gradients, parameter, type Variable, variable } from '../src/index.ts';
import { numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

type Head = (x: Variable) => Variable;
type Tail = (h: Variable, x: Variable) => Variable;
const heads: Head[] = [(x) => x.tanh(), (x) => x.mul(0.5).exp().add(x), (x) => x.square().sum(-1, { keepdim: true }).mul(x)];
// each tail uses h more than once and x besides, so h's gradient is a sum over several paths
const tails: Tail[] = [
  (h, x) => h.mul(x.sin()).add(h.square()).sum(),
  (h, x) => h.softmax(-1).mul(h).add(x).mean(),
  (h, x) => h.sigmoid().mul(h.tanh().add(x)).logsumexp(-1).prod(),
];

/** float64 sums of the same few terms, maybe added in another order: 1e-12 relative is ample. */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>): void {
  expect(got.length).toBe(want.length);
  Array.from(want).forEach((w, i) => expect(Math.abs(got[i] - w)).toBeLessThanOrEqual(1e-12 * (1 + Math.abs(w))));
}

describe('retainGrad', () => {
  const graphArb = fc.record({
    shape: shapeArb({ minRank: 1, maxRank: 3 }),
    head: fc.integer({ min: 0, max: heads.length - 1 }),
    tail: fc.integer({ min: 0, max: tails.length - 1 }),
    seed: seedArb,
  });

  test.prop([graphArb], { numRuns })('keeps the gradient that a leaf in its place would get, and changes no other gradient', ({ shape, head, tail, seed }) => {
    const x0 = randomTensor(shape, seed);
    const x = parameter(x0);
    const h = heads[head](x);
    h.retainGrad();
    tails[tail](h, x).backward();

    const leaf = parameter(h.value);
    tails[tail](leaf, variable(x0)).backward();
    expectClose(h.grad!.data(), leaf.grad!.data());

    const plain = parameter(x0);
    tails[tail](heads[head](plain), plain).backward();
    expect(x.grad!.data()).toEqual(plain.grad!.data());
  });

  test.prop([graphArb], { numRuns })('a chain of retained intermediates each get their own gradient', ({ shape, head, tail, seed }) => {
    const x = parameter(randomTensor(shape, seed));
    const h1 = heads[head](x);
    const h2 = h1.cos();
    h1.retainGrad();
    h2.retainGrad();
    tails[tail](h2, x).backward();

    const leaf2 = parameter(h2.value);
    tails[tail](leaf2, variable(x.value)).backward();
    expectClose(h2.grad!.data(), leaf2.grad!.data());
    const leaf1 = parameter(h1.value);
    tails[tail](leaf1.cos(), variable(x.value)).backward();
    expectClose(h1.grad!.data(), leaf1.grad!.data());
  });

  it('is off unless asked: an intermediate\'s gradient is dropped by default', () => {
    const x = parameter([1, 2]);
    const h = x.mul(3);
    expect(h.retainsGrad).toBe(false);
    h.square().sum().backward();
    expect(h.grad).toBeNull();
  });

  it('accumulates across backward calls like a leaf, until zeroGrad or grad = null', () => {
    const x = parameter([1, 2]);
    const h = x.mul(3); // [3, 6]
    h.retainGrad();
    expect(h.retainsGrad).toBe(true);
    h.mul(2).sum().backward({ retainGraph: true });
    h.square().sum().backward({ retainGraph: true });
    expect(h.grad?.toArray()).toEqual([2 + 6, 2 + 12]);
    h.zeroGrad();
    expect(h.grad).toBeNull();
    h.sum().backward({ retainGraph: true });
    expect(h.grad?.toArray()).toEqual([1, 1]);
    h.grad = null;
    h.mul(5).sum().backward();
    const gradOf = (v: Variable) => v.grad?.toArray(); // read anew: TypeScript would keep h.grad narrowed to null
    expect(gradOf(h)).toEqual([5, 5]);
  });

  it('on the output itself keeps the seed gradient', () => {
    const y = parameter([1, 2]).square().sum();
    y.retainGrad();
    y.backward();
    expect(y.grad?.toArray()).toEqual(1);
  });

  it('is a no-op on a leaf, which keeps its gradient anyway', () => {
    const w = parameter([1, 2]);
    w.retainGrad();
    expect(w.retainsGrad).toBe(false);
    w.square().sum().backward();
    expect(w.grad?.toArray()).toEqual([2, 4]);
  });

  it('leaves grad alone under gradients(), which returns gradients instead of accumulating them', () => {
    const x = parameter([1, 2]);
    const h = x.exp();
    h.retainGrad();
    gradients(h.sum(), [x]);
    expect(h.grad).toBeNull();
  });

  it('keeps the float64 dtype and shape of its Variable', () => {
    const x = parameter(tensor([[0.5, -1]], { dtype: 'float64' }));
    const h = x.exp();
    h.retainGrad();
    h.sum().backward();
    expect(h.grad?.dtype).toBe('float64');
    expect(h.grad?.shape).toEqual([1, 2]);
  });

  it('refuses a Variable that no gradient can reach', () => {
    expect(() => variable([1, 2]).retainGrad()).toThrow('retainGrad: this Variable does not require grad, so no gradient will reach it');
  });
});

describe('retainGrad with createGraph', () => {
  test.prop([shapeArb({ minRank: 1, maxRank: 2 }), seedArb], { numRuns: 30 })(
    'a gradient made with createGraph is an intermediate too: its retained grad equals a leaf\'s in its place',
    (shape, seed) => {
      const x = parameter(randomTensor(shape, seed));
      const [score] = gradients(x.tanh().mul(x).logsumexp(-1).sum(), [x], { createGraph: true });
      score.retainGrad();
      const loss = (s: Variable) => s.square().sum().add(s.mul(x.value).sum());
      loss(score).backward();
      const leaf = parameter(score.value);
      loss(leaf).backward();
      expectClose(score.grad!.data(), leaf.grad!.data());
    },
  );

  test.prop([shapeArb({ maxRank: 2 }), seedArb], { numRuns })(
    'an intermediate of the first pass gets its gradient through the recorded backward pass',
    (shape, seed) => {
      const x = parameter(randomTensor(shape, seed));
      const h = x.tanh();
      h.retainGrad();
      // g = d(sum h²)/dx = 2h(1 - h²) is recorded in terms of h alone, so d(sum g)/dh = 2 - 6h²
      const [g] = gradients(h.square().sum(), [x], { createGraph: true });
      g.sum().backward();
      const hv = h.data();
      expectClose(h.grad!.data(), Array.from(hv, (v) => 2 - 6 * v * v));
    },
  );
});
