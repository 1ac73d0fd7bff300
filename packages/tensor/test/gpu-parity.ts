/**
 * What every gpu.js mode must do, written once for two runners: gpu.test.ts (vitest, under Node
 * and Deno) and browser/parity.ts (in Chromium, where the webgl2 and webgl modes live). It runs
 * on the mode asked for, builds each kernel once, refuses float64 and oversized int32 with clear
 * errors, and every kernel agrees with the cpu backend (a separate implementation: typed-array
 * loops in float64 arithmetic) on strided, broadcast operands and on NaN, ±inf and ±0.
 * Checks throw plain Errors, so they need no test framework.
 */
import fc from 'fast-check';
import {
  arange, binary, concat, eye, fromHost, full, fullLike, Generator, getBackend, linspace, ones, rand, randint, randn, scatterAdd, setBackend,
  type Tensor, tensor, where, zeros, BINARY_OPS, UNARY_OPS,
} from '../src/index.ts';
import type { GpuBackend } from '../src/gpu/index.ts';

export const gpu = (mode: string, matmul = 'auto'): GpuBackend => setBackend('gpu', { mode, matmul }) as GpuBackend;

function check(ok: boolean, message: string): asserts ok {
  if (!ok) throw new Error(message);
}

const show = (v: unknown): string => JSON.stringify(v);

function equal(got: unknown, want: unknown, what: string): void {
  check(show(got) === show(want), `${what}: got ${show(got)}, expected ${show(want)}`);
}

function throws(f: () => unknown, want: string | RegExp, what: string): void {
  try {
    f();
  } catch (e) {
    const message = (e as Error).message;
    check(typeof want === 'string' ? message === want : want.test(message), `${what}: threw "${message}", expected ${String(want)}`);
    return;
  }
  throw new Error(`${what}: did not throw`);
}

/**
 * Both backends round every result to float32; the cpu computes each element in float64 first,
 * the gpu in float32 with intrinsics (exp, pow, division) a few ulps off: Vulkan allows
 * 3 + 2|x| ulp for exp, so with |x| <= 4 16 ulps per op covers it (pow aside: see powTerms). A
 * result folding `terms` values errs by up to terms ulps of `scale`, the largest partial sum
 * (Higham §4.2). Below the smallest normal float32, 2^-126, a device may flush to zero (GPUs do).
 * Non-finite results must match exactly: NaN for NaN, and ±inf with its sign.
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, terms: number | readonly number[], scale: number, what: string): void {
  equal(got.length, want.length, `${what}: length`);
  const wrong: string[] = [];
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    const t = typeof terms === 'number' ? terms : terms[i];
    const allowed = Math.max(16 * t * 2 ** -24 * Math.max(Math.abs(w), scale), 2 ** -126);
    if (Number.isFinite(w) ? !(Math.abs(g - w) <= allowed) : !Object.is(g, w)) {
      wrong.push(`element ${i}: got ${g}, expected ${w}${Number.isFinite(w) ? ` (allowed error ${allowed})` : ''}`);
    }
  }
  check(wrong.length === 0, `${what}, ${wrong.length} of ${want.length} wrong:\n${wrong.join('\n')}`);
}

/** Per result of `f`: its name and tolerance (`terms` per element, or one for all). */
interface Expectation {
  what: string;
  terms?: number | readonly number[];
  scale?: number;
}

/** Run `f` on the cpu and on the gpu mode (with `matmul` kernels) over equal tensors; compare each result's values. */
function agree(mode: string, f: () => Tensor[], expect: (i: number) => Expectation, matmul = 'auto'): void {
  setBackend('cpu');
  const want = f().map((t) => t.data());
  const backend = gpu(mode, matmul);
  const before = backend.kernelRuns;
  const got = f().map((t) => t.data());
  check(backend.kernelRuns > before, `no gpu kernel ran on ${mode}`);
  const wrong = got.flatMap((g, i) => {
    const { what, terms = 1, scale = 0 } = expect(i);
    try {
      expectClose(g, want[i], terms, scale, what);
      return [];
    } catch (e) {
      return [(e as Error).message];
    }
  });
  check(wrong.length === 0, wrong.join('\n'));
}

/**
 * pow(x, y) is exp2(y·log2 x) on a GPU, and Vulkan allows exp2 3 + 2|t| ulp at t = y·log2 x:
 * a tiny base to a negative power (1e-10 ** -4 is near the float32 maximum) has |t| near 128,
 * so each element gets (3 + 2|t|) ulp <= 16·(1 + |t|/8) ulp.
 */
function powTerms(bases: readonly number[], exponents: readonly number[]): number[] {
  return bases.map((x, i) => {
    const t = exponents[i] * Math.log2(Math.abs(x));
    return Number.isFinite(t) ? 1 + Math.abs(t) / 8 : 1;
  });
}

export interface Matrix {
  vs: number[];
  shape: number[];
}

const dim = fc.integer({ min: 1, max: 5 });
// no subnormal inputs: a GPU may flush them to zero, and log(0) is far from log(1e-45)
const value = fc.double({ min: -4, max: 4, noNaN: true }).map((v) => (Math.abs(v) < 2 ** -126 ? 0 : Math.fround(v)));
const matrix = (rows: number, cols: number) =>
  fc.array(value, { minLength: rows * cols, maxLength: rows * cols }).map((vs): Matrix => ({ vs, shape: [rows, cols] }));
/** A side of the blocked matmul's operands (see its property). */
const side = fc.oneof(fc.integer({ min: 1, max: 9 }), fc.constantFrom(16, 17));
const pair = fc.tuple(dim, dim, dim).chain(([m, n, k]) => fc.tuple(matrix(m, n), matrix(n, k), matrix(1, n)));
const make = ({ vs, shape }: Matrix): Tensor => tensor(vs, { shape });

/** Inputs where shaders' built-ins and JavaScript part ways: NaN, ±inf, ±0, negatives for log and sqrt, overflow. */
const SPECIALS = [NaN, Infinity, -Infinity, 0, -0, -1.5, 1.5, 0.5, -3, 2, 1e-30, -1e-30, 1e30, -1e30];

/** A check with no generated input. */
export interface Case {
  name: string;
  run(mode: string): void;
}

/** A property: `run` must hold for every value `arbitrary` generates, and for each of `examples`. */
export interface Property {
  name: string;
  arbitrary: fc.Arbitrary<unknown>;
  examples: readonly unknown[];
  run(mode: string, value: unknown): void;
}

function property<T>(name: string, arbitrary: fc.Arbitrary<T>, run: (mode: string, value: T) => void, examples: T[] = []): Property {
  return { name, arbitrary, examples, run: (mode, value) => run(mode, value as T) };
}

const BASIC_CASES: readonly Case[] = [
  {
    name: 'ops run as gpu.js kernels in the mode asked for, not a silent cpu fallback',
    run(mode) {
      const backend = gpu(mode);
      check(getBackend() === backend, 'getBackend() is not the backend selected');
      equal([backend.name, backend.mode], ['gpu', mode], 'backend');
      const before = backend.kernelRuns;
      const y = tensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]])).relu();
      equal(y.storage.backend, 'gpu', 'storage');
      equal(y.toArray(), [[3], [7]], 'relu(matmul)');
      // matmul, then relu fused with the copy that reads the result out: two kernels, each checked for its gpu.js mode
      equal(backend.kernelRuns - before, 2, 'kernels run');
    },
  },
  {
    name: 'results stay on the device between ops: only reading values copies them back',
    run(mode) {
      const backend = gpu(mode);
      const x = tensor([[0.1, -0.2], [0.3, 0.4]]);
      const before = backend.reads;
      const y = x.matmul(x.T).relu().add(1).exp().sum(1);
      equal(backend.reads - before, 0, 'reads while computing');
      y.data();
      equal(backend.reads - before, 1, 'reads after data()');
    },
  },
  {
    // an elementwise result runs when first needed: step 1's weight update runs in step 2
    name: 'a training-style loop builds its kernels in its first two steps, none after',
    run(mode) {
      const backend = gpu(mode);
      let w = tensor([[0.5, -0.25, 1]]);
      const x = tensor([[1, 2], [3, 4], [5, 6]]);
      const step = () => {
        const loss = w.matmul(x).square().sum();
        w = w.sub(w.mul(0.01));
        return loss;
      };
      step().item();
      step().item();
      const built = backend.kernelsBuilt;
      for (let i = 0; i < 5; i++) step().item();
      equal(backend.kernelsBuilt, built, 'kernels built after the second step');
    },
  },
  {
    name: 'an elementwise chain runs as one kernel, built once for every step of a loop',
    run(mode) {
      const backend = gpu(mode);
      const [w, b] = [tensor([[0.5, -2]]), tensor([[0.25, 1]])];
      const layer = (x: Tensor) => x.mul(w).add(b).tanh().mul(2).sub(x);
      layer(tensor([[1, 2], [3, 4]])).data();
      const [built, runs] = [backend.kernelsBuilt, backend.kernelRuns];
      // a new batch of the same shape each step: new values, the same kernel
      for (let i = 0; i < 3; i++) layer(tensor([[i, 1], [2, -i]])).data();
      equal(backend.kernelsBuilt, built, 'kernels built after the first step');
      // five ops and the read's copy, one kernel per step (uploads are not counted as runs)
      equal(backend.kernelRuns - runs, 3, 'kernels run in 3 steps');
    },
  },
  {
    name: 'float64 is refused with the op named, never downcast',
    run(mode) {
      gpu(mode);
      throws(() => tensor([1.5], { dtype: 'float64' }), "tensor: the gpu backend has no float64 (gpu.js computes in float32); use .to('float32') first, or setBackend('cpu') for float64", 'tensor');
      throws(() => tensor([1.5]).to('float64'), /^to: the gpu backend has no float64/, 'to');
      // each creation op makes its data on the host and uploads it: the error names the op called, not `tensor`
      const dtype = 'float64';
      const creators: [string, () => unknown][] = [
        ['zeros', () => zeros([2, 2], { dtype })], ['ones', () => ones([2], { dtype })], ['full', () => full([2], 3, { dtype })],
        ['arange', () => arange(0, 3, 1, { dtype })], ['linspace', () => linspace(0, 1, 3, { dtype })],
        ['eye', () => eye(2, 2, { dtype })], ['rand', () => rand([2], new Generator(0), { dtype })], ['randn', () => randn([2], new Generator(0), { dtype })],
        ['randint', () => randint(0, 3, [2], new Generator(0), { dtype })], ['fromHost', () => fromHost(new Float64Array(2), [2])],
      ];
      for (const [op, make] of creators) throws(make, `${op}: the gpu backend has no float64 (gpu.js computes in float32); use .to('float32') first, or setBackend('cpu') for float64`, op);
      throws(() => full([1], 2 ** 25, { dtype: 'int32' }), /^full: int32 value 33554432 is too large for the gpu backend/, 'full of a large int32');
      throws(() => fullLike(tensor([1], { dtype: 'int32' }), 2 ** 25), /^fullLike: int32 value 33554432 is too large for the gpu backend/, 'fullLike of a large int32');
    },
  },
  {
    name: 'int32 beyond 2^24 is refused: it is held as float32',
    run(mode) {
      gpu(mode);
      equal(tensor([2 ** 24, -(2 ** 24)], { dtype: 'int32' }).toArray(), [2 ** 24, -(2 ** 24)], '±2^24');
      throws(() => tensor([2 ** 24 + 1], { dtype: 'int32' }), 'tensor: int32 value 16777217 is too large for the gpu backend, which holds int32 as float32 (exact up to 2^24 = 16777216)', '2^24 + 1');
      // a result that grows past 2^24 on the device is refused when read, never handed back wrong
      const threes = tensor(new Int32Array(20).fill(3), { shape: [5, 4] });
      equal(threes.prod(1).toArray(), [81, 81, 81, 81, 81], 'prod over rows');
      throws(() => threes.prod().item(), /^gpu backend: an int32 result does not fit: past 2\^24 = 16777216 its float32 storage is no longer exact/, '3^20');
    },
  },
];

/**
 * Through every elementwise op, `values` (each unary op on them, each binary op on every pair)
 * give what the cpu gives. WGSL lets a device assume there is no NaN, and Chromium's WebGPU does:
 * there the check runs without NaN (`nan: false`).
 */
function specialValues(values: readonly number[]): Case {
  return {
    name: `${values.some(Number.isNaN) ? 'NaN, ' : ''}±inf, ±0, negative logs and overflow give what the cpu gives, in every elementwise op`,
    run(mode) {
      const [column, row] = [tensor([...values]).reshape([-1, 1]), tensor([...values]).reshape([1, -1])];
      const [bases, exponents] = [values.flatMap((a) => values.map(() => a)), values.flatMap(() => values)];
      agree(mode, () => [...UNARY_OPS.map((op) => column[op]()), ...BINARY_OPS.map((op) => binary(op, column, row))], (i) => {
        const op = i < UNARY_OPS.length ? UNARY_OPS[i] : BINARY_OPS[i - UNARY_OPS.length];
        const what = `${op} of ${show(values)}`;
        if (op === 'pow') return { what, terms: powTerms(bases, exponents) };
        // past |x| = 8192 sin and cos are the shader's own (see gpu/scalar.ts): only [-1, 1] is promised, an error up to 2
        if (op === 'sin' || op === 'cos') return { what, terms: values.map((x) => (Math.abs(x) > 8192 ? 2 ** 21 : 1)), scale: 1 };
        return { what };
      });
    },
  };
}

/** The checks with no generated input, NaN among the special values unless `nan` is false. */
export const cases = ({ nan = true } = {}): readonly Case[] =>
  [...BASIC_CASES, specialValues(SPECIALS.filter((v) => nan || !Number.isNaN(v)))];

// found by CI (seed -522022974): (-2.37e-10) ** -4 is 3.19e38, 19 ulp off on a WebGPU device
const tinyBaseNegativePower: [Matrix, Matrix, Matrix] = [
  { vs: [0, 0, 0, 0, 0, 0, 0, -2.365974638429691e-10], shape: [2, 4] }, { vs: [0, 0, 0, 0], shape: [4, 1] }, { vs: [0, 0, 0, -4], shape: [1, 4] },
];

export const PROPERTIES: readonly Property[] = [
  property('unary kernels agree with the cpu on a transposed view', fc.tuple(dim, dim).chain(([m, n]) => matrix(m, n)), (mode, a) => {
    agree(mode, () => UNARY_OPS.map((op) => make(a).T[op]()), (i) => ({ what: UNARY_OPS[i] }));
  }),
  property('binary kernels and where agree with the cpu, broadcasting a row', pair, (mode, [a, , row]) => {
    const n = row.shape[1];
    const ops = [...BINARY_OPS, 'where'];
    agree(mode, () => [
      ...BINARY_OPS.map((op) => binary(op, make(a), make(row))),
      where(make(a).gt(0), make(a), make(row)),
    ], (i) => ({ what: ops[i], terms: ops[i] === 'pow' ? powTerms(a.vs, a.vs.map((_, j) => row.vs[j % n])) : 1 }));
  }, [tinyBaseNegativePower]),
  property('reductions along each dim agree with the cpu', pair, (mode, [a]) => {
    const n = Math.max(...a.shape);
    const ops = ['sum', 'prod', 'max', 'min', 'argmax', 'argmin'] as const;
    // |x| <= 4: partial sums stay below 4n, partial products below 4^n
    agree(mode, () => [0, 1].flatMap((d) => ops.map((op) => make(a)[op](d))), (i) => ({ what: `${ops[i % ops.length]} over dim ${Math.floor(i / ops.length)}`, terms: n, scale: 4 ** n }));
  }),
  property('matmul agrees with the cpu, batched with broadcasting and transposed operands', pair, (mode, [a, b]) => {
    const k = a.shape[1];
    // products below 32 (the doubled operand), k of them summed
    agree(mode, () => {
      const [ta, tb] = [make(a), make(b)];
      return [ta.matmul(tb), tb.T.matmul(ta.T), ta.unsqueeze(0).expand(3, -1, -1).matmul(tb.mul(2))];
    }, (i) => ({ what: ['a @ b', 'b.T @ a.T', 'batched'][i], terms: k, scale: 32 * k }));
  }),
  // dims 1-9 reach size 1, multiples of 4 and the rest; 16 and 17 reach webgpu's 8 x 8 groups of
  // 2 x 2 blocks (matmul.ts) and their edge; `blocked` takes the mode's blocked plan at any size
  property(
    'the blocked matmul agrees with the cpu: any m, k, n, batched with broadcasting, transposed',
    fc.tuple(side, fc.integer({ min: 1, max: 9 }), side, fc.integer({ min: 1, max: 3 }))
      .chain(([m, k, n, batch]) => fc.tuple(matrix(m, k), matrix(k, n), fc.constant(batch))),
    (mode, [a, b, batch]: [Matrix, Matrix, number]) => {
      const k = a.shape[1];
      // products below 16 (|x| <= 4), k of them summed, in another order than the cpu's
      agree(mode, () => {
        const [ta, tb] = [make(a), make(b)];
        const stacked = tb.unsqueeze(0).expand(batch, -1, -1).add(arange(batch).reshape([batch, 1, 1]).mul(0.5));
        return [ta.matmul(tb), tb.T.matmul(ta.T), ta.matmul(stacked), ta.to('int32').matmul(tb.to('int32'))];
      }, (i) => ({ what: ['a @ b', 'b.T @ a.T', 'a @ batched b', 'int32'][i], terms: k, scale: 32 * k }), 'blocked');
    },
    [
      [{ vs: [1], shape: [1, 1] }, { vs: [2], shape: [1, 1] }, 2],
      // whole 8 x 8 groups on webgpu, with k past one unrolled step of 4 by 1
      [{ vs: Array.from({ length: 80 }, (_, i) => (i % 9) - 4), shape: [16, 5] }, { vs: Array.from({ length: 80 }, (_, i) => (i % 7) - 3), shape: [5, 16] }, 2],
    ] as [Matrix, Matrix, number][],
  ),
  property('fused elementwise chains agree with the cpu, shared subexpressions and broadcast operands too', pair, (mode, [a, , row]) => {
    // each op rounds to float32 once, on both backends; the chain's ops are few, each within 16 ulp
    agree(mode, () => {
      const [x, r] = [make(a), make(row)];
      const h = x.mul(r).add(r.exp()).tanh();
      const g = h.mul(h).neg().add(1).mul(x.sub(r));
      // longer than one kernel takes: cut into pieces
      let long = x;
      for (let i = 0; i < 30; i++) long = long.mul(0.9).add(r.mul(0.1));
      return [h, g, where(h.gt(0), g, h.sigmoid()), long, g.T.add(1)];
    }, (i) => ({ what: ['tanh(x r + exp r)', "tanh' (x - r)", 'where', '30 fused steps', 'transposed read of a pending result'][i], terms: i === 3 ? 60 : 4, scale: 8 }));
  }),
  property('gather, scatterAdd and concat agree with the cpu', pair, (mode, [a]) => {
    const [m, n] = a.shape;
    const index = tensor(Array.from({ length: m * n }, (_, i) => (i * 7) % m), { shape: [m, n], dtype: 'int32' });
    // scatterAdd sums up to m values below 4
    agree(mode, () => [
      make(a).gather(0, index),
      scatterAdd([m, n], 0, index, make(a)),
      // more pieces than one kernel binds, so the join runs in chunks
      concat(Array.from({ length: 9 }, (_, i) => make(a).T.add(i)), 1),
      make(a).to('int32'),
    ], (i) => ({ what: ['gather', 'scatterAdd', 'concat', 'to int32'][i], terms: m, scale: 4 * m }));
  }),
  // a shader's sin and cos promise only 2^-11 absolute, on [-π, π]: useless near a root
  property(
    'sin and cos are within 2^-23 of the exact value up to |x| = 8192, at multiples of π/2 too',
    fc.array(fc.oneof(fc.integer({ min: -5215, max: 5215 }).map((k) => (k * Math.PI) / 2), fc.double({ min: -8192, max: 8192, noNaN: true })), { minLength: 1, maxLength: 64 }),
    (mode, vs) => {
      gpu(mode);
      const x = tensor(vs);
      for (const op of ['sin', 'cos'] as const) {
        const got = x[op]().data();
        x.data().forEach((v, i) => check(Math.abs(got[i] - Math[op](v)) <= 2 ** -23, `${op}(${v}) = ${got[i]}, exact ${Math[op](v)}`));
      }
    },
  ),
];
