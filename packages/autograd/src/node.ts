/**
 * A Node is one recorded op: its name, its inputs, and one vector-Jacobian product per input.
 * A vjp maps the gradient of the op's output to the gradient of that input; it is written with
 * Variable ops, so the backward pass can itself be recorded (higher-order gradients).
 */
import type { Variable } from './variable.ts';

export type Vjp = (grad: Variable) => Variable;

export class Node {
  readonly op: string;
  #inputs: readonly Variable[];
  #vjps: readonly Vjp[] | null;
  // the version of each input when the op ran: assigning a leaf's value later makes the saved inputs stale
  #versions: readonly number[];

  constructor(op: string, inputs: readonly Variable[], vjps: readonly Vjp[]) {
    if (inputs.length !== vjps.length) {
      throw new Error(`record: '${op}' has ${inputs.length} inputs but ${vjps.length} vjps; give one vjp per input`);
    }
    this.op = op;
    this.#inputs = inputs;
    this.#vjps = vjps;
    this.#versions = inputs.map((x) => x.version);
  }

  get inputs(): readonly Variable[] { return this.#inputs; }
  get released(): boolean { return this.#vjps === null; }

  /** The gradient of each input that requires one (null for the others). */
  vjp(grad: Variable): (Variable | null)[] {
    if (this.#vjps === null) throw releasedError(this.op);
    const vjps = this.#vjps;
    this.#inputs.forEach((x, i) => {
      if (x.version !== this.#versions[i]) {
        throw new Error(
          `backward: input ${i} of '${this.op}' (shape [${x.shape.join(',')}]) was assigned a new value after '${this.op}' used it, ` +
            'so its gradient would be wrong; run the forward pass again after changing a value',
        );
      }
    });
    return this.#inputs.map((x, i) => (x.requiresGrad ? vjps[i](grad) : null));
  }

  /** Drop the saved inputs and closures so their memory can be freed. */
  release(): void {
    this.#vjps = null;
    this.#inputs = [];
  }
}

export function releasedError(op: string): Error {
  return new Error(
    `backward: the graph through '${op}' was already freed by an earlier backward(). ` +
      'Pass { retainGraph: true } to the first backward() to go through the same graph twice, or run the forward pass again.',
  );
}
