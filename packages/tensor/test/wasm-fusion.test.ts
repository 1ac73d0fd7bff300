/**
 * The wasm backend fuses elementwise chains (src/wasm/fusion.ts) and rounds every step as the
 * unfused op would store it, so a fused result must equal the cpu backend's bit for bit: the
 * tolerance is zero. Random chains of unary, binary and where ops over tensors large enough to
 * fuse, with broadcast operands, int32 and float64 steps, and intermediate results that are also
 * read on their own (computed once for themselves, and again inside the chain that took them in).
 */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { BINARY_OPS, type BinaryOp, Generator, kernelsCompiled, randn, setBackend, type Tensor, tensor, UNARY_OPS, type UnaryOp, where } from '../src/index.ts';
import { simdResults } from '../src/wasm/simd.ts';

type Step =
  | { kind: 'unary'; op: UnaryOp; at: number }
  | { kind: 'binary'; op: BinaryOp; at: number; with: number; broadcast: boolean }
  | { kind: 'where'; at: number; with: number }
  | { kind: 'cast'; at: number; dtype: 'int32' | 'float64' | 'float32' }
  | { kind: 'read'; at: number };

// exp, tanh and sigmoid run on SIMD kernels within a few ulps of the cpu's (wasm-math.test.ts), not fused
const EXACT_UNARY = UNARY_OPS.filter((op) => op !== 'exp' && op !== 'tanh' && op !== 'sigmoid');

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('unary' as const), op: fc.constantFrom(...EXACT_UNARY), at: fc.nat() }),
  fc.record({ kind: fc.constant('binary' as const), op: fc.constantFrom(...BINARY_OPS), at: fc.nat(), with: fc.nat(), broadcast: fc.boolean() }),
  fc.record({ kind: fc.constant('where' as const), at: fc.nat(), with: fc.nat() }),
  fc.record({ kind: fc.constant('cast' as const), at: fc.nat(), dtype: fc.constantFrom('int32' as const, 'float64' as const, 'float32' as const) }),
  fc.record({ kind: fc.constant('read' as const), at: fc.nat() }),
);

/** Runs the chain on the current backend: each step makes a new tensor from earlier ones; returns every tensor's values. */
function runChain(steps: readonly Step[], seed: number): number[][] {
  const g = new Generator(seed);
  const base = randn([40, 32], g).mul(3); // 1280 elements: large enough to fuse
  const row = randn([32], g);
  const made: Tensor[] = [base, base.abs().add(0.5)];
  const pick = (i: number) => made[i % made.length];
  const out: number[][] = [];
  for (const s of steps) {
    const x = pick(s.at);
    switch (s.kind) {
      case 'unary': made.push(x[s.op]()); break;
      case 'binary': made.push(x[s.op](s.broadcast ? row : pick(s.with))); break;
      case 'where': made.push(where(x.gt(0), pick(s.with), x)); break;
      case 'cast': made.push(x.to(s.dtype)); break;
      case 'read': out.push([...x.data()]); break;
      default: throw new Error(`no step ${(s satisfies never as Step).kind}`);
    }
  }
  return [...out, ...made.map((t) => [t.dtype === 'float32' ? 0 : t.dtype === 'float64' ? 1 : 2, ...t.data()])];
}

const same = (a: number[][], b: number[][]) => a.length === b.length && a.every((xs, i) => xs.every((v, j) => Object.is(v, b[i][j]) || (Number.isNaN(v) && Number.isNaN(b[i][j]))));

it.prop([fc.array(stepArb, { minLength: 1, maxLength: 30 }), fc.nat()], { numRuns: 60 })(
  'a fused chain gives the cpu backend\'s values bit for bit',
  (steps, seed) => {
    try {
      setBackend('cpu');
      const want = runChain(steps, seed);
      setBackend('wasm');
      const got = runChain(steps, seed);
      expect(same(got, want)).toBe(true);
    } finally {
      setBackend('wasm');
    }
  },
);

it('fuses: a chain of ops on large tensors runs as one loop, compiled once', () => {
  setBackend('wasm');
  const g = new Generator(0);
  const [x, y] = [randn([100, 100], g), randn([100], g)];
  const chain = () => x.square().neg().add(1).mul(y).cos().data();
  const first = kernelsCompiled();
  chain();
  expect(kernelsCompiled() - first).toBe(1); // one loop for the five ops (each op's own loop, if it were unfused, may exist already)
  const before = kernelsCompiled();
  const results = [chain(), chain()];
  expect(kernelsCompiled()).toBe(before); // cached by the chain's shape
  setBackend('cpu');
  expect([...results[0]]).toEqual([...chain()]);
  setBackend('wasm');
});

it.prop([fc.constantFrom('exp' as const, 'tanh' as const, 'sigmoid' as const), fc.integer({ min: 1, max: 3000 }), fc.nat(), fc.boolean()], { numRuns: 30 })(
  'a SIMD kernel reading a pending chain computes it in wasm memory: the same values as from the computed chain, which is still right when read after',
  (op, n, seed, readAfter) => {
    setBackend('wasm');
    const g = new Generator(seed);
    const [x, b] = [randn([n], g).mul(4), randn([n], g)];
    const pending = () => x.mul(b).add(0.5); // pending from FUSE_FROM elements on; smaller ones are computed at once
    const computed = pending();
    const want = [...computed.data()];
    const fromComputed = [...computed[op]().data()];
    const chain = pending();
    const got = [...chain[op]().data()];
    expect(got).toEqual(fromComputed);
    if (readAfter) expect([...chain.data()]).toEqual(want);
  },
);

it('an op reading one pending result twice (x.mul(x), x.sub(x.T)) gives the cpu\'s values, and so does that result read after', () => {
  const run = () => {
    const g = new Generator(3);
    const [a, b] = [randn([48, 48], g), randn([48, 48], g)];
    const x = a.mul(b).add(0.25);
    const y = x.mul(x).sub(x.T); // x whole twice, then as a transposed view
    return [[...y.data()], [...x.data()], [...x.mul(x).data()]];
  };
  setBackend('cpu');
  const want = run();
  setBackend('wasm');
  expect(same(run(), want)).toBe(true);
});

/** Values where float32 arithmetic is easy to get wrong: NaN, ±inf, ±0, subnormals, the largest finite, halves (round), and ordinary ones. */
const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 1.1754942e-38, 3.4028235e38, -3.4028235e38, 0.5, -0.5, 1.5, -2.5, 1, -1, 3.7, -0.3];
const SIMD_UNARY = ['neg', 'abs', 'sqrt', 'floor', 'ceil', 'round', 'square', 'reciprocal', 'relu'] as const;
const SIMD_BINARY = ['add', 'sub', 'mul', 'div', 'minimum', 'maximum'] as const;

type SimdStep = { op: (typeof SIMD_UNARY)[number]; at: number } | { op: (typeof SIMD_BINARY)[number]; at: number; with: number; broadcast: 'none' | 'row' | 'column' | 'scalar' };
const simdStepArb: fc.Arbitrary<SimdStep> = fc.oneof(
  fc.record({ op: fc.constantFrom(...SIMD_UNARY), at: fc.nat() }),
  fc.record({ op: fc.constantFrom(...SIMD_BINARY), at: fc.nat(), with: fc.nat(), broadcast: fc.constantFrom('none' as const, 'row' as const, 'column' as const, 'scalar' as const) }),
);

it.prop([
  fc.array(simdStepArb, { minLength: 1, maxLength: 20 }), fc.integer({ min: 1, max: 70 }), fc.integer({ min: 15, max: 90 }),
  fc.array(fc.oneof(fc.constantFrom(...SPECIAL), fc.float({ noDefaultInfinity: false })), { minLength: 1, maxLength: 64 }), fc.nat(),
], { numRuns: 80 })(
  'a float32 chain of SIMD-computed ops (any row length, rows, columns and scalars broadcast, NaN, ±inf, ±0, subnormals) gives the cpu backend\'s values bit for bit on the SIMD loop',
  (steps, rows, cols, specials, seed) => {
    const runSteps = () => {
      const g = new Generator(seed);
      // random values with the special ones sprinkled in; rows x cols >= 1024 keeps every step pending
      const base = randn([rows * cols], g).mul(50).data();
      specials.forEach((v, i) => (base[(i * 7919) % base.length] = v));
      const big = tensor(base).reshape(rows, cols);
      const others = { row: randn([cols], g), column: randn([rows, 1], g), scalar: tensor(specials[0]) };
      const made: Tensor[] = [big, big.mul(-0.75)];
      const pick = (i: number) => made[i % made.length];
      for (const s of steps) {
        const x = pick(s.at);
        made.push('with' in s ? x[s.op](s.broadcast === 'none' ? pick(s.with) : others[s.broadcast]) : x[s.op]());
      }
      return made.map((t) => [...t.data()]);
    };
    setBackend('cpu');
    const want = runSteps();
    setBackend('wasm');
    const before = simdResults();
    const got = runSteps();
    if (rows * cols >= 1024) expect(simdResults()).toBeGreaterThan(before);
    expect(same(got, want)).toBe(true);
  },
);

it('a chain whose leaf is itself pending (computed on the SIMD loop while the outer chain lays out its own) gives the cpu\'s values', () => {
  // found by the random chains: the leaf's computation laid out memory from the start again, over the outer chain's copied leaves
  const run = () => {
    const base = randn([40, 32], new Generator(0)).mul(3);
    const shifted = base.abs().add(0.5); // takes base's expression in: base stays pending for its next reader
    return [[...shifted.add(base).data()], [...base.data()], [...shifted.data()]];
  };
  setBackend('cpu');
  const want = run();
  setBackend('wasm');
  expect(same(run(), want)).toBe(true);
});
