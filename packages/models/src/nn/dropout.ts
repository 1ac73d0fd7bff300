import type { Variable } from '@gradschool/autograd';
import { checkGenerator, type Generator, rand } from '@gradschool/tensor';
import { checkFraction } from '../check.ts';
import { Module } from './module.ts';
import { asVariable, type Input } from './parameter.ts';

/**
 * While training, zero each input with probability p and scale the survivors by 1/(1-p), so
 * every unit's expected output is unchanged; in evaluation mode, pass the input through.
 * Units cannot rely on any one neighbour being there, which discourages co-adaptation.
 */
export class Dropout extends Module {
  readonly p: number;
  #generator: Generator;

  constructor(p: number, generator: Generator) {
    super();
    this.p = checkFraction('Dropout', 'p', p);
    checkGenerator('Dropout', generator);
    this.#generator = generator;
  }

  forward(input: Input): Variable {
    const x = asVariable(input, 'Dropout');
    if (!this.training || this.p === 0) return x;
    if (this.p === 1) return x.mul(0); // every unit dropped; 1/(1-p) would be infinite
    const keep = rand(x.shape, this.#generator, { dtype: x.dtype }).ge(this.p).to(x.dtype);
    return x.mul(keep.div(1 - this.p));
  }

  override toString(): string { return `Dropout(p=${this.p})`; }
}
