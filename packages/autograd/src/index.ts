/**
 * @gradschool/autograd: reverse-mode automatic differentiation over @gradschool/tensor.
 * Variables record the ops applied to them; `backward()` walks that record in reverse.
 */
export { Variable, variable, parameter, type Input, type VariableOptions, type MakeOptions } from './variable.ts';
export { Node, type Vjp } from './node.ts';
export { record } from './record.ts';
export { unbroadcast } from './unbroadcast.ts';
export { noGrad, isGradEnabled } from './grad-mode.ts';
export { gradients, type BackwardOptions, type GradientsOptions } from './backward.ts';
export { grad, valueAndGrad, vjp, jacobian, type Differentiable } from './functional.ts';
export { gradcheck, assertGradcheck, type GradcheckOptions, type GradcheckResult, type GradcheckWorst } from './gradcheck.ts';
export { where, maximum, minimum, dot, matmul, outer, concat, stack, gather, scatterAdd } from './functions.ts';
export { DERIVATIVES, type Context, type Derivative } from './derivatives.ts';
import './methods.ts';
