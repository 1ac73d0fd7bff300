/**
 * Exercise 2.7 — A tiny scalar autograd engine (15 points)
 *
 * Generalised backprop: any program built from differentiable operations is a graph, and the
 * chain rule runs backwards over it. Each operation makes a Value remembering its inputs
 * (`children`) and a `backwardStep` that pushes the output's gradient into its inputs' gradients
 * with the local derivative — always with `+=`, because a value used twice receives gradient
 * along both paths. `backward()` sets the output's grad to 1 and calls every backwardStep in
 * reverse topological order: a node only passes its gradient on once everything that used it
 * has passed theirs. `topologicalSort(root)` lists every node reachable from root exactly once,
 * each after all its children, root last.
 *
 * Guide: exercises/week2/README.md#27-scalar-autograd · Checks: test/week2/2.7-value.checks.ts
 */
import { NotImplementedError } from '../not-implemented.ts';

/** A scalar in a computation graph: its value, and (after backward) dOutput/dThis. */
export class Value {
  data: number;
  grad = 0;
  /** The values this one was computed from. */
  readonly children: readonly Value[];
  /** The operation that made it ('' for an input), for printing graphs. */
  readonly op: string;
  /** Adds this value's gradient, times the local derivatives, into its children's gradients. */
  backwardStep: () => void = () => {};

  constructor(data: number, children: readonly Value[] = [], op = '') {
    this.data = data;
    this.children = children;
    this.op = op;
  }

  add(other: Value | number): Value {
    throw new NotImplementedError('2.7', 'Value.add');
  }

  mul(other: Value | number): Value {
    throw new NotImplementedError('2.7', 'Value.mul');
  }

  /** this ** exponent, for a constant exponent. */
  pow(exponent: number): Value {
    throw new NotImplementedError('2.7', 'Value.pow');
  }

  neg(): Value {
    throw new NotImplementedError('2.7', 'Value.neg');
  }

  sub(other: Value | number): Value {
    throw new NotImplementedError('2.7', 'Value.sub');
  }

  div(other: Value | number): Value {
    throw new NotImplementedError('2.7', 'Value.div');
  }

  exp(): Value {
    throw new NotImplementedError('2.7', 'Value.exp');
  }

  log(): Value {
    throw new NotImplementedError('2.7', 'Value.log');
  }

  tanh(): Value {
    throw new NotImplementedError('2.7', 'Value.tanh');
  }

  relu(): Value {
    throw new NotImplementedError('2.7', 'Value.relu');
  }

  /** Fill in grad, d(this)/d(node), on every node this value depends on. */
  backward(): void {
    throw new NotImplementedError('2.7', 'Value.backward');
  }
}

/** Every node reachable from root, once, children before the nodes made from them; root last. */
export function topologicalSort(root: Value): Value[] {
  throw new NotImplementedError('2.7', 'topologicalSort');
}
