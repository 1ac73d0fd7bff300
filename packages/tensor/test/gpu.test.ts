/**
 * The gpu backend itself: it really runs on the mode asked for, builds each kernel once, refuses
 * float64 and oversized int32 with clear errors, and every kernel agrees with the cpu backend
 * (a separate implementation: typed-array loops in float64 arithmetic) on strided, broadcast
 * operands. The full property suite runs on gpu modes through backends.ts as well.
 */
import fc from 'fast-check';
import { it } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import {
  binary, concat, disposeGpu, getBackend, scatterAdd, setBackend, type Tensor, tensor, where, BINARY_OPS, UNARY_OPS,
} from '../src/index.ts';
import { GPU_MODES, type GpuBackend } from '../src/gpu/index.ts';

const inDeno = 'Deno' in globalThis;

/** The gpu modes that start on this machine. */
const modes = GPU_MODES.filter((mode) => {
  try {
    setBackend('gpu', { mode });
    return true;
  } catch {
    return false;
  } finally {
    setBackend('cpu');
  }
});

const gpu = (mode: string): GpuBackend => setBackend('gpu', { mode }) as GpuBackend;

/**
 * Both backends round every result to float32; the cpu computes each element in float64 first,
 * the gpu in float32 with intrinsics (exp, log, pow, division) a few ulps off: Vulkan allows
 * 3 + 2|x| ulp for exp, so with |x| <= 4 here 16 ulps per op covers it (pow aside: see powTerms). A result folding `terms`
 * values errs by up to terms ulps of `scale`, the largest partial sum (Higham §4.2). Below the
 * smallest normal float32, 2^-126, a device may flush to zero (GPUs do).
 */
function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, terms: number, scale: number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const [g, w] = [got[i], want[i]];
    if (!Number.isFinite(w)) {
      expect(g, `element ${i}`).toBe(w); // toBe treats NaN as equal to NaN
      continue;
    }
    const allowed = Math.max(16 * terms * 2 ** -24 * Math.max(Math.abs(w), scale), 2 ** -126);
    expect(Math.abs(g - w), `element ${i}: got ${g}, expected ${w}`).toBeLessThanOrEqual(allowed);
  }
}

/** Run `f` on the cpu and on the gpu mode over equal tensors; compare each result's values (`terms` per result, or one for all). */
function agree(mode: string, f: () => Tensor[], terms: number | number[] = 1, scale = 0): void {
  setBackend('cpu');
  const want = f().map((t) => t.data());
  const backend = gpu(mode);
  const before = backend.kernelRuns;
  const got = f().map((t) => t.data());
  expect(backend.kernelRuns).toBeGreaterThan(before);
  got.forEach((g, i) => expectClose(g, want[i], typeof terms === 'number' ? terms : terms[i], scale));
}

// a Deno WebGPU readback waits ~11 ms (mapAsync polls every 10 ms): fewer cases there
const runs = { numRuns: inDeno ? 6 : 25 };
const dim = fc.integer({ min: 1, max: 5 });
// no subnormal inputs: a GPU may flush them to zero, and log(0) is far from log(1e-45)
const value = fc.double({ min: -4, max: 4, noNaN: true }).map((v) => (Math.abs(v) < 2 ** -126 ? 0 : Math.fround(v)));
const matrix = (rows: number, cols: number) =>
  fc.array(value, { minLength: rows * cols, maxLength: rows * cols }).map((vs) => ({ vs, shape: [rows, cols] }));
const pair = fc.tuple(dim, dim, dim).chain(([m, n, k]) => fc.tuple(matrix(m, n), matrix(n, k), matrix(1, n)));
/**
 * pow(x, y) is exp2(y·log2 x) on a GPU, and Vulkan allows exp2 3 + 2|t| ulp at t = y·log2 x:
 * a tiny base to a negative power (1e-10 ** -4 is near the float32 maximum) has |t| near 128,
 * so pow is checked against the largest |t| in the case: (3 + 2|t|) ulp <= 16·(1 + |t|/8) ulp.
 */
function powTerms(base: Matrix, row: Matrix): number {
  const n = row.shape[1];
  const t = base.vs.map((x, i) => (x === 0 ? 0 : Math.abs(row.vs[i % n] * Math.log2(Math.abs(x)))));
  return 1 + Math.max(0, ...t) / 8;
}
type Matrix = { vs: number[]; shape: number[] };
const make = ({ vs, shape }: Matrix): Tensor => tensor(vs, { shape });

// a Deno WebGPU case reads back a dozen results at ~11 ms each: more than vitest's 5 s default on a busy machine
describe.each(modes)('gpu backend, %s mode', { timeout: 60_000 }, (mode) => {
  test('ops run as gpu.js kernels in the mode asked for, not a silent cpu fallback', () => {
    const backend = gpu(mode);
    expect(getBackend()).toBe(backend);
    expect([backend.name, backend.mode]).toEqual(['gpu', mode]);
    const before = backend.kernelRuns;
    const y = tensor([[1, 2], [3, 4]]).matmul(tensor([[1], [1]])).relu();
    expect(y.storage.backend).toBe('gpu');
    expect(y.toArray()).toEqual([[3], [7]]);
    // matmul, relu and the copy that reads the result out: three kernels, each checked for its gpu.js mode
    expect(backend.kernelRuns - before).toBe(3);
  });

  test('a training-style loop builds its kernels once', () => {
    const backend = gpu(mode);
    let w = tensor([[0.5, -0.25, 1]]);
    const x = tensor([[1, 2], [3, 4], [5, 6]]);
    const step = () => {
      const loss = w.matmul(x).square().sum();
      w = w.sub(w.mul(0.01));
      return loss;
    };
    step().item();
    const built = backend.kernelsBuilt;
    for (let i = 0; i < 5; i++) step().item();
    expect(backend.kernelsBuilt).toBe(built);
  });

  test('float64 is refused with the op named, never downcast', () => {
    gpu(mode);
    expect(() => tensor([1.5], { dtype: 'float64' })).toThrow("tensor: the gpu backend has no float64 (gpu.js computes in float32); use .to('float32') first, or setBackend('cpu') for float64");
    expect(() => tensor([1.5]).to('float64')).toThrow(/^to: the gpu backend has no float64/);
  });

  // a shader's sin and cos promise only 2^-11 absolute, on [-π, π]: useless near a root
  it.prop([fc.array(fc.oneof(fc.integer({ min: -5215, max: 5215 }).map((k) => (k * Math.PI) / 2), fc.double({ min: -8192, max: 8192, noNaN: true })), { minLength: 1, maxLength: 64 })], runs)(
    'sin and cos are within 2^-23 of the exact value up to |x| = 8192, at multiples of π/2 too',
    (vs) => {
      gpu(mode);
      const x = tensor(vs);
      for (const op of ['sin', 'cos'] as const) {
        const got = x[op]().data();
        x.data().forEach((v, i) => expect(Math.abs(got[i] - Math[op](v)), `${op}(${v}) = ${got[i]}`).toBeLessThanOrEqual(2 ** -23));
      }
    },
  );

  test('int32 beyond 2^24 is refused: it is held as float32', () => {
    gpu(mode);
    expect(tensor([2 ** 24, -(2 ** 24)], { dtype: 'int32' }).toArray()).toEqual([2 ** 24, -(2 ** 24)]);
    expect(() => tensor([2 ** 24 + 1], { dtype: 'int32' })).toThrow('tensor: int32 value 16777217 is too large for the gpu backend, which holds int32 as float32 (exact up to 2^24 = 16777216)');
    // a result that grows past 2^24 on the device is refused when read, never handed back wrong
    const threes = tensor(new Int32Array(20).fill(3), { shape: [5, 4] });
    expect(threes.prod(1).toArray()).toEqual([81, 81, 81, 81, 81]);
    expect(() => threes.prod().item()).toThrow(/^gpu backend: an int32 result does not fit: past 2\^24 = 16777216 its float32 storage is no longer exact/);
  });

  it.prop([fc.tuple(dim, dim).chain(([m, n]) => matrix(m, n))], runs)('unary kernels agree with the cpu on a transposed view', (a) => {
    agree(mode, () => UNARY_OPS.map((op) => make(a).T[op]()));
  });

  // found by CI (seed -522022974): (-2.37e-10) ** -4 is 3.19e38, 19 ulp off on a WebGPU device
  const tinyBaseNegativePower: [Matrix, Matrix, Matrix] = [
    { vs: [0, 0, 0, 0, 0, 0, 0, -2.365974638429691e-10], shape: [2, 4] }, { vs: [0, 0, 0, 0], shape: [4, 1] }, { vs: [0, 0, 0, -4], shape: [1, 4] },
  ];
  it.prop([pair], { ...runs, examples: [[tinyBaseNegativePower]] })('binary kernels and where agree with the cpu, broadcasting a row', ([a, , row]) => {
    agree(mode, () => [
      ...BINARY_OPS.map((op) => binary(op, make(a), make(row))),
      where(make(a).gt(0), make(a), make(row)),
    ], [...BINARY_OPS.map((op) => (op === 'pow' ? powTerms(a, row) : 1)), 1]);
  });

  it.prop([pair], runs)('reductions along each dim agree with the cpu', ([a]) => {
    const n = Math.max(...a.shape);
    agree(mode, () => [0, 1].flatMap((d) => [
      make(a).sum(d), make(a).prod(d), make(a).max(d), make(a).min(d), make(a).argmax(d), make(a).argmin(d),
    ]), n, 4 ** n); // |x| <= 4: partial sums stay below 4n, partial products below 4^n
  });

  it.prop([pair], runs)('matmul agrees with the cpu, batched with broadcasting and transposed operands', ([a, b]) => {
    const k = a.shape[1];
    agree(mode, () => {
      const [ta, tb] = [make(a), make(b)];
      return [ta.matmul(tb), tb.T.matmul(ta.T), ta.unsqueeze(0).expand(3, -1, -1).matmul(tb.mul(2))];
    }, k, 32 * k); // products below 32 (the doubled operand), k of them summed
  });

  it.prop([pair], runs)('gather, scatterAdd and concat agree with the cpu', ([a]) => {
    const [m, n] = a.shape;
    const index = tensor(Array.from({ length: m * n }, (_, i) => (i * 7) % m), { shape: [m, n], dtype: 'int32' });
    agree(mode, () => [
      make(a).gather(0, index),
      scatterAdd([m, n], 0, index, make(a)),
      // more pieces than one kernel binds, so the join runs in chunks
      concat(Array.from({ length: 9 }, (_, i) => make(a).T.add(i)), 1),
      make(a).to('int32'),
    ], m, 4 * m); // scatterAdd sums up to m values below 4
  });
});

describe('gpu backend selection', () => {
  test('auto takes webgpu under Deno (it has an adapter here) and a gpu.js mode that runs otherwise', () => {
    const auto = setBackend('gpu') as GpuBackend;
    expect(auto.mode).toBe(modes[0]);
    if (inDeno) expect(auto.mode).toBe('webgpu');
    setBackend('cpu');
  });

  test('disposeGpu stops every gpu backend; selecting one again starts afresh', () => {
    const first = gpu(modes[0]);
    disposeGpu();
    const again = gpu(modes[0]);
    expect(again).not.toBe(first);
    expect(tensor([1, 2]).add(1).toArray()).toEqual([2, 3]);
    setBackend('cpu');
  });

  test('selecting the same mode again keeps tensors made before usable (one device per mode)', () => {
    gpu(modes[0]);
    const before = tensor([[1, 2], [3, 4]]);
    expect(before.matmul(before).toArray()).toEqual([[7, 10], [15, 22]]);
    setBackend('cpu');
    gpu(modes[0]);
    expect(tensor([[1, 0], [0, 1]]).matmul(before).add(1).toArray()).toEqual([[2, 3], [4, 5]]);
    setBackend('cpu');
  });

  test('an unknown or unavailable mode is a clear error', () => {
    expect(() => setBackend('gpu', { mode: 'cuda' })).toThrow("setBackend: unknown gpu mode 'cuda'; expected 'auto' or one of webgpu, webgl2, webgl, headlessgl, webasm, cpu");
    expect(() => setBackend('gpu', { mode: 'webgl2' })).toThrow(/^setBackend: gpu mode 'webgl2' is not available here \(gpu\.js cannot run it on this platform\); available: .*cpu$/);
  });
});
