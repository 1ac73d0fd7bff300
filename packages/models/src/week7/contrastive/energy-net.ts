/** A small neural energy E_θ(y) over points, the model that contrastive methods shape. */
import type { Variable } from '@gradschool/autograd';
import type { DType, Generator } from '@gradschool/tensor';
import { Tanh } from '../../nn/activations.ts';
import { Linear } from '../../nn/linear.ts';
import { Module } from '../../nn/module.ts';
import type { Input } from '../../nn/parameter.ts';
import { Sequential } from '../../nn/sequential.ts';
import { checkCount } from '../../check.ts';

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

  constructor(opts: EnergyNetOptions) {
    super();
    const widths = [opts.inputs ?? 2, ...(opts.hidden ?? [64, 64])];
    widths.forEach((w, i) => checkCount('EnergyNet', i === 0 ? 'inputs' : `hidden[${i - 1}]`, w, 1));
    const layer = (a: number, b: number) => new Linear(a, b, { generator: opts.generator, dtype: opts.dtype });
    this.net = new Sequential(
      ...widths.slice(0, -1).flatMap((a, i) => [layer(a, widths[i + 1]), new Tanh()]),
      layer(widths[widths.length - 1], 1),
    );
  }

  /** [n, inputs] -> [n] energies. */
  forward(y: Input): Variable { return this.net.forward(y).squeeze(-1); }
}
