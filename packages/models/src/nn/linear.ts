import { matmul, type Variable } from '@gradschool/autograd';
import { checkGenerator, type DType, type Generator } from '@gradschool/tensor';
import { checkCount, checkOptions, checkWidth } from '../check.ts';
import { type Initializer, linearBound, linearDefault, uniform } from './init.ts';
import { Module } from './module.ts';
import { asVariable, type Input, Parameter } from './parameter.ts';

export interface LinearOptions {
  /** Draws the initial weights (and bias). */
  generator: Generator;
  /** Learn an offset b as well (default true). */
  bias?: boolean;
  /** The weights' initializer; PyTorch's default (uniform on ±1/√inFeatures) if left out. */
  init?: Initializer;
  dtype?: DType;
}

/**
 * The affine map y = x Wᵀ + b on the last dim of x: W is [out, in] and b is [out], as in
 * PyTorch. Stacked without a nonlinearity between them, affine maps compose into one affine
 * map, which is why the practicum's 2-layer linear model is no better than a single layer.
 */
export class Linear extends Module {
  readonly inFeatures: number;
  readonly outFeatures: number;
  readonly weight: Parameter;
  readonly bias: Parameter | null;

  constructor(inFeatures: number, outFeatures: number, opts: LinearOptions) {
    super();
    this.inFeatures = checkCount('Linear', 'inFeatures', inFeatures);
    this.outFeatures = checkCount('Linear', 'outFeatures', outFeatures);
    checkOptions('Linear', opts, `new Linear(${inFeatures}, ${outFeatures}, { generator: new Generator(seed) })`);
    checkGenerator('Linear', opts.generator);
    const dtype = opts.dtype ?? 'float32';
    const shape = [outFeatures, inFeatures];
    this.weight = new Parameter((opts.init ?? linearDefault)(shape, opts.generator).to(dtype));
    // PyTorch's bias bound, 1/√fanIn, whatever the weight init; 0 when there are no inputs.
    this.bias = opts.bias === false ? null : new Parameter(uniform([outFeatures], linearBound(inFeatures), opts.generator, { dtype }));
  }

  forward(input: Input): Variable {
    const x = asVariable(checkWidth(`${this}`, 'input', input, this.inFeatures));
    const y = matmul(x, this.weight.T);
    return this.bias ? y.add(this.bias) : y;
  }

  override toString(): string {
    return `Linear(${this.inFeatures}, ${this.outFeatures}${this.bias ? '' : ', bias=false'})`;
  }
}
