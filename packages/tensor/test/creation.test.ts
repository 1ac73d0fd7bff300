/** Making tensors: from nested arrays and typed arrays, constant fills, ranges and the identity. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { arange, eye, full, fullLike, linspace, ones, onesLike, scalar, type Tensor, tensor, zeros, zerosLike } from '../src/index.ts';
import { shapeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { count, type DType, fromFunction, nested, storeAs } from './oracle.ts';

const runs = { numRuns: 60 };
const values = (t: Tensor): number[] => Array.from(t.data());

describeBackends('creation', (b) => {
  const dtypes = fc.constantFrom(...b.dtypes);
  const filled = dtypes.chain((dtype) =>
    shapeArb().chain((shape) => fc.tuple(fc.constant(dtype), fc.constant(shape), fc.array(valueArb(dtype), { minLength: count(shape), maxLength: count(shape) }))));

  it.prop([filled], runs)('tensor(nested) infers the shape and toArray() gives the same nesting back', ([dtype, shape, vs]) => {
    const t = tensor(nested({ shape, data: vs }) as number[], { dtype });
    expect([t.shape, t.dtype]).toEqual([shape.includes(0) ? shape.slice(0, shape.indexOf(0) + 1) : shape, dtype]);
    expect(t.toArray()).toEqual(nested({ shape, data: vs }));
  });

  it.prop([filled], runs)('tensor(typedArray, {shape}) copies the values: later writes to the source do not leak in', ([dtype, shape, vs]) => {
    const src = dtype === 'int32' ? Int32Array.from(vs) : dtype === 'float32' ? Float32Array.from(vs) : Float64Array.from(vs);
    const t = tensor(src, { shape });
    expect([t.shape, t.dtype]).toEqual([shape, dtype]);
    src.fill(3);
    expect(values(t)).toEqual(vs);
  });

  it.prop([filled, dtypes], runs)('tensor(values, {dtype}) rounds each value to the dtype', ([, shape, vs], dtype) => {
    const t = tensor(Float64Array.from(vs), { shape, dtype });
    expect(values(t)).toEqual(vs.map((v) => storeAs(dtype, v)));
  });

  it('nested numbers default to float32, typed arrays keep their type', () => {
    expect(tensor([[1, 2]]).dtype).toBe('float32');
    expect(tensor(new Int32Array(2)).dtype).toBe('int32');
  });

  it.skipIf(!b.dtypes.includes('float64'))('a Float64Array stays float64', () => {
    expect(tensor(new Float64Array(2)).dtype).toBe('float64');
    expect(scalar(2.5, 'float64').shape).toEqual([]);
  });

  it.prop([shapeArb(), dtypes, valueArb('float64')], runs)('zeros, ones, full and the *Like forms fill every element', (shape, dtype, v) => {
    const fill = (t: Tensor, x: number) => {
      expect([t.shape, t.dtype]).toEqual([shape, dtype]);
      expect(values(t)).toEqual(Array(count(shape)).fill(storeAs(dtype, x)));
    };
    fill(zeros(shape, { dtype }), 0);
    fill(ones(shape, { dtype }), 1);
    fill(full(shape, v, { dtype }), v);
    const like = full(shape, v, { dtype });
    fill(zerosLike(like), 0);
    fill(onesLike(like), 1);
    fill(fullLike(like, 2), 2);
  });

  const bound = fc.oneof(fc.integer({ min: -20, max: 20 }), fc.double({ min: -20, max: 20, noNaN: true }));
  const step = fc.oneof(fc.integer({ min: -4, max: 4 }), fc.double({ min: -4, max: 4, noNaN: true })).filter((s) => Math.abs(s) > 0.05);
  it.prop([bound, bound, step], runs)('arange(start, end, step) counts ceil((end - start) / step) values start + i·step', (start, end, s) => {
    const t = arange(start, end, s);
    const n = Math.max(0, Math.ceil((end - start) / s));
    const dtype: DType = [start, end, s].every(Number.isInteger) ? 'int32' : 'float32';
    expect([t.shape, t.dtype]).toEqual([[n], dtype]);
    expect(values(t)).toEqual(Array.from({ length: n }, (_, i) => storeAs(dtype, start + i * s)));
  });

  it.prop([fc.integer({ min: 0, max: 50 })], runs)('arange(n) is 0..n-1 as int32', (n) => {
    expect(values(arange(n))).toEqual([...Array(n).keys()]);
  });

  // exactness is a float64 claim, so it is registered only where the backend holds float64 (not gpu)
  if (b.dtypes.includes('float64')) it.prop([fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.integer({ min: 0, max: 40 })], runs)(
    'linspace hits both ends exactly with equal gaps between',
    (start, end, steps) => {
      const t = linspace(start, end, steps, { dtype: 'float64' });
      const v = values(t);
      expect(t.shape).toEqual([steps]);
      if (steps > 0) expect(v[0]).toBe(start);
      if (steps > 1) expect(v[steps - 1]).toBe(end);
      const gap = steps > 1 ? (end - start) / (steps - 1) : 0;
      // each value is one multiply-add from start: a few ulps of the largest magnitude involved
      v.forEach((x, i) => expect(Math.abs(x - (start + i * gap))).toBeLessThanOrEqual(4e-16 * (Math.abs(start) + Math.abs(end) + 1)));
    },
  );

  it.prop([fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 6 }), dtypes], runs)('eye(n, m) has ones exactly on the diagonal', (n, m, dtype) => {
    const t = eye(n, m, { dtype });
    expect([t.shape, t.dtype]).toEqual([[n, m], dtype]);
    expect(values(t)).toEqual(fromFunction([n, m], ([i, j]) => (i === j ? 1 : 0)).data);
    expect(values(eye(n))).toEqual(fromFunction([n, n], ([i, j]) => (i === j ? 1 : 0)).data);
  });
});
