/** Elementwise ops against scalar definitions in float64: unary, broadcasting binary, where, clamp, dtype promotion. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { binary, type BinaryOp, BINARY_OPS, clamp, type Tensor, tensor, type UnaryOp, UNARY_OPS, where } from '../src/index.ts';
import { broadcastShapesArb, build, type Recipe, recipeArb, refOf, shapeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { expectClose, expectUnchanged } from './expect.ts';
import { broadcastShape, type DType, fromFunction, map, readBroadcast, type Ref, storeAs, zip } from './oracle.ts';

const runs = { numRuns: 40 };

/** Round half to even, the way PyTorch and NumPy round. */
function roundHalfEven(v: number): number {
  const f = Math.floor(v);
  const rest = v - f;
  if (rest !== 0.5) return rest < 0.5 ? f : f + 1;
  return f % 2 === 0 ? f : f + 1;
}

const UNARY: Record<UnaryOp, (v: number) => number> = {
  neg: (v) => -v,
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  abs: (v) => (v < 0 ? -v : v),
  sign: (v) => (v > 0 ? 1 : v < 0 ? -1 : v === 0 ? 0 : NaN),
  tanh: Math.tanh,
  sigmoid: (v) => 1 / (1 + Math.exp(-v)),
  relu: (v) => Math.max(v, 0), // NaN stays NaN, as in PyTorch
  sin: Math.sin,
  cos: Math.cos,
  floor: Math.floor,
  ceil: Math.ceil,
  round: roundHalfEven,
  reciprocal: (v) => 1 / v,
  square: (v) => v * v,
};

/** Ops that turn integers into floats (as torch.exp(int_tensor) does); the rest keep int32. */
const FLOAT_RESULT: readonly UnaryOp[] = ['exp', 'log', 'log1p', 'expm1', 'sqrt', 'tanh', 'sigmoid', 'sin', 'cos', 'reciprocal'];

/** Periodic functions only make sense where float32 resolves the period, so their inputs stay moderate. */
const MODERATE: readonly UnaryOp[] = ['sin', 'cos'];

/** Ops whose result can be near 0 where the input is not (log near 1, sin near kπ): their error is absolute, not relative. */
const ABSOLUTE_ERROR: readonly UnaryOp[] = ['sin', 'cos', 'log'];

const nanAware = (pick: (a: number, b: number) => number) => (a: number, b: number) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : pick(a, b));

const BINARY: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: nanAware((a, b) => (a > b ? a : b)),
  minimum: nanAware((a, b) => (a < b ? a : b)),
  eq: (a, b) => Number(a === b),
  ne: (a, b) => Number(a !== b),
  lt: (a, b) => Number(a < b),
  le: (a, b) => Number(a <= b),
  gt: (a, b) => Number(a > b),
  ge: (a, b) => Number(a >= b),
};

const COMPARISONS: readonly BinaryOp[] = ['eq', 'ne', 'lt', 'le', 'gt', 'ge'];
const COMMUTATIVE: readonly BinaryOp[] = ['add', 'mul', 'maximum', 'minimum', 'eq', 'ne'];

/** PyTorch's promotion: float64 > float32 > int32; comparisons give a float mask, int / int is float32. */
function resultType(op: BinaryOp, a: DType, b: DType): DType {
  const p = a === 'float64' || b === 'float64' ? 'float64' : a === 'float32' || b === 'float32' ? 'float32' : 'int32';
  return p === 'int32' && (COMPARISONS.includes(op) || op === 'div') ? 'float32' : p;
}

/** The oracle's value of `op` on two refs, rounded to the result's dtype. */
const binaryRef = (op: BinaryOp, a: Ref, b: Ref, dtype: DType): Ref => zip(a, b, (x, y) => storeAs(dtype, BINARY[op](x, y)));

describeBackends('elementwise', (b) => {
  const dtypes = fc.constantFrom(...b.dtypes);

  for (const op of UNARY_OPS) {
    const range = MODERATE.includes(op) ? { extremes: false, specials: false } : {};
    const operand = dtypes.chain((dtype) => shapeArb().chain((s) => recipeArb(s, dtype, { values: valueArb(dtype, range) })));
    it.prop([operand], runs)(`${op} matches its scalar definition`, (r) => {
      const x = build(r);
      const y = expectUnchanged([x], () => x[op]());
      const dtype = r.dtype === 'int32' && FLOAT_RESULT.includes(op) ? 'float32' : r.dtype;
      expect(y.dtype).toBe(dtype);
      const want = map(refOf(r), (v) => storeAs(dtype, UNARY[op](v)));
      const scale = ABSOLUTE_ERROR.includes(op) ? map(want, (v) => Math.max(Math.abs(v), 1)) : undefined;
      expectClose(y, want, { scale });
    });
  }

  /** Two operands of broadcastable shapes and any dtypes; pow's exponent stays in 0..3 for int32, where negative powers are fractions. */
  const pairArb = (op: BinaryOp): fc.Arbitrary<[Recipe, Recipe]> =>
    fc.tuple(broadcastShapesArb(2), dtypes, dtypes).chain(([[sa, sb], da, db]) => fc.tuple(
      recipeArb(sa, da),
      recipeArb(sb, db, op === 'pow' && db === 'int32' ? { values: valueArb(db, { min: 0, max: 3 }) } : {}),
    ));

  for (const op of BINARY_OPS) {
    it.prop([pairArb(op)], runs)(`${op} broadcasts, promotes dtypes and matches its scalar definition`, ([ra, rb]) => {
      const [x, y] = [build(ra), build(rb)];
      const z = expectUnchanged([x, y], () => x[op](y));
      const dtype = resultType(op, ra.dtype, rb.dtype);
      expect(z.dtype).toBe(dtype);
      expectClose(z, binaryRef(op, refOf(ra), refOf(rb), dtype));
    });
  }

  for (const op of COMMUTATIVE) {
    it.prop([pairArb(op)], runs)(`${op} commutes, broadcasting included`, ([ra, rb]) => {
      const [x, y] = [build(ra), build(rb)];
      const [xy, yx] = [x[op](y), y[op](x)];
      expect([xy.shape, xy.dtype]).toEqual([yx.shape, yx.dtype]);
      expect(Array.from(xy.data())).toEqual(Array.from(yx.data()));
    });
  }

  // int32 ** int32 is left out: a negative power of an integer is a fraction int32 cannot hold
  const scalarCase = fc.tuple(dtypes.chain((d) => shapeArb().chain((s) => recipeArb(s, d))), fc.oneof(fc.integer({ min: -9, max: 9 }), fc.double({ min: -9, max: 9, noNaN: true })), fc.constantFrom(...BINARY_OPS))
    .filter(([r, , op]) => !(op === 'pow' && r.dtype === 'int32'));
  it.prop([scalarCase], runs)('a number operand takes the tensor\'s dtype (a fraction makes int32 float32), on either side', ([r, v, op]) => {
    const x = build(r);
    const numberType: DType = r.dtype === 'int32' && !Number.isInteger(v) ? 'float32' : r.dtype;
    const dtype = resultType(op, r.dtype, numberType);
    const number: Ref = { shape: [], data: [storeAs(numberType, v)] };
    expectClose(x[op](v), binaryRef(op, refOf(r), number, dtype));
    expectClose(binary(op, v, x), binaryRef(op, number, refOf(r), dtype));
  });

  it.prop([fc.tuple(broadcastShapesArb(3), dtypes, dtypes).chain(([[sc, sa, sb], da, db]) =>
    fc.tuple(recipeArb(sc, 'float32', { values: fc.constantFrom(0, 1, -2) }), recipeArb(sa, da), recipeArb(sb, db)))], runs)(
    'where(cond, a, b) picks a where cond is non-zero, broadcasting all three',
    ([rc, ra, rb]) => {
      const [c, x, y] = [build(rc), build(ra), build(rb)];
      const z = expectUnchanged([c, x, y], () => where(c, x, y));
      const dtype = resultType('add', ra.dtype, rb.dtype);
      expect(z.dtype).toBe(dtype);
      const [cond, yes, no] = [refOf(rc), refOf(ra), refOf(rb)];
      const shape = broadcastShape(cond.shape, yes.shape, no.shape) ?? [];
      const picked = fromFunction(shape, (i) => storeAs(dtype, readBroadcast(cond, i) !== 0 ? readBroadcast(yes, i) : readBroadcast(no, i)));
      expectClose(z, picked);
    },
  );

  const bound = fc.option(fc.integer({ min: -50, max: 50 }), { nil: undefined });
  it.prop([dtypes.chain((d) => shapeArb().chain((s) => recipeArb(s, d))), bound, bound], runs)('clamp limits to [min, max], either bound optional', (r, lo, hi) => {
    if (lo !== undefined && hi !== undefined && lo > hi) [lo, hi] = [hi, lo];
    const x = build(r);
    const want = map(refOf(r), (v) => Math.min(Math.max(v, lo ?? -Infinity), hi ?? Infinity));
    expectClose(expectUnchanged([x], () => x.clamp(lo, hi)), want);
    expectClose(clamp(x, lo, hi), want);
  });

  it('sigmoid and tanh saturate without NaN at ±1e30 and ±1000', () => {
    const x = tensor([-1e30, -1000, 0, 1000, 1e30], { dtype: b.dtypes.includes('float64') ? 'float64' : 'float32' });
    expect(Array.from(x.sigmoid().data())).toEqual([0, 0, 0.5, 1, 1]);
    expect(Array.from(x.tanh().data())).toEqual([-1, -1, 0, 1, 1]);
  });

  it('comparisons give a 0/1 mask in the float type', () => {
    const m: Tensor = tensor([1, 2, 3], { dtype: 'int32' }).gt(1);
    expect([m.dtype, Array.from(m.data())]).toEqual(['float32', [0, 1, 1]]);
  });
});
