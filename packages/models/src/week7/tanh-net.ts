/** The small smooth networks week 7 trains on the plane: Linear layers with tanh between them. */
import { checkGenerator, type DType, type Generator } from '@gradschool/tensor';
import { checkCount } from '../check.ts';
import { Tanh } from '../nn/activations.ts';
import { Linear } from '../nn/linear.ts';
import { Sequential } from '../nn/sequential.ts';

/**
 * Linear(widths[0], widths[1]) → tanh → … → Linear(…, widths.at(−1)), no tanh after the last.
 * `names` labels each width in errors (`inputs`, `hidden[0]`, …), as the caller calls them.
 */
export function tanhNet(op: string, widths: readonly number[], names: readonly string[], opts: { generator: Generator; dtype?: DType }): Sequential {
  checkGenerator(op, opts.generator);
  widths.forEach((w, i) => checkCount(op, names[i], w, 1));
  const layer = (a: number, b: number) => new Linear(a, b, { generator: opts.generator, dtype: opts.dtype });
  return new Sequential(...widths.slice(1).flatMap((b, i) => (i === 0 ? [layer(widths[0], b)] : [new Tanh(), layer(widths[i], b)])));
}
