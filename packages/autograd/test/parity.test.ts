/**
 * Every op of the op table, called on a Variable and on its Tensor with the same arguments, gives
 * the same value (bit for bit: they run the same forward) or raises the same error, on shapes
 * with 0 dims and size-0 axes, with empty and out-of-range dim lists, and with plain-array
 * arguments. Where the result is differentiable, backward through it gives each input a gradient
 * of its own shape. `ARGS` is typed by the table, so a new op cannot be left out of this test.
 */
import { fc, test } from '@fast-check/vitest';
import { type DType, Generator, OPS, type OpName, randint, randn, Tensor, tensor } from '@gradschool/tensor';
import { describe, expect } from 'vitest';
import { Variable } from '../src/index.ts';
import { numRuns } from './arbitraries.ts';

/** A tensor of `shape` from a seed; int32 tensors hold small integers. */
const make = (shape: number[], dtype: DType, seed: number): Tensor =>
  dtype === 'int32' ? randint(-3, 4, shape, new Generator(seed), { dtype }) : randn(shape, new Generator(seed), { dtype }).mul(3);

const shapeArb = fc.array(fc.integer({ min: 0, max: 3 }), { maxLength: 3 });
const dimArb = fc.integer({ min: -4, max: 3 });
const dimsArb = fc.oneof(fc.constant(undefined), fc.constant(null), dimArb, fc.array(dimArb, { maxLength: 3 }));
const keepdimArb = fc.option(fc.record({ keepdim: fc.boolean() }), { nil: undefined });
/** An operand: a tensor (seeded), a number, or a plain array (which every binary op must refuse alike). */
const operandArb = fc.oneof(
  fc.record({ shape: shapeArb, seed: fc.nat() }).map(({ shape, seed }) => make(shape, 'float32', seed)),
  fc.double({ min: -5, max: 5, noNaN: true }),
  fc.constant([1, 2]),
);
const tensorArb = (dtype: DType) => fc.record({ shape: shapeArb, seed: fc.nat() }).map(({ shape, seed }) => make(shape, dtype, seed));
const shapeArgsArb = fc.array(fc.integer({ min: -1, max: 4 }), { maxLength: 3 });
const none = fc.constant([] as unknown[]);
const binary = fc.tuple(operandArb);
const reduction = fc.tuple(dimsArb, keepdimArb);

/** Arguments for each op: valid ones and some that each op must refuse. */
const ARGS: Record<OpName, fc.Arbitrary<unknown[]>> = {
  add: binary, sub: binary, mul: binary, div: binary, pow: binary, maximum: binary, minimum: binary,
  eq: binary, ne: binary, lt: binary, le: binary, gt: binary, ge: binary,
  clamp: fc.tuple(fc.option(fc.integer({ min: -3, max: 3 })), fc.option(fc.integer({ min: -3, max: 3 }))),
  neg: none, exp: none, log: none, log1p: none, expm1: none, sqrt: none, abs: none, tanh: none, sigmoid: none, relu: none,
  sin: none, cos: none, reciprocal: none, square: none, sign: none, floor: none, ceil: none, round: none,
  sum: reduction, mean: reduction, prod: reduction, max: reduction, min: reduction, logsumexp: reduction,
  var: fc.tuple(dimsArb, fc.record({ keepdim: fc.boolean(), correction: fc.integer({ min: 0, max: 2 }) })),
  std: fc.tuple(dimsArb, fc.record({ keepdim: fc.boolean(), correction: fc.integer({ min: 0, max: 2 }) })),
  argmax: fc.tuple(fc.option(dimArb, { nil: undefined }), keepdimArb),
  argmin: fc.tuple(fc.option(dimArb, { nil: undefined }), keepdimArb),
  maxWithIndices: fc.tuple(dimArb, keepdimArb),
  minWithIndices: fc.tuple(dimArb, keepdimArb),
  softmax: fc.tuple(fc.option(dimArb, { nil: undefined })),
  logSoftmax: fc.tuple(fc.option(dimArb, { nil: undefined })),
  matmul: fc.tuple(tensorArb('float32')), dot: fc.tuple(tensorArb('float32')), outer: fc.tuple(tensorArb('float32')),
  reshape: fc.tuple(shapeArgsArb), view: fc.tuple(shapeArgsArb), expand: fc.tuple(shapeArgsArb), broadcastTo: fc.tuple(shapeArgsArb),
  permute: fc.tuple(fc.array(dimArb, { maxLength: 3 })),
  flatten: fc.tuple(fc.option(dimArb, { nil: undefined }), fc.option(dimArb, { nil: undefined })),
  transpose: fc.tuple(fc.option(dimArb, { nil: undefined }), fc.option(dimArb, { nil: undefined })),
  squeeze: fc.tuple(dimsArb),
  unsqueeze: fc.tuple(dimArb),
  slice: fc.tuple(dimArb, fc.integer({ min: -4, max: 4 }), fc.option(fc.integer({ min: -4, max: 4 }), { nil: undefined }), fc.integer({ min: 0, max: 3 })),
  narrow: fc.tuple(dimArb, fc.integer({ min: -3, max: 3 }), fc.integer({ min: -1, max: 3 })),
  T: none, mT: none,
  gather: fc.tuple(dimArb, fc.record({ shape: shapeArb, seed: fc.nat() }).map(({ shape, seed }) => randint(0, 3, shape, new Generator(seed), { dtype: 'int32' }))),
  // a plain array and a tensor holding the same numbers, 1.5 and out-of-range ones included
  indexSelect: fc.tuple(dimArb, fc.array(fc.constantFrom(0, 1, 2, 1.5, -1, 7), { maxLength: 3 }), fc.boolean())
    .map(([dim, index, asTensor]) => [dim, asTensor ? tensor(index) : index]),
  contiguous: none, clone: none,
  to: fc.tuple(fc.constantFrom('float32', 'float64', 'int32', 'bool')),
};

type Outcome = { error: string } | { value: unknown };
function outcome(f: () => unknown): Outcome {
  try {
    return { value: f() };
  } catch (e) {
    return { error: `${(e as Error).name}: ${(e as Error).message}` };
  }
}

/** A result as plain data: dtype, shape and every element (NaN kept as NaN, -0 as -0). */
function plain(x: unknown): unknown {
  if (x instanceof Variable) return plain(x.value);
  if (x instanceof Tensor) return { dtype: x.dtype, shape: x.shape, data: [...x.data()].map((v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v)) };
  if (x && typeof x === 'object') return Object.fromEntries(Object.entries(x).map(([k, v]) => [k, plain(v)]));
  return x;
}

const call = (receiver: object, op: OpName, args: unknown[]): unknown =>
  OPS[op].kind === 'getter' ? (receiver as Record<string, unknown>)[op] : (receiver as Record<string, (...a: unknown[]) => unknown>)[op](...args);

describe('a Variable op gives what its Tensor op gives', () => {
  for (const op of Object.keys(OPS) as OpName[]) {
    const receiver = fc.record({ shape: shapeArb, seed: fc.nat(), dtype: fc.constantFrom<DType>('float32', 'float32', 'float64', 'int32') });
    test.prop([receiver, ARGS[op], fc.boolean()], { numRuns: Math.max(40, numRuns) })(op, ({ shape, seed, dtype }, args, wrapOperand) => {
      const t = make(shape, dtype, seed);
      const x = new Variable(t, { requiresGrad: dtype !== 'int32' });
      // the operand as a Variable too, where it is a tensor
      const vargs = args.map((a, i) => (i === 0 && wrapOperand && a instanceof Tensor && a.dtype !== 'int32' ? new Variable(a, { requiresGrad: true }) : a));
      const fromTensor = outcome(() => call(t, op, args));
      const fromVariable = outcome(() => call(x, op, vargs));
      expect(plain('error' in fromVariable ? fromVariable : { value: fromVariable.value })).toEqual(plain(fromTensor));
      if ('value' in fromVariable) {
        const out = fromVariable.value;
        const result = out instanceof Variable ? out : (out as { values?: unknown }).values;
        if (result instanceof Variable && result.requiresGrad) {
          result.sum().backward();
          for (const input of [x, vargs[0]]) {
            if (input instanceof Variable && input.requiresGrad) expect(input.grad?.shape).toEqual(input.shape);
          }
        } else {
          expect(out instanceof Variable ? out.requiresGrad : false).toBe(false);
        }
      }
    });
  }
});
