import { noGrad } from '@gradschool/autograd';
import { Generator } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { accuracy, Adam, crossEntropy, Dropout, fit, Linear, predict, ReLU, Sequential, spiral } from '../src/index.ts';

// The practicum's two models: an affine map (two Linear layers with nothing between) and an MLP.
const linearModel = (g: Generator) => new Sequential(new Linear(2, 100, { generator: g }), new Linear(100, 3, { generator: g }));
const mlp = (g: Generator) => new Sequential(new Linear(2, 100, { generator: g }), new ReLU(), new Linear(100, 3, { generator: g }));

describe('the week-2 practicum on the 3-class spiral', () => {
  // Seeded and bounded: 300 points, 200 full-batch Adam steps (about a second per model on one core).
  const data = spiral(new Generator(12345), { pointsPerClass: 100 });
  const train = (model: Sequential) => fit(model, data, {
    loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.03, weightDecay: 1e-5 }), epochs: 200,
  });

  it('a 2-layer MLP fits it (>= 95 % training accuracy) where the linear model cannot (about 50 %)', () => {
    const models = { linear: linearModel(new Generator(1)), mlp: mlp(new Generator(1)) };
    const losses = { linear: train(models.linear), mlp: train(models.mlp) };
    const acc = { linear: accuracy(predict(models.linear, data.x), data.y), mlp: accuracy(predict(models.mlp, data.x), data.y) };
    expect(acc.mlp).toBeGreaterThanOrEqual(0.95);
    // Any line through the spiral cuts each arm, so no affine model gets far past half of the points.
    expect(acc.linear).toBeLessThan(0.6);
    expect(acc.linear).toBeGreaterThan(0.4);
    // Cross-entropy starts near log 3 (a uniform guess) and the MLP drives it far below.
    expect(losses.mlp[0]).toBeCloseTo(Math.log(3), 0);
    expect(losses.mlp.at(-1)!).toBeLessThan(0.2);
    expect(losses.linear.at(-1)!).toBeGreaterThan(0.6);
  });

  it('minibatches with a seed reproduce the same run', () => {
    const once = () => {
      const model = mlp(new Generator(7));
      return fit(model, data, {
        loss: crossEntropy, optimizer: new Adam(model.parameters(), { lr: 0.01 }), epochs: 3, batchSize: 64, generator: new Generator(8),
      });
    };
    expect(once()).toEqual(once());
  });
});

describe('fit', () => {
  it('refuses a dataset with no examples', () => {
    const model = mlp(new Generator(0));
    const empty = spiral(new Generator(0), { pointsPerClass: 0 });
    expect(() => fit(model, empty, { loss: crossEntropy, optimizer: new Adam(model.parameters()), epochs: 1 })).toThrow(
      'fit: the dataset has no examples to train on');
  });
});

describe('predict', () => {
  it('runs in evaluation mode without recording, then restores the mode', () => {
    const g = new Generator(0);
    const model = new Sequential(new Linear(2, 8, { generator: g }), new Dropout(0.5, g), new Linear(8, 3, { generator: g }));
    const x = spiral(g, { pointsPerClass: 5 }).x;
    const expected = noGrad(() => model.eval().forward(x)).data();
    model.train();
    expect(Array.from(predict(model, x).data())).toEqual(Array.from(expected));
    expect(model.training).toBe(true);
  });
});
