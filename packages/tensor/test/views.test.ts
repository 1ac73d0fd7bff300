/** Views: shape, strides and offset change, storage is shared, values follow the oracle's index arithmetic. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { getBackend, ShapeError, type Tensor, tensor } from '../src/index.ts';
import { anyOperandArb, build, operandArb, refOf, sameCountShapeArb, shapeArb, sizeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { count, fromFunction, get, map, nested, permute, type Ref, unravel } from './oracle.ts';

const runs = { numRuns: 60 };
const values = (t: Tensor): number[] => Array.from(t.data());

/** Reads every element through shape, strides and offset, by hand: checks a view's metadata without any kernel. */
function readThroughStrides(t: Tensor): number[] {
  const storage = getBackend().download(t.storage);
  return Array.from({ length: count(t.shape) }, (_, i) =>
    storage[unravel(i, t.shape).reduce((at, k, d) => at + k * t.strides[d], t.offset)]);
}

function expectSameValues(t: Tensor, ref: Ref): void {
  expect(t.shape).toEqual(ref.shape);
  expect(values(t)).toEqual(ref.data);
}

describeBackends('views', (b) => {
  const operands = anyOperandArb(b.dtypes);

  it.prop([operands], runs)('generated operands hold the oracle values behind odd strides', (r) => {
    const t = build(r);
    const ref = refOf(r);
    expect(t.shape).toEqual(r.shape);
    expect(readThroughStrides(t)).toEqual(ref.data);
    expect(values(t)).toEqual(ref.data);
    expect(t.toArray()).toEqual(nested(ref));
  });

  it.prop([operands], runs)('data() is a fresh copy: writing to it changes nothing', (r) => {
    const t = build(r);
    const copy = t.data();
    copy.fill(7);
    expect(values(t)).toEqual(refOf(r).data);
  });

  it.prop([operands.chain((r) => fc.tuple(fc.constant(r), sameCountShapeArb(r.shape), fc.nat()))], runs)(
    'reshape keeps row-major order and round-trips, with -1 inferred',
    ([r, shape, hole]) => {
      const t = build(r);
      const there = t.reshape(shape);
      expectSameValues(there, { shape, data: refOf(r).data });
      expectSameValues(there.reshape(r.shape), refOf(r));
      if (count(shape) > 0 && shape.length > 0) {
        const withHole = shape.map((d, i) => (i === hole % shape.length ? -1 : d));
        expect(t.reshape(withHole).shape).toEqual(shape);
      }
    },
  );

  it.prop([operands.chain((r) => fc.tuple(fc.constant(r), sameCountShapeArb(r.shape)))], runs)(
    'view shares storage when the strides allow it, always does on a contiguous tensor, and says "use reshape" otherwise',
    ([r, shape]) => {
      const t = build(r);
      const c = t.contiguous();
      const v = c.view(shape);
      expect(v.storage).toBe(c.storage);
      expectSameValues(v, { shape, data: refOf(r).data });
      try {
        const w = t.view(shape);
        expect(w.storage).toBe(t.storage);
        expectSameValues(w, { shape, data: refOf(r).data });
      } catch (e) {
        expect(e).toBeInstanceOf(ShapeError);
        expect((e as Error).message).toMatch(/^view: .* use reshape$/);
      }
    },
  );

  it('view refuses to flatten a transposed matrix, which reshape copies', () => {
    const t = tensor([[1, 2, 3], [4, 5, 6]]).T;
    expect(() => t.view(6)).toThrow(new ShapeError('view: shape [3,2] with strides [1,3] cannot be viewed as [6] without a copy; use reshape'));
    expect(values(t.reshape(6))).toEqual([1, 4, 2, 5, 3, 6]);
  });

  const permutation = (rank: number) => fc.shuffledSubarray([...Array(rank).keys()], { minLength: rank, maxLength: rank });

  it.prop([operands.chain((r) => fc.tuple(fc.constant(r), permutation(r.shape.length)))], runs)(
    'permute follows the oracle, shares storage, and its inverse undoes it',
    ([r, perm]) => {
      const t = build(r);
      const p = t.permute(perm);
      expect(p.storage).toBe(t.storage);
      expectSameValues(p, permute(refOf(r), perm));
      const back = p.permute(perm.map((_, d) => perm.indexOf(d)));
      expect([back.shape, back.strides, back.offset]).toEqual([t.shape, t.strides, t.offset]);
    },
  );

  it.prop([anyOperandArb(b.dtypes, shapeArb({ minRank: 1 })).chain((r) => fc.tuple(fc.constant(r), fc.nat(), fc.nat()))], runs)(
    'transpose swaps two axes (negative dims count from the end) and is its own inverse',
    ([r, i, j]) => {
      const rank = r.shape.length;
      const [d0, d1] = [i % rank, j % rank];
      const t = build(r);
      const swapped = t.transpose(d0 - rank, d1);
      const perm = [...Array(rank).keys()];
      [perm[d0], perm[d1]] = [perm[d1], perm[d0]];
      expectSameValues(swapped, permute(refOf(r), perm));
      const back = swapped.transpose(d0, d1);
      expect([back.shape, back.strides, back.offset]).toEqual([t.shape, t.strides, t.offset]);
    },
  );

  it.prop([operands], runs)('T reverses the axes and mT swaps the last two, like PyTorch', (r) => {
    const t = build(r);
    const rank = r.shape.length;
    expectSameValues(t.T, permute(refOf(r), [...Array(rank).keys()].reverse()));
    if (rank >= 2) expectSameValues(t.mT, permute(refOf(r), [...Array(rank - 2).keys(), rank - 1, rank - 2]));
  });

  it.prop([operands.chain((r) => fc.tuple(fc.constant(r), fc.nat()))], runs)(
    'unsqueeze inserts a size-1 axis that squeeze removes again',
    ([r, at]) => {
      const t = build(r);
      const d = at % (r.shape.length + 1);
      const u = t.unsqueeze(d);
      const shape = [...r.shape.slice(0, d), 1, ...r.shape.slice(d)];
      expect(u.storage).toBe(t.storage);
      expectSameValues(u, { shape, data: refOf(r).data });
      expectSameValues(u.squeeze(d), refOf(r));
      expectSameValues(t.squeeze(), { shape: r.shape.filter((s) => s !== 1), data: refOf(r).data });
      expectSameValues(u.unsqueeze(-1).squeeze([d, -1]), refOf(r));
    },
  );

  it.prop([operands.chain((r) => fc.tuple(fc.constant(r), fc.array(sizeArb(), { maxLength: 2 }), fc.array(sizeArb(), { minLength: r.shape.length, maxLength: r.shape.length }), fc.array(fc.boolean(), { minLength: r.shape.length, maxLength: r.shape.length })))], runs)(
    'expand broadcasts size-1 axes with stride 0 and adds leading axes (-1 keeps a size)',
    ([r, lead, grown, keep]) => {
      const t = build(r);
      const target = [...lead, ...r.shape.map((d, i) => (d === 1 && !keep[i] ? grown[i] : d))];
      const request = [...lead, ...r.shape.map((_, i) => (keep[i] ? -1 : target[lead.length + i]))];
      const e = t.expand(request);
      expect(e.storage).toBe(t.storage);
      const ref = refOf(r);
      expectSameValues(e, fromFunction(target, (idx) => get(ref, idx.slice(lead.length).map((k, d) => (r.shape[d] === 1 ? 0 : k)))));
    },
  );

  const bound = fc.option(fc.integer({ min: -7, max: 7 }), { nil: undefined });
  it.prop([anyOperandArb(b.dtypes, shapeArb({ minRank: 1 })).chain((r) => fc.tuple(fc.constant(r), fc.nat(), bound, bound, fc.integer({ min: 1, max: 3 })))], runs)(
    'slice follows Python slicing (negative and out-of-range bounds, steps) and shares storage',
    ([r, at, start, end, step]) => {
      const d = at % r.shape.length;
      const n = r.shape[d];
      const clampBound = (i: number) => (i < 0 ? Math.max(0, i + n) : Math.min(i, n));
      const picked: number[] = [];
      for (let i = start === undefined ? 0 : clampBound(start); i < (end === undefined ? n : clampBound(end)); i += step) picked.push(i);
      const t = build(r);
      const s = t.slice(d, start, end, step);
      expect(s.storage).toBe(t.storage);
      const ref = refOf(r);
      expectSameValues(s, fromFunction(r.shape.map((k, i) => (i === d ? picked.length : k)), (idx) =>
        get(ref, idx.map((k, i) => (i === d ? picked[k] : k)))));
    },
  );

  it.prop([anyOperandArb(b.dtypes, shapeArb({ minRank: 1 })).chain((r) => fc.tuple(fc.constant(r), fc.nat(), fc.nat(), fc.nat()))], runs)(
    'narrow(dim, start, length) is slice(dim, start, start + length)',
    ([r, at, s, l]) => {
      const d = at % r.shape.length;
      const start = s % (r.shape[d] + 1);
      const length = l % (r.shape[d] - start + 1);
      const t = build(r);
      expectSameValues(t.narrow(d, start, length), { shape: t.slice(d, start, start + length).shape, data: values(t.slice(d, start, start + length)) });
      expect(t.narrow(d, start - r.shape[d], length).offset).toBe(t.narrow(d, start, length).offset);
    },
  );

  it.prop([anyOperandArb(b.dtypes, shapeArb({ minRank: 1 })).chain((r) => fc.tuple(fc.constant(r), fc.nat(), fc.nat()))], runs)(
    'flatten merges the axes from startDim to endDim',
    ([r, i, j]) => {
      const rank = r.shape.length;
      const [s, e] = [Math.min(i % rank, j % rank), Math.max(i % rank, j % rank)];
      const shape = [...r.shape.slice(0, s), count(r.shape.slice(s, e + 1)), ...r.shape.slice(e + 1)];
      expectSameValues(build(r).flatten(s, e), { shape, data: refOf(r).data });
      expectSameValues(build(r).flatten(), { shape: [count(r.shape)], data: refOf(r).data });
    },
  );

  it.prop([operands], runs)('contiguous() copies into row-major strides only when needed; clone() always copies', (r) => {
    const t = build(r);
    const c = t.contiguous();
    expectSameValues(c, refOf(r));
    const rowMajor = r.shape.map((_, d) => count(r.shape.slice(d + 1)));
    expect(c.strides.filter((_, d) => r.shape[d] !== 1)).toEqual(rowMajor.filter((_, d) => r.shape[d] !== 1));
    expect(c.contiguous()).toBe(c);
    const k = c.clone();
    expect(k.storage).not.toBe(c.storage);
    expectSameValues(k, refOf(r));
  });

  const floats = b.dtypes.filter((d) => d !== 'int32');
  const castable = fc.constantFrom(...floats).chain((dtype) => operandArb(dtype, shapeArb(), { values: valueArb(dtype, { min: -1e6, max: 1e6, specials: false }) }));
  it.prop([castable, fc.constantFrom(...b.dtypes)], runs)('to(dtype) rounds to the new type; int32 truncates toward zero', (r, dtype) => {
    const c = build(r).to(dtype);
    expect(c.dtype).toBe(dtype);
    const round = dtype === 'int32' ? Math.trunc : dtype === 'float32' ? Math.fround : (v: number) => v;
    expectSameValues(c, map(refOf(r), (v) => (dtype === 'int32' ? round(v) + 0 : round(v)))); // + 0 turns -0 into 0: Int32Array has no -0
  });

  it.prop([anyOperandArb(b.dtypes, fc.array(fc.constant(1), { maxLength: 4 }))], runs)('item() reads the one element of any rank', (r) => {
    expect(build(r).item()).toBe(refOf(r).data[0]);
  });
});
