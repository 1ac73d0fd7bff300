/**
 * The mistakes a student or a PyTorch user makes with the autograd API, each refused at the call
 * with the error class and the message that names the function they wrote and what was wrong
 * (shapes, values, the kind of argument), never later as a crash inside another op or a NaN.
 */
import { fc, it } from '@fast-check/vitest';
import {
  formatShape as fmt, logSoftmax, maxWithIndices, mean, ShapeError, std, sum, type Tensor, tensor, variance, zeros, zerosLike,
} from '@gradschool/tensor';
import { describe, expect } from 'vitest';
import {
  concat, dot, gather, gradcheck, gradients, grad, jacobian, matmul, maximum, noGrad, parameter, scatterAdd, stack, unbroadcast,
  valueAndGrad, Variable, variable, vjp, where,
} from '../src/index.ts';
import { expectError, type Mistake } from '../../tensor/test/mistakes.ts';

const ints = (values: number[]) => tensor(values, { dtype: 'int32' });
const w = () => parameter([1, 2]);

const MISTAKES: Mistake[] = [
  // making Variables
  ['new Variable of a plain array', () => new Variable([1, 2] as never), TypeError, 'Variable: expected a Tensor, got an array; use variable([...]) to make one from numbers'],
  ['new Variable of nothing', () => new Variable(undefined as never), TypeError, 'Variable: expected a Tensor, got undefined; use variable([...]) to make one from numbers'],
  ['a parameter of a ragged array', () => parameter([[1, 2], [3]]), ShapeError, 'parameter: nested array is ragged (expected length 2 at depth 1 for shape [2,2])'],
  ['a variable with a string inside', () => variable([1, '2'] as never), TypeError, "variable: element [1] is a string ('2'), not a number"],
  ['a variable of nothing', () => variable(undefined as never), TypeError, 'variable: element [] is undefined, not a number'],
  ['an int32 parameter', () => parameter([1, 2], { dtype: 'int32' }), TypeError,
    "parameter: only float tensors can require gradients; this one is int32 (make it float32 with { dtype: 'float32' } or .to('float32'))"],
  ['an int32 variable that requires grad', () => variable(tensor([1], { dtype: 'int32' }), { requiresGrad: true }), TypeError,
    "variable: only float tensors can require gradients; this one is int32 (make it float32 with { dtype: 'float32' } or .to('float32'))"],
  ['requiresGrad switched on for an int32 leaf', () => { variable(tensor([1], { dtype: 'int32' })).requiresGrad = true; }, TypeError,
    'requiresGrad: only float tensors can require gradients; this one is int32'],
  ['assigning a value of another shape', () => { w().value = zeros([3]); }, TypeError, 'Variable.value: the new value must have shape [2] and dtype float32; got shape [3] float32'],
  ['assigning a value to an op result', () => { w().mul(2).value = zeros([2]); }, Error, "Variable.value: only a leaf can be assigned, and this Variable was made by 'mul'; assign the leaf it came from"],
  // backward
  ['backward of a vector without a gradient', () => w().mul(2).backward(), ShapeError,
    'backward: this output has shape [2], not one element, so backward needs the gradient of the loss with respect to it: pass a Tensor of shape [2], as in y.backward(gradient), or reduce the output to a scalar first, as in y.sum().backward()'],
  ['backward with a gradient of another shape', () => w().mul(2).backward(zeros([3])), ShapeError, 'backward: the gradient has shape [3] but the output has shape [2]'],
  ['backward with a plain array as the gradient', () => w().mul(2).backward([1, 1] as never), TypeError,
    "backward: the gradient must be a Tensor or a Variable of shape [2] (the output's), got an array; wrap it with tensor(...)"],
  ['backward of a constant', () => variable([1, 2]).sum().backward(), Error,
    'backward: this output does not require grad: no input that requires grad led to it, or it was computed inside noGrad'],
  ['backward of something computed inside noGrad', () => noGrad(() => w().sum()).backward(), Error,
    'backward: this output does not require grad: no input that requires grad led to it, or it was computed inside noGrad'],
  ['backward twice through a freed graph', () => { const y = w().mul(2).sum(); y.backward(); y.backward(); }, Error,
    "backward: the graph through 'sum' was already freed by an earlier backward(). Pass { retainGraph: true } to the first backward() to go through the same graph twice, or run the forward pass again."],
  ['backward after the leaf was changed', () => { const p = w(); const y = p.square().sum(); p.value = zeros([2]); y.backward(); }, Error,
    "backward: input 0 of 'square' (shape [2]) was assigned a new value after 'square' used it, so its gradient would be wrong; run the forward pass again after changing a value"],
  ['backward through a cast to int32', () => w().to('int32').sum().backward(), Error,
    "backward: this output is int32, and an int32 result has no gradient (a cast such as .to('int32') is a step function); compute it from float values"],
  ['retainGrad on a constant', () => variable([1]).retainGrad(), Error,
    'retainGrad: this Variable does not require grad, so no gradient will reach it; make the leaves it comes from with parameter(...) and compute it outside noGrad'],
  ['requiresGrad on an op result', () => { w().mul(2).requiresGrad = false; }, Error,
    "requiresGrad: can only be set on a leaf, and this Variable was made by 'mul'; use detach() to cut it from the graph"],
  // ops on Variables take the tensor package's errors, under the op's own name
  ['add of clashing shapes', () => w().add(zeros([3])), ShapeError, 'add: shapes [2] and [3] cannot be broadcast together'],
  ['add of a plain array', () => w().add([1, 2] as never), TypeError, 'add: an operand must be a Tensor or a number, got an array; wrap it with tensor(...)'],
  ['add of undefined', () => w().add(undefined as never), TypeError, 'add: an operand must be a Tensor or a number, got undefined'],
  ['matmul of misfit matrices', () => parameter([[1, 2]]).matmul(zeros([3, 1])), ShapeError, 'matmul: shapes [1,2] and [3,1] cannot be multiplied (inner sizes 2 and 3 differ)'],
  ['a Tensor times a misfit Variable', () => zeros([2, 3]).matmul(parameter([[1, 2]])), ShapeError, 'matmul: shapes [2,3] and [1,2] cannot be multiplied (inner sizes 3 and 1 differ)'],
  ['sum over a missing dim', () => w().sum(3), RangeError, 'sum: dim 3 is out of range for a tensor of rank 1 of shape [2] (expected -1..0)'],
  ['reshape to another count', () => w().reshape(3), ShapeError, 'reshape: shape [3] is invalid for a tensor of shape [2] (2 elements)'],
  ['item of a vector', () => w().item(), ShapeError, 'item: only a tensor with one element has an item; got shape [2]'],
  ['gather at a fraction', () => w().gather(0, tensor([0.5])), RangeError, 'gather: index 0.5 is not a whole number (dim 0 of shape [2])'],
  // the function forms
  ['matmul of a plain array', () => matmul([1, 2] as never, zeros([2])), TypeError, 'matmul: expected a Variable, a Tensor or a number, got an array; wrap it with variable(...) or tensor(...)'],
  ['matmul with undefined', () => matmul(w(), undefined as never), TypeError, 'matmul: the second operand must be a Tensor, got undefined'],
  ['dot of unequal vectors', () => dot(w(), zeros([3])), ShapeError, 'dot: shapes [2] and [3] must be two vectors of the same length'],
  ['maximum of a plain array', () => maximum([1] as never, 2), TypeError, 'maximum: expected a Variable, a Tensor or a number, got an array; wrap it with variable(...) or tensor(...)'],
  ['where with an array for a mask', () => where([1, 0] as never, w(), 0), TypeError, 'where: the condition must be a Tensor (a 0/1 mask such as a.gt(0))'],
  ['where of clashing shapes', () => where(zeros([3]), w(), 0), ShapeError, 'where: shapes [3] and [2] and [] cannot be broadcast together'],
  ['concat of one Variable, not a list', () => concat(w() as never), TypeError, 'concat: expects an array of Variables or Tensors, as in concat([a, b]), got a Variable'],
  ['concat of nothing', () => concat([]), ShapeError, 'concat: needs at least one tensor'],
  ['concat with a plain array inside', () => concat([w(), [3] as never]), TypeError, 'concat: expected a Variable, a Tensor or a number, got an array; wrap it with variable(...) or tensor(...)'],
  ['stack of unequal shapes', () => stack([w(), zeros([3])]), ShapeError, 'stack: shapes [2], [3] must all be equal'],
  ['stack of one Tensor, not a list', () => stack(zeros([2]) as never), TypeError, 'stack: expects an array of Variables or Tensors, as in stack([a, b]), got a Tensor'],
  ['gather with a plain array index', () => gather(w(), 0, [0] as never), TypeError, 'gather: index must be a Tensor, got an array; wrap it with tensor(...)'],
  ['gather past the end', () => gather(w(), 0, ints([2])), RangeError, 'gather: index 2 is out of range for dim 0 of shape [2] (size 2)'],
  ['scatterAdd of a plain array', () => scatterAdd([2], 0, ints([0]), [1] as never), TypeError, 'scatterAdd: expected a Variable, a Tensor or a number, got an array; wrap it with variable(...) or tensor(...)'],
  ['unbroadcast to a shape that does not broadcast', () => unbroadcast(parameter([[1, 2]]), [3]), ShapeError, "unbroadcast: shape [3] does not broadcast to the gradient's shape [1,2]"],
  ['unbroadcast to more dims', () => unbroadcast(w(), [1, 2]), ShapeError, "unbroadcast: shape [1,2] does not broadcast to the gradient's shape [2]"],
  // gradients
  ['gradients with one input, not a list', () => { const x = w(); return gradients(x.sum(), x as never); }, TypeError,
    'gradients: inputs must be an array of Variables, as in gradients(loss, [w, b]), got a Variable'],
  ['gradients of a Tensor', () => gradients(zeros([1]) as never, [w()]), TypeError, 'gradients: the output must be a Variable (the result of ops on parameters), got a Tensor'],
  ['gradients with respect to a Tensor', () => gradients(w().sum(), [zeros([2]) as never]), TypeError,
    'gradients: input 0 must be a Variable, got a Tensor; make it with parameter(...) or variable(..., { requiresGrad: true })'],
  ['gradients with respect to a constant', () => gradients(w().sum(), [variable([1])]), Error,
    'gradients: input 0 does not require grad; make it with parameter(...) or variable(..., { requiresGrad: true })'],
  ['gradients of a vector without gradOutput', () => { const x = w(); return gradients(x.mul(2), [x]); }, ShapeError,
    'gradients: this output has shape [2], not one element, so gradients needs the gradient of the loss with respect to it: pass it as { gradOutput } (a Tensor of shape [2]), or reduce the output to a scalar first, as in gradients(y.sum(), inputs)'],
  ['gradients with a gradOutput of another shape', () => { const x = w(); return gradients(x.mul(2), [x], { gradOutput: zeros([3]) }); }, ShapeError,
    'gradients: the gradient has shape [3] but the output has shape [2]'],
  // the functional transforms
  ['grad of a number', () => grad(3 as never), TypeError, 'grad: expects a function of Variables, such as (x) => x.square().sum(), got a number'],
  ['grad of a vector function', () => grad((x) => x.mul(2))(zeros([2])), ShapeError, 'grad: the function must return a scalar, but it returned shape [2]; use vjp or jacobian for other outputs'],
  ['grad at a plain array', () => grad((x) => x.sum())([1, 2] as never), TypeError, 'grad: argument 0 must be a Tensor, got an array; wrap it with tensor(...)'],
  ['grad at a Variable', () => grad((x) => x.sum())(w() as never), TypeError, 'grad: argument 0 must be a Tensor, got a Variable; pass its .value'],
  ['grad of a function that returns a Tensor', () => grad((x) => x.value as never)(zeros([1])), TypeError,
    'grad: the function must return a Variable (the result of ops on its arguments), got a Tensor'],
  ['valueAndGrad of undefined', () => valueAndGrad(undefined as never), TypeError, 'valueAndGrad: expects a function of Variables, such as (x) => x.square().sum(), got undefined'],
  ['vjp with v of another shape', () => vjp((x) => x.mul(2), [zeros([2])], zeros([3])), ShapeError, "vjp: v has shape [3] but f's output has shape [2]; v must be shaped like the output"],
  ['vjp with a plain array for v', () => vjp((x) => x.mul(2), [zeros([2])], [1, 1] as never), TypeError, 'vjp: v must be a Tensor, got an array; wrap it with tensor(...)'],
  ['vjp at one Tensor, not a list', () => vjp((x) => x.mul(2), zeros([2]) as never, zeros([2])), TypeError, 'vjp: the inputs must be an array of Tensors, as in vjp(f, [x]), got a Tensor'],
  ['jacobian at a plain array', () => jacobian((x) => x.mul(2), [1, 2] as never), TypeError, 'jacobian: x must be a Tensor, got an array; wrap it with tensor(...)'],
  ['jacobian of a string', () => jacobian('x' as never, zeros([2])), TypeError, "jacobian: expects a function of Variables, such as (x) => x.square().sum(), got a string ('x')"],
  ['gradcheck at one Tensor, not a list', () => gradcheck((x) => x.sum(), zeros([2]) as never), TypeError, 'gradcheck: the inputs must be an array of Tensors, as in gradcheck(f, [x]), got a Tensor'],
  ['gradcheck at a plain array', () => gradcheck((x) => x.sum(), [[1, 2]] as never), TypeError, 'gradcheck: input 0 must be a Tensor, got an array; wrap it with tensor(...)'],
  ['gradcheck with a step of 0', () => gradcheck((x) => x.sum(), [zeros([2])], { eps: 0 }), RangeError, 'gradcheck: eps must be a finite number > 0 (the step of the central differences), got 0'],
  ['gradcheck with a negative step', () => gradcheck((x) => x.sum(), [zeros([2])], { eps: -1e-6 }), RangeError, 'gradcheck: eps must be a finite number > 0 (the step of the central differences), got -0.000001'],
  ['gradcheck with a NaN tolerance', () => gradcheck((x) => x.sum(), [zeros([2])], { atol: NaN }), RangeError, 'gradcheck: atol must be a finite number >= 0, got NaN'],
  ['gradcheck with a negative rtol', () => gradcheck((x) => x.sum(), [zeros([2])], { rtol: -1 }), RangeError, 'gradcheck: rtol must be a finite number >= 0, got -1'],
  ['gradcheck of a float32 function', () => gradcheck((x) => x.to('float32').sum(), [zeros([2])]), TypeError,
    'gradcheck: the function returned float32, but central differences need float64 all the way through; make its constants float64 too'],
  ['the tensor function form of sum on a Variable', () => sum(w() as never), TypeError,
    'sum: input must be a Tensor, got a Variable; to keep its gradient call its method, x.sum(...), or pass its .value for the numbers alone'],
  ['the tensor function form of zerosLike on a Variable', () => zerosLike(w() as never), TypeError, 'zerosLike: input must be a Tensor, got a Variable; pass its .value'],
  ['noGrad of a value', () => noGrad(3 as never), TypeError, 'noGrad: expects a function to run without recording, as in noGrad(() => model.forward(x)), got a number'],
];

describe('autograd errors', () => {
  it.each(MISTAKES)('%s', (_, mistake, kind, message) => expectError(mistake, kind, message));

  /** Two shapes that clash on their last axis: both sizes above 1 and different. */
  const clash = fc.tuple(fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 2 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }))
    .filter(([, p, q]) => p !== q)
    .map(([lead, p, q]): [number[], number[]] => [[...lead, p], [q]]);

  it.prop([clash, fc.constantFrom('add', 'sub', 'mul', 'div', 'maximum', 'minimum', 'pow')], { numRuns: 40 })(
    "a Variable's binary op names itself and both shapes, and records nothing", ([sa, sb], op) => {
      const x = parameter(zeros(sa));
      const y = parameter(zeros(sb));
      expectError(() => (x[op as 'add'] as (o: Variable) => Variable)(y), ShapeError, `${op}: shapes ${fmt(sa)} and ${fmt(sb)} cannot be broadcast together`);
      expect(x.grad).toBeNull();
      expect(y.grad).toBeNull();
    });

  it.prop([fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 }), fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 1, maxLength: 3 })], { numRuns: 40 })(
    'backward with a gradient of the wrong shape names both shapes and changes no grad', (out, given) => {
      fc.pre(fmt(out) !== fmt(given));
      const x = parameter(zeros(out));
      const y = x.mul(2);
      expectError(() => y.backward(zeros(given)), ShapeError, `backward: the gradient has shape ${fmt(given)} but the output has shape ${fmt(out)}`);
      expect(x.grad).toBeNull();
      // the graph was not used up by the refused call: a right gradient still goes through
      y.backward(zeros(out).add(1));
      expect(Array.from((x.grad as unknown as Tensor).data())).toEqual(Array(x.size).fill(2));
    });

  it('a refused backward leaves the graph and the gradients as they were (loses nothing)', () => {
    const x = parameter([1, 2, 3]);
    const y = x.square();
    expect(() => y.backward()).toThrow(ShapeError);
    expect(x.grad).toBeNull();
    y.sum().backward();
    expect(Array.from((x.grad as unknown as Tensor).data())).toEqual([2, 4, 6]);
  });

  it('no gradient flows through a cast to int32 (it is a step function), as in PyTorch', () => {
    const q = parameter([1.5, -2.5]);
    q.to('int32').to('float32').mul(q).sum().backward();
    // d/dq [int(q)·q] = int(q) almost everywhere: the cast contributes nothing
    expect(Array.from((q.grad as unknown as Tensor).data())).toEqual([1, -2]);
  });

  it("the tensor package's function forms (mean, logSoftmax, ...) take a Variable, as its methods do, and keep its gradient", () => {
    const x = parameter([[1, 2], [3, 5]]);
    const y = [mean(x as never), variance(x as never), std(x as never), logSoftmax(x as never, 1).sum(), maxWithIndices(x as never, 1).values.sum()];
    for (const v of y) expect(v).toBeInstanceOf(Variable);
    (y[0] as unknown as Variable).backward();
    expect(Array.from((x.grad as unknown as Tensor).data())).toEqual([0.25, 0.25, 0.25, 0.25]);
  });

  it('a refused assignment leaves the value and its version alone', () => {
    const p = parameter([1, 2]);
    expect(() => { p.value = zeros([3]); }).toThrow(TypeError);
    expect(Array.from(p.value.data())).toEqual([1, 2]);
    expect(p.version).toBe(0);
  });
});
