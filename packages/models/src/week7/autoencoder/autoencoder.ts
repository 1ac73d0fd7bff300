/**
 * The autoencoder of the week-7 practicum: an encoder squeezes the input into a code h, a
 * decoder rebuilds the input from h, and training asks for output ≈ input.
 * With a code smaller than the input (under-complete) the network must keep only what matters;
 * with a larger one (over-complete) nothing stops it from learning the identity map, unless
 * the input is corrupted and the target kept clean (the denoising autoencoder).
 */
import type { Variable } from '@gradschool/autograd';
import { checkGenerator, describeValue, type DType, type Generator } from '@gradschool/tensor';
import { Linear } from '../../nn/linear.ts';
import { Module } from '../../nn/module.ts';
import type { Input } from '../../nn/parameter.ts';
import { ReLU, Sigmoid, Tanh } from '../../nn/activations.ts';
import { Sequential } from '../../nn/sequential.ts';
import { checkChoice, checkCount, checkOptions, checkWidth } from '../../check.ts';

export interface AutoEncoderOptions {
  /**
   * Layer widths from the input to the code, e.g. [784, 30] (one layer, as in the practicum)
   * or [2, 64, 64]; the decoder runs the same widths back.
   */
  sizes: readonly number[];
  generator: Generator;
  /** After every layer but the decoder's last (default 'relu'; the practicum uses tanh, which trains more slowly here). */
  activation?: 'tanh' | 'relu';
  /** The decoder's last layer: 'sigmoid' for pixels in [0, 1], 'linear' for points in the plane (default). */
  output?: 'sigmoid' | 'linear';
  dtype?: DType;
}

const activationLayer = (name: 'tanh' | 'relu'): Module => (name === 'tanh' ? new Tanh() : new ReLU());

export class AutoEncoder extends Module {
  readonly encoder: Sequential;
  readonly decoder: Sequential;
  readonly sizes: readonly number[];

  constructor(opts: AutoEncoderOptions) {
    super();
    checkOptions('AutoEncoder', opts, 'new AutoEncoder({ sizes: [784, 30], generator: new Generator(seed) })');
    checkGenerator('AutoEncoder', opts.generator);
    if (!Array.isArray(opts.sizes)) throw new TypeError(`AutoEncoder: sizes must be an array of widths such as [784, 30], got ${describeValue(opts.sizes)}`);
    if (opts.sizes.length < 2) throw new RangeError(`AutoEncoder: sizes must list the input width and at least the code width, got [${opts.sizes}]`);
    opts.sizes.forEach((s, i) => checkCount('AutoEncoder', `sizes[${i}]`, s, 1));
    this.sizes = [...opts.sizes];
    const act = checkChoice('AutoEncoder', 'activation', opts.activation ?? 'relu', ['relu', 'tanh']);
    checkChoice('AutoEncoder', 'output', opts.output ?? 'linear', ['linear', 'sigmoid']);
    const linear = (a: number, b: number) => new Linear(a, b, { generator: opts.generator, dtype: opts.dtype });
    const down = this.sizes.slice(0, -1).flatMap((a, i) => [linear(a, this.sizes[i + 1]), activationLayer(act)]);
    const widths = [...this.sizes].reverse();
    const up = widths.slice(0, -1).flatMap((a, i) => {
      const last = i === widths.length - 2;
      const after = last ? (opts.output === 'sigmoid' ? [new Sigmoid()] : []) : [activationLayer(act)];
      return [linear(a, widths[i + 1]), ...after];
    });
    this.encoder = new Sequential(...down);
    this.decoder = new Sequential(...up);
  }

  /** Is the code smaller than the input (it must compress) or larger (it could copy)? */
  get kind(): 'under-complete' | 'complete' | 'over-complete' {
    const [input, code] = [this.sizes[0], this.sizes[this.sizes.length - 1]];
    return code < input ? 'under-complete' : code > input ? 'over-complete' : 'complete';
  }

  encode(x: Input): Variable { return this.encoder.forward(checkWidth('AutoEncoder.encode', 'input', x, this.sizes[0])); }
  decode(h: Input): Variable { return this.decoder.forward(checkWidth('AutoEncoder.decode', 'code', h, this.sizes[this.sizes.length - 1])); }
  forward(x: Input): Variable { return this.decode(this.encode(checkWidth('AutoEncoder', 'input', x, this.sizes[0]))); }

  override toString(): string {
    return `AutoEncoder(${this.sizes.join(' → ')} → ${[...this.sizes].reverse().slice(1).join(' → ')}, ${this.kind})`;
  }
}
