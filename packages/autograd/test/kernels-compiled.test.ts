/**
 * The cpu and wasm backends compile one JS loop per op on its first use (the gpu backend has a
 * test of its own): a training step run again must compile nothing, or every step would pay for it.
 */
import { Generator, getBackend, kernelsCompiled, oneHot, randint, randn, zeros } from '@gradschool/tensor';
import { expect, it } from 'vitest';
import { noGrad, parameter } from '../src/index.ts';

it.skipIf(getBackend().name === 'gpu')('a repeated training step compiles no new kernel', () => {
  const g = new Generator(0);
  const x = randn([50, 2], g);
  const target = oneHot(randint(0, 3, [50], g), 3).to('float32');
  const params = [randn([2, 8], g), zeros([8]), randn([8, 3], g), zeros([3])].map((t) => parameter(t));
  const [w1, b1, w2, b2] = params;
  const step = () => {
    const loss = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2).logSoftmax(1).mul(target).sum().div(-50);
    loss.backward();
    noGrad(() => params.forEach((p) => { p.value = p.value.sub(p.grad!.mul(0.1)); p.grad = null; }));
    return loss.item();
  };
  step();
  const before = kernelsCompiled();
  for (let i = 0; i < 3; i++) step();
  expect(kernelsCompiled() - before).toBe(0);
  expect(before).toBeGreaterThan(0); // the first step did compile: the counter counts
});
