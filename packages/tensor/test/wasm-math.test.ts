/**
 * The wasm backend's SIMD exp, tanh and sigmoid (wasm/assembly/math.ts) against an independent
 * oracle: Math.exp / Math.tanh in float64 on the same float32 input, rounded once to float32
 * (for sigmoid, the cpu backend's split formula in float64, which is exact to ~1e-16 in both tails).
 *
 * Tolerance, in float32 ulps (the distance between bit patterns, so subnormals count their own
 * spacing): `ulps` in OPS below. Over every float32 where the result is not a constant or x
 * itself (wasm/accuracy.ts, an exhaustive run), the largest errors were 1 ulp for exp and tanh
 * and 2 for sigmoid: exp's degree-7 polynomial is good to ~1 ulp (Cephes' expf fit),
 * and sigmoid adds a rounded 1 + e and a rounded division on top. The bound allows one ulp more
 * than measured, none of it for sloppiness in the specials: where the oracle is ±0, ±inf or NaN
 * the kernel must return exactly that (the sign of tanh(-0) included).
 */
import { fc, it } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { setBackend, type Tensor, tensor } from '../src/index.ts';
import { anyOperandArb, build, shapeArb } from './arbitraries.ts';

const OPS = {
  exp: { ulps: 2, f: Math.exp },
  tanh: { ulps: 2, f: Math.tanh },
  sigmoid: { ulps: 3, f: (v: number) => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v))) },
} as const;
type Op = keyof typeof OPS;
const apply = (op: Op, t: Tensor): Tensor => (op === 'exp' ? t.exp() : op === 'tanh' ? t.tanh() : t.sigmoid());

const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);
/** A float32's place on a line where neighbouring floats are 1 apart and -0 meets +0. */
function ordinal(v: number): number {
  bits[0] = v;
  return word[0] < 0 ? -(word[0] & 0x7fffffff) : word[0];
}

/** The oracle: op in float64, rounded to float32. */
const oracle = (op: Op, xs: readonly number[]): number[] => xs.map((v) => Math.fround(OPS[op].f(v)));

/** The elements of `got` (a result of `op` on `xs`) not within the op's ulps of `wants`. */
function misses(op: Op, xs: ArrayLike<number>, got: ArrayLike<number>, wants: ArrayLike<number>): string[] {
  const bad: string[] = [];
  for (let i = 0; i < xs.length && bad.length < 5; i++) {
    const want = wants[i];
    const ok = Number.isFinite(want) && want !== 0 ? Math.abs(ordinal(got[i]) - ordinal(want)) <= OPS[op].ulps : Object.is(got[i], want);
    if (!ok) bad.push(`${op}(${Object.is(xs[i], -0) ? '-0' : xs[i]}): got ${got[i]}, want ${want}`);
  }
  return bad;
}

/** Magnitudes 2^-30 .. 2^7 (log-uniform) and -110 .. 110 (uniform, both of exp's edges), both signs. */
const valueArb = fc.oneof(
  fc.tuple(fc.double({ min: 1, max: 2, maxExcluded: true, noNaN: true }), fc.integer({ min: -30, max: 6 }), fc.boolean())
    .map(([f, e, neg]) => Math.fround((neg ? -f : f) * 2 ** e)),
  fc.double({ min: -110, max: 110, noNaN: true }).map(Math.fround),
);

/**
 * Specials and edges: zeros, infinities, NaN; subnormals and the least normal; exp's overflow
 * (ln FLT_MAX = 88.7228) and underflow (e^-103.972 is half the least subnormal) edges and the
 * start of its subnormal results (-87.34); tanh's switch to the exponential form (0.625), its
 * x-itself range (2^-12) and saturation (9.01); 1 ulp either side of each.
 */
const EDGES = [88.7228, -87.3365, -103.972, 0.625, 2 ** -12, 9.0109, 20, 44.5, 2 ** -126, 2 ** -149, 1e-40]
  .flatMap((v) => [v, -v]).map(Math.fround)
  .flatMap((v) => [v, nextFloat(v, -1), nextFloat(v, 1)]);
const SPECIALS = [0, -0, Infinity, -Infinity, NaN, ...EDGES];

function nextFloat(v: number, dir: 1 | -1): number {
  bits[0] = v;
  word[0] += v >= 0 === dir > 0 ? 1 : -1;
  return bits[0];
}

/** op on a contiguous float32 tensor on the wasm backend: the kernels' path. */
function onWasm(op: Op, xs: number[]): Float32Array {
  setBackend('wasm');
  return apply(op, tensor(Float32Array.from(xs))).data() as Float32Array;
}

describe('wasm exp, tanh, sigmoid kernels', () => {
  for (const op of Object.keys(OPS) as Op[]) {
    it.prop([fc.array(valueArb, { minLength: 1, maxLength: 70 })], { numRuns: 200 })(`${op} is within ${OPS[op].ulps} ulps of Math in float64, rounded`, (xs) => {
      expect(misses(op, xs, onWasm(op, xs), oracle(op, xs)).join('\n')).toBe('');
    });

    it(`${op} of the specials and edges: exactly ±0, ±inf, NaN where the oracle is; within ${OPS[op].ulps} ulps elsewhere`, () => {
      expect(misses(op, SPECIALS, onWasm(op, SPECIALS), oracle(op, SPECIALS)).join('\n')).toBe('');
    });
  }

  it.each(Object.keys(OPS) as Op[])('contiguous float32 %s runs the kernel, not the cpu loop: they round differently on some values', (op) => {
    const xs = Array.from({ length: 4096 }, (_, i) => Math.fround(-8 + i / 256));
    setBackend('cpu');
    const cpu = apply(op, tensor(Float32Array.from(xs))).data();
    expect(onWasm(op, xs)).not.toEqual(cpu);
  });
});

describe('wasm unary through the backend', () => {
  // float32 and int32 (exp of int32 is float32: converted on the way into wasm memory) take the
  // kernels when contiguous; strided, transposed and broadcast views, size 0 and float64 take the
  // cpu loops (float64 is then bit-identical, well inside the bound)
  it.prop([fc.constantFrom<Op>('exp', 'tanh', 'sigmoid'), anyOperandArb(['float32', 'int32', 'float64'], shapeArb({ maxSize: 6 }))], { numRuns: 150 })(
    'agrees with the cpu backend on any shape and layout, within the ulps above', (op, recipe) => {
      setBackend('cpu');
      const x = build(recipe);
      const want = apply(op, x);
      setBackend('wasm');
      const got = apply(op, x);
      expect([got.shape, got.dtype]).toEqual([want.shape, want.dtype]);
      // the cpu's float32 result is the oracle's (Math in float64 on the same value, rounded)
      expect(misses(op, x.data(), got.data(), want.data()).join('\n')).toBe('');
    },
  );
});
