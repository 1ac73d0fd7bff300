/**
 * The models on the gpu backend (float32) give what they give on cpu: the same forward values,
 * gradients and optimizer steps, up to float32 rounding. Everything is computed on cpu first,
 * then once on gpu, so the backend is switched only twice.
 */
import { Variable } from '@gradschool/autograd';
import { Generator, getBackend, setBackend, type Tensor } from '@gradschool/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Adam, bce, bceWithLogits, crossEntropy, fit, Linear, mse, ReLU, Sequential, spiral, standardize } from '../src/index.ts';

interface Results { values: number[][]; losses: number[] }

/** Forward and backward of the practicum's MLP and of each loss, then a few Adam steps. */
function computeAll(): Results {
  const data = spiral(new Generator(3), { pointsPerClass: 20 });
  const g = new Generator(4);
  const model = new Sequential(new Linear(2, 16, { generator: g }), new ReLU(), new Linear(16, 3, { generator: g }));
  const loss = crossEntropy(model.forward(data.x), data.y);
  loss.backward();
  const values: number[][] = [[loss.item()], ...model.parameters().map((p) => Array.from(p.grad!.data()))];
  const x = new Variable(standardize(data.x).reshape([-1]), { requiresGrad: true });
  const target = x.value.mul(0.5).sigmoid();
  for (const f of [bceWithLogits, (a: Variable, b: Tensor) => bce(a.sigmoid(), b), mse]) {
    x.zeroGrad();
    const l = f(x, target);
    l.backward();
    values.push([l.item()], Array.from(x.grad!.data()));
  }
  model.zeroGrad();
  const losses = fit(model, data, { loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 10 });
  return { values, losses };
}

describe('models on the gpu backend', () => {
  const previous = getBackend().name;
  let cpu: Results;
  let gpu: Results;
  beforeAll(() => {
    setBackend('cpu');
    cpu = computeAll();
    setBackend('gpu');
    gpu = computeAll();
  });
  afterAll(() => {
    setBackend(previous);
  });

  // float32 rounds each value to 2^-24 relative; sums over up to 60 terms and a few layers of
  // gradients, with exp/log a few ulps apart between backends, stay well within 1e-4 of the
  // largest magnitude in each compared array.
  const close = (a: number[], b: number[], rtol: number) => {
    const scale = Math.max(1e-6, ...b.map(Math.abs));
    expect(a.length).toBe(b.length);
    a.forEach((v, i) => expect(Math.abs(v - b[i])).toBeLessThanOrEqual(rtol * scale));
  };

  it('computes the same losses and gradients as cpu', () => {
    expect(getBackend().name).toBe('gpu');
    expect(gpu.values.length).toBe(cpu.values.length);
    gpu.values.forEach((v, i) => close(v, cpu.values[i], 1e-4));
  });

  it('trains the same way: ten Adam steps give the same loss curve', () => {
    // Adam divides by √v, so rounding differences in tiny gradients can grow over steps: 1e-3.
    close(gpu.losses, cpu.losses, 1e-3);
    expect(gpu.losses.at(-1)!).toBeLessThan(gpu.losses[0]);
  });
});
