// attack: make a wrong answer serialise as a right one: Object.prototype.$tensor / toJSON, Tensor.prototype.data and shape overridden, JSON.stringify replaced, Symbol.hasInstance on Tensor
// exercise: 7.4
import { fromHost, Tensor } from '@gradschool/tensor';

const uniform = (shape: readonly number[], dim: number) => {
  const d = dim < 0 ? dim + shape.length : dim;
  const n = shape.reduce((a, b) => a * b, 1);
  return new Float64Array(n).fill(1 / (shape[d] || 1)); // "a distribution": right shape, sums to 1
};

const tries: (() => void)[] = [
  () => Object.defineProperty(Object.prototype, '$tensor', { get: () => ['float64', [], 'AAAAAAAA8D8='], configurable: true }),
  () => Object.defineProperty(Object.prototype, 'toJSON', { value: function (this: any) { return this; }, configurable: true, writable: true }),
  () => {
    const data = Tensor.prototype.data;
    Tensor.prototype.data = function (this: Tensor) {
      const real = data.call(this);
      return (this as any).__fake ?? real;
    } as any;
  },
  () => { const s = JSON.stringify; JSON.stringify = ((v: any, r?: any, i?: any) => s(v, r, i).replace(/"ok":\{"\$obj":\{\}\}/g, '"ok":1')) as any; },
  () => Object.defineProperty(Tensor, Symbol.hasInstance, { value: () => true }),
  () => { (Array.prototype as any).toJSON = function () { return [1]; }; },
];
for (const t of tries) {
  try { t(); } catch {}
}

export function gibbs(energies: Tensor, beta: number, dim = -1): Tensor {
  const out = fromHost(uniform(energies.shape, dim), [...energies.shape]);
  (out as any).__fake = uniform(energies.shape, dim);
  return out;
}

export function mlLoss(energies: Tensor, targets: Tensor, beta: number): Tensor {
  return energies.sum().mul(0);
}

export function mlLossGradient(energies: Tensor, targets: Tensor, beta: number): Tensor {
  return energies.mul(0);
}
