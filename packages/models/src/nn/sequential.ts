import type { Variable } from '@gradschool/autograd';
import { describeValue } from '@gradschool/tensor';
import { type AnyModule, Module } from './module.ts';
import { asVariable, type Input } from './parameter.ts';

/** Layers applied one after the other; their parameters are named by position ("0.weight"), as in PyTorch. */
export class Sequential extends Module {
  readonly layers: readonly Module[];

  constructor(...layers: Module[]) {
    super();
    layers.forEach((layer, i) => {
      if (!(layer instanceof Module)) {
        const hint = typeof layer === 'function' ? ' (a class or a function, not an instance: write new Layer(...))' : '';
        throw new TypeError(`Sequential: layer ${i} must be a Module such as new Linear(...) or new ReLU(), got ${describeValue(layer)}${hint}`);
      }
    });
    this.layers = layers;
  }

  override namedChildren(): [string, AnyModule][] {
    return this.layers.map((layer, i) => [String(i), layer]);
  }

  forward(input: Input): Variable {
    // An empty Sequential returns its input, as PyTorch's does.
    return this.layers.reduce((x: Variable, layer) => layer.forward(x), asVariable(input, 'Sequential'));
  }

  override toString(): string {
    return `Sequential(\n${this.layers.map((l, i) => `  (${i}): ${l}`).join('\n')}\n)`;
  }
}
