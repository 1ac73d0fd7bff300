/** A small neural energy E_θ(y) over points, the model that contrastive methods shape. */
import type { Variable } from '@gradschool/autograd';
import type { DType, Generator } from '@gradschool/tensor';
import { Module } from '../../nn/module.ts';
import type { Input } from '../../nn/parameter.ts';
import type { Sequential } from '../../nn/sequential.ts';
import { tanhNet } from '../tanh-net.ts';
import { checkOptions, checkWidth } from '../../check.ts';

export interface EnergyNetOptions {
  /** Width of the points y (default 2, the plane). */
  inputs?: number;
  /** Widths of the hidden layers (default [64, 64]). */
  hidden?: readonly number[];
  generator: Generator;
  dtype?: DType;
}

/**
 * E_θ(y) = the output of a tanh network, one scalar per row of y. tanh keeps the landscape
 * smooth, so gradient descent on y (as contrastive divergence does) glides instead of stepping
 * between the flat pieces a ReLU network would make. Nothing bounds it: only training, pushing
 * down at the data and up at contrastive points, gives it its shape.
 */
export class EnergyNet extends Module {
  readonly net: Sequential;
  /** The width of the points y. */
  readonly inputs: number;

  constructor(opts: EnergyNetOptions) {
    super();
    checkOptions('EnergyNet', opts, 'new EnergyNet({ generator: new Generator(seed) })');
    const hidden = opts.hidden ?? [64, 64];
    const names = ['inputs', ...hidden.map((_, i) => `hidden[${i}]`), 'output'];
    this.inputs = opts.inputs ?? 2;
    this.net = tanhNet('EnergyNet', [this.inputs, ...hidden, 1], names, opts);
  }

  /** [n, inputs] -> [n] energies. */
  forward(y: Input): Variable { return this.net.forward(checkWidth('EnergyNet', 'points', y, this.inputs)).squeeze(-1); }
}
