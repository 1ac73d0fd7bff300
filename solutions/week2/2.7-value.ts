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
    const o = toValue(other);
    const out = new Value(this.data + o.data, [this, o], '+');
    out.backwardStep = () => {
      this.grad += out.grad;
      o.grad += out.grad;
    };
    return out;
  }

  mul(other: Value | number): Value {
    const o = toValue(other);
    const out = new Value(this.data * o.data, [this, o], '*');
    out.backwardStep = () => {
      this.grad += o.data * out.grad;
      o.grad += this.data * out.grad;
    };
    return out;
  }

  /** this ** exponent, for a constant exponent. */
  pow(exponent: number): Value {
    const out = new Value(this.data ** exponent, [this], `**${exponent}`);
    out.backwardStep = () => {
      this.grad += exponent * this.data ** (exponent - 1) * out.grad;
    };
    return out;
  }

  neg(): Value {
    return this.mul(-1);
  }

  sub(other: Value | number): Value {
    return this.add(toValue(other).neg());
  }

  div(other: Value | number): Value {
    return this.mul(toValue(other).pow(-1));
  }

  exp(): Value {
    const out = new Value(Math.exp(this.data), [this], 'exp');
    out.backwardStep = () => {
      this.grad += out.data * out.grad;
    };
    return out;
  }

  log(): Value {
    const out = new Value(Math.log(this.data), [this], 'log');
    out.backwardStep = () => {
      this.grad += out.grad / this.data;
    };
    return out;
  }

  tanh(): Value {
    const out = new Value(Math.tanh(this.data), [this], 'tanh');
    out.backwardStep = () => {
      this.grad += (1 - out.data ** 2) * out.grad;
    };
    return out;
  }

  relu(): Value {
    const out = new Value(Math.max(this.data, 0), [this], 'relu');
    out.backwardStep = () => {
      this.grad += (this.data > 0 ? 1 : 0) * out.grad;
    };
    return out;
  }

  /** Fill in grad, d(this)/d(node), on every node this value depends on. */
  backward(): void {
    const order = topologicalSort(this);
    this.grad = 1;
    for (let i = order.length - 1; i >= 0; i--) order[i].backwardStep();
  }
}

const toValue = (x: Value | number): Value => (x instanceof Value ? x : new Value(x));

/** Every node reachable from root, once, children before the nodes made from them; root last. */
export function topologicalSort(root: Value): Value[] {
  const order: Value[] = [];
  const visited = new Set<Value>();
  // An explicit stack instead of recursion, so a deep graph cannot overflow the call stack.
  const stack: { node: Value; next: number }[] = [{ node: root, next: 0 }];
  visited.add(root);
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    if (top.next < top.node.children.length) {
      const child = top.node.children[top.next++];
      if (!visited.has(child)) {
        visited.add(child);
        stack.push({ node: child, next: 0 });
      }
    } else {
      order.push(top.node);
      stack.pop();
    }
  }
  return order;
}
