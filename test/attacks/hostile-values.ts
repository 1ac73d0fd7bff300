// attack: answers that break whoever reads them: a cyclic object, a Proxy that throws on every trap, an object whose getters throw, a tensor-looking object with a lying shape
// exercise: 2.1
import type { Tensor } from '@gradschool/tensor';

const boom = (): never => {
  throw new Error('all checks passed');
};
const throwingProxy = new Proxy({}, {
  get: boom, has: boom, ownKeys: boom, getPrototypeOf: boom, getOwnPropertyDescriptor: boom, apply: boom, construct: boom, set: boom, defineProperty: boom,
});
const cyclic: any = { shape: [1], dtype: 'float64' };
cyclic.self = cyclic;
cyclic.data = [cyclic];
const getters = Object.defineProperties({}, {
  x: { get: boom, enumerable: true },
  weight: { get: boom, enumerable: true },
  bias: { get: boom, enumerable: true },
  shape: { get: boom, enumerable: true },
});
const liar = { shape: [2, 2], dtype: 'float64', data: () => new Float64Array(1e6), size: 4, constructor: { name: 'Tensor' } };

let calls = 0;

export function linearForward(x: Tensor, weight: Tensor, bias: Tensor): Tensor {
  return [cyclic, throwingProxy, liar][calls++ % 3] as any;
}

export function linearBackward(x: Tensor, weight: Tensor, gradOutput: Tensor): unknown {
  return [getters, throwingProxy, { x: cyclic, weight: throwingProxy, bias: liar }][calls++ % 3];
}
