/**
 * Initial weights. A layer's outputs should neither shrink nor blow up as they pass through
 * many layers: each scheme picks the spread of the weights from the fan (how many inputs or
 * outputs a unit has) and the nonlinearity that follows. All take an explicit Generator.
 */
import { checkNonNegative } from '../check.ts';
import { type DType, formatShape as fmt, type Generator, rand, randn, ShapeError, type Tensor } from '@gradschool/tensor';

/** Makes a weight tensor of the given shape. */
export type Initializer = (shape: readonly number[], generator: Generator) => Tensor;

export type Nonlinearity = 'linear' | 'sigmoid' | 'tanh' | 'relu' | 'leakyRelu';

/**
 * How much a nonlinearity shrinks the variance of its input, as the factor to undo it
 * (PyTorch's calculate_gain): relu keeps half of a zero-mean signal, so its gain is √2.
 */
export function gain(nonlinearity: Nonlinearity, negativeSlope = 0.01): number {
  switch (nonlinearity) {
    case 'linear':
    case 'sigmoid': return 1;
    case 'tanh': return 5 / 3;
    case 'relu': return Math.SQRT2;
    case 'leakyRelu': return Math.sqrt(2 / (1 + negativeSlope ** 2));
    default: throw new RangeError(`gain: unknown nonlinearity '${(nonlinearity satisfies never) as string}'; expected linear, sigmoid, tanh, relu or leakyRelu`);
  }
}

/**
 * Fans of a weight [out, in, ...kernel] (PyTorch's layout): each output unit sums fanIn
 * inputs, each input feeds fanOut outputs.
 */
export function fans(shape: readonly number[]): { fanIn: number; fanOut: number } {
  if (shape.length < 2) throw new ShapeError(`fans: a weight needs at least 2 dims [out, in, ...], got shape ${fmt(shape)}`);
  const receptive = shape.slice(2).reduce((a, b) => a * b, 1);
  return { fanIn: shape[1] * receptive, fanOut: shape[0] * receptive };
}

export interface InitOptions { dtype?: DType }

/** Uniform on [-bound, bound]. */
export function uniform(shape: readonly number[], bound: number, generator: Generator, opts: InitOptions = {}): Tensor {
  checkNonNegative('uniform', 'bound', bound);
  return rand(shape, generator, { dtype: opts.dtype ?? 'float32' }).mul(2 * bound).sub(bound);
}

/** Normal with mean 0 and standard deviation std. */
export function normal(shape: readonly number[], std: number, generator: Generator, opts: InitOptions = {}): Tensor {
  checkNonNegative('normal', 'std', std);
  return randn(shape, generator, { dtype: opts.dtype ?? 'float32' }).mul(std);
}

export interface KaimingOptions extends InitOptions {
  /** Keep the variance of the forward signal ('fanIn', default) or of the backward gradient ('fanOut'). */
  mode?: 'fanIn' | 'fanOut';
  nonlinearity?: Nonlinearity;
  /** Slope of leakyRelu for x < 0. */
  negativeSlope?: number;
}

function kaimingStd(shape: readonly number[], opts: KaimingOptions): number {
  const f = fans(shape);
  return gain(opts.nonlinearity ?? 'relu', opts.negativeSlope) / Math.sqrt(opts.mode === 'fanOut' ? f.fanOut : f.fanIn);
}

/** He et al. (2015): std = gain / √fan, for layers followed by relu. */
export const kaimingNormal = (shape: readonly number[], generator: Generator, opts: KaimingOptions = {}): Tensor =>
  normal(shape, kaimingStd(shape, opts), generator, opts);

/** He et al. (2015), uniform with the same variance: bound = √3 · gain / √fan. */
export const kaimingUniform = (shape: readonly number[], generator: Generator, opts: KaimingOptions = {}): Tensor =>
  uniform(shape, Math.sqrt(3) * kaimingStd(shape, opts), generator, opts);

export interface XavierOptions extends InitOptions { gain?: number }

/** Glorot & Bengio (2010): std = gain · √(2 / (fanIn + fanOut)), a compromise between forward and backward. */
export function xavierNormal(shape: readonly number[], generator: Generator, opts: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return normal(shape, (opts.gain ?? 1) * Math.sqrt(2 / (fanIn + fanOut)), generator, opts);
}

/** Glorot & Bengio (2010), uniform: bound = gain · √(6 / (fanIn + fanOut)). */
export function xavierUniform(shape: readonly number[], generator: Generator, opts: XavierOptions = {}): Tensor {
  const { fanIn, fanOut } = fans(shape);
  return uniform(shape, (opts.gain ?? 1) * Math.sqrt(6 / (fanIn + fanOut)), generator, opts);
}

/**
 * PyTorch's nn.Linear default: kaiming_uniform with a = √5, which works out to uniform on
 * ±1/√fanIn (and the bias uses the same bound).
 */
export const linearDefault = (shape: readonly number[], generator: Generator, opts: InitOptions = {}): Tensor =>
  uniform(shape, linearBound(fans(shape).fanIn), generator, opts);

/** PyTorch's bound 1/√fanIn for a Linear layer's weight and bias; 0 when there are no inputs (nothing to draw). */
export const linearBound = (fanIn: number): number => (fanIn > 0 ? 1 / Math.sqrt(fanIn) : 0);
