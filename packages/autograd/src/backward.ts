/**
 * Reverse mode: visit the graph from the output back to the leaves in reverse topological
 * order, so each Variable's gradient is complete (summed over every use) before its own
 * node passes it on to its inputs.
 */
import { describeValue, formatShape, ones, ShapeError, Tensor, zeros } from '@gradschool/tensor';
import { withGradMode } from './grad-mode.ts';
import { releasedError } from './node.ts';
import { Variable } from './variable.ts';

export interface BackwardOptions {
  /** Keep the graph so that backward can run through it again (default false: free it). */
  retainGraph?: boolean;
}

export interface GradientsOptions extends BackwardOptions {
  /** dL/doutput for a non-scalar output (defaults to 1 for a scalar). */
  gradOutput?: Tensor;
  /** Record the backward pass itself, so the gradients can be differentiated again (implies retainGraph). */
  createGraph?: boolean;
}

/** Every Variable that `root` depends on through Variables that require grad, inputs before outputs. */
function topologicalOrder(root: Variable): Variable[] {
  const order: Variable[] = [];
  const seen = new Set<Variable>([root]);
  // iterative depth-first search: a long chain of ops must not overflow the call stack
  const stack: { v: Variable; next: number }[] = [{ v: root, next: 0 }];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const node = top.v.node;
    if (node?.released) throw releasedError(node.op);
    const inputs = node?.inputs ?? [];
    if (top.next < inputs.length) {
      const x = inputs[top.next++];
      if (x.requiresGrad && !seen.has(x)) {
        seen.add(x);
        stack.push({ v: x, next: 0 });
      }
    } else {
      order.push(top.v);
      stack.pop();
    }
  }
  return order;
}

/** How each entry point takes a gradient for a non-scalar output, for its error message. */
const HOW_TO_PASS: Record<'backward' | 'gradients', (shape: string) => string> = {
  backward: (shape) => `pass a Tensor of shape ${shape}, as in y.backward(gradient), or reduce the output to a scalar first, as in y.sum().backward()`,
  gradients: (shape) => `pass it as { gradOutput } (a Tensor of shape ${shape}), or reduce the output to a scalar first, as in gradients(y.sum(), inputs)`,
};

function seedFor(op: 'backward' | 'gradients', output: Variable, gradOutput: Tensor | undefined): Variable {
  if (!(output instanceof Variable)) {
    throw new TypeError(`${op}: the output must be a Variable (the result of ops on parameters), got ${describeValue(output)}`);
  }
  if (!output.requiresGrad) {
    // an int32 output may well have come from parameters, so the usual two causes would be untrue for it
    if (output.dtype === 'int32') {
      throw new Error(`${op}: this output is int32, and an int32 result has no gradient (a cast such as .to('int32') is a step function); compute it from float values`);
    }
    throw new Error(`${op}: this output does not require grad: no input that requires grad led to it, or it was computed inside noGrad`);
  }
  if (gradOutput === undefined) {
    if (output.size !== 1) {
      const shape = formatShape(output.shape);
      throw new ShapeError(
        `${op}: this output has shape ${shape}, not one element, so ${op} needs the gradient of the loss with respect to it: ${HOW_TO_PASS[op](shape)}`,
      );
    }
    return new Variable(ones(output.shape, { dtype: output.dtype }));
  }
  if (!(gradOutput instanceof Tensor)) {
    const wrong: unknown = gradOutput;
    const must = `${op}: the gradient must be a Tensor${op === 'backward' ? ' or a Variable' : ''} of shape ${formatShape(output.shape)} (the output's)`;
    if (wrong instanceof Variable) throw new TypeError(`${must}, got a Variable; pass its .value (its own graph is not differentiated)`);
    throw new TypeError(`${must}, got ${describeValue(wrong)}; wrap it with tensor(...)`);
  }
  if (formatShape(gradOutput.shape) !== formatShape(output.shape)) {
    throw new ShapeError(`${op}: the gradient has shape ${formatShape(gradOutput.shape)} but the output has shape ${formatShape(output.shape)}`);
  }
  return new Variable(gradOutput.to(output.dtype));
}

/**
 * The gradient of `root` with respect to every Variable it depends on; `keep` says which of them
 * to return (the others are dropped as soon as they have been passed on).
 */
function propagate(root: Variable, seed: Variable, retainGraph: boolean, keep: (v: Variable) => boolean): Map<Variable, Variable> {
  const order = topologicalOrder(root);
  const grads = new Map<Variable, Variable>([[root, seed]]);
  for (let i = order.length - 1; i >= 0; i--) {
    const v = order[i];
    const g = grads.get(v);
    if (!v.node || g === undefined) continue;
    const node = v.node;
    node.vjp(g).forEach((gx, k) => {
      if (gx === null) return;
      const x = node.inputs[k];
      if (formatShape(gx.shape) !== formatShape(x.shape)) {
        throw new Error(`backward: the vjp of '${node.op}' for input ${k} has shape ${formatShape(gx.shape)}, but that input has shape ${formatShape(x.shape)}`);
      }
      const cast = gx.dtype === x.dtype ? gx : gx.to(x.dtype);
      const sum = grads.get(x);
      grads.set(x, sum ? sum.add(cast) : cast);
    });
    if (!retainGraph) node.release();
    if (!keep(v)) grads.delete(v);
  }
  return grads;
}

/**
 * `output.backward(gradient)`: accumulate into the `grad` of every leaf that requires grad, and
 * of every intermediate that asked with `retainGrad()`. A Variable as the gradient gives its value
 * (as in PyTorch, where backward(gradient) without create_graph does not differentiate through it).
 */
export function backward(output: Variable, gradient: Tensor | Variable | undefined, options: BackwardOptions): void {
  const seed = seedFor('backward', output, gradient instanceof Variable ? gradient.value : gradient);
  const grads = withGradMode(false, () => propagate(output, seed, options.retainGraph ?? false, (v) => v.isLeaf || v.retainsGrad));
  for (const [v, g] of grads) {
    v.grad = v.grad ? v.grad.add(g.value) : g.value.contiguous();
  }
}

/**
 * The gradients of `output` with respect to `inputs` (PyTorch's torch.autograd.grad), returned
 * instead of accumulated. An input that `output` does not depend on gets zeros. With `createGraph`
 * the results are themselves differentiable: that is how second derivatives are taken.
 */
export function gradients(output: Variable, inputs: readonly Variable[], options: GradientsOptions = {}): Variable[] {
  if (!Array.isArray(inputs)) {
    throw new TypeError(`gradients: inputs must be an array of Variables, as in gradients(loss, [w, b]), got ${describeValue(inputs)}`);
  }
  inputs.forEach((x, i) => {
    if (!(x instanceof Variable)) {
      throw new TypeError(`gradients: input ${i} must be a Variable, got ${describeValue(x)}; make it with parameter(...) or variable(..., { requiresGrad: true })`);
    }
    if (!x.requiresGrad) {
      throw new Error(`gradients: input ${i} does not require grad; make it with parameter(...) or variable(..., { requiresGrad: true })`);
    }
  });
  const seed = seedFor('gradients', output, options.gradOutput);
  const createGraph = options.createGraph ?? false;
  const wanted = new Set(inputs);
  const grads = withGradMode(createGraph, () =>
    propagate(output, seed, options.retainGraph ?? createGraph, (v) => wanted.has(v)));
  return inputs.map((x) => grads.get(x) ?? new Variable(zeros(x.shape, { dtype: x.dtype })));
}
