/**
 * A Variable's ops are made here from the tensor package's op table, the same entries a Tensor's
 * methods are made from: each runs the op's forward on the values (so a Variable gives the value,
 * and raises the error, its Tensor would), then records the op with its vjps from `derivatives.ts`.
 * A new op is one table entry and one derivatives entry; this file does not change.
 */
import { type DifferentiableName, installMethods, registerPromotion, type Tensor, withDefaults } from '@gradschool/tensor';
import { type Context, DERIVATIVES, type Derivative } from './derivatives.ts';
import { isGradEnabled } from './grad-mode.ts';
import { Node } from './node.ts';
import { lift, Variable } from './variable.ts';

const valueOf = (a: unknown): unknown => (a instanceof Variable ? a.value : a);

installMethods(Variable.prototype, (name, entry) => {
  if (entry.kind === 'constant') {
    return function (this: Variable, ...args: unknown[]) {
      return entry.forward(this.value, ...withDefaults(args, entry.defaults).map(valueOf));
    };
  }
  const vjps = DERIVATIVES[name as DifferentiableName] as readonly Derivative<unknown[]>[];
  return function (this: Variable, ...given: unknown[]) {
    const args = withDefaults(given, entry.defaults);
    const values = args.map(valueOf);
    const value = entry.forward(this.value, ...values) as Tensor;
    const operand = entry.operands === 1 ? args[0] : undefined;
    // an int32 result (x.to('int32')) is a step function of its input: no gradient flows through it, as in PyTorch
    if (!isGradEnabled() || value.dtype === 'int32' || !(this.requiresGrad || (operand instanceof Variable && operand.requiresGrad))) return new Variable(value);
    // a Tensor or number operand becomes a constant (a number in this Variable's dtype, as the forward took it)
    const inputs = entry.operands === 1 ? [this, lift(name, operand as Variable | Tensor | number, this)] : [this];
    const context = { x: this, y: inputs[1], args: values } as { -readonly [K in keyof Context<unknown[]>]: Context<unknown[]>[K] };
    context.out = new Variable(value, {}, new Node(name, inputs, vjps.map((vjp) => (g: Variable) => vjp(g, context))));
    return context.out;
  };
});

// a Tensor's op with a Variable operand (x.matmul(w)) runs on the Tensor made a constant Variable
registerPromotion({ is: (x) => x instanceof Variable, lift: (t) => new Variable(t) });

declare module '@gradschool/tensor' {
  // for the type checker: a Tensor's op with a Variable operand gives a Variable (see registerPromotion)
  interface PromotionTarget { variable: Variable }
}
