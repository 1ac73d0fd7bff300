export { Parameter, asVariable, type Input } from './parameter.ts';
export { Module, type AnyModule, type SavedTensor, type StateDict } from './module.ts';
export { Linear, type LinearOptions } from './linear.ts';
export { ReLU, Sigmoid, Tanh, Softmax, LogSoftmax } from './activations.ts';
export { Dropout } from './dropout.ts';
export { Sequential } from './sequential.ts';
export {
  gain, fans, uniform, normal, kaimingNormal, kaimingUniform, xavierNormal, xavierUniform, linearDefault,
  type Initializer, type Nonlinearity, type InitOptions, type KaimingOptions, type XavierOptions,
} from './init.ts';
