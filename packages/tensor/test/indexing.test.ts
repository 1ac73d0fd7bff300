/** Joining and indexing (concat, stack, gather, indexSelect, scatterAdd, oneHot) against index loops. */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { concat, oneHot, scatterAdd, stack, tensor } from '../src/index.ts';
import { build, type Recipe, recipeArb, refOf, shapeArb, sizeArb, valueArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { expectClose, expectUnchanged } from './expect.ts';
import { count, type DType, fromFunction, get, ravel, storeAs, sumOf, unravel } from './oracle.ts';

const runs = { numRuns: 40 };

const promote = (ds: DType[]): DType => (ds.includes('float64') ? 'float64' : ds.includes('float32') ? 'float32' : 'int32');
const withAxis = (index: readonly number[], d: number, v: number): number[] => index.map((k, i) => (i === d ? v : k));

/** An int32 index tensor of `shape` whose entries lie in [0, size), laid out with odd strides like any operand. */
const indexArb = (shape: number[], size: number): fc.Arbitrary<Recipe> =>
  recipeArb(shape, 'int32', { values: fc.integer({ min: 0, max: Math.max(size - 1, 0) }), broadcast: size > 0 });

describeBackends('indexing', (b) => {
  const dtypes = fc.constantFrom(...b.dtypes);

  const concatCase = fc.tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.nat(), fc.array(fc.tuple(sizeArb(), dtypes), { minLength: 1, maxLength: 3 }))
    .chain(([shape, at, parts]) => {
      const d = at % shape.length;
      return fc.tuple(fc.constant(d), fc.tuple(...parts.map(([n, dtype]) => recipeArb(withAxis(shape, d, n), dtype))));
    });

  it.prop([concatCase], runs)('concat lays the pieces end to end along dim and promotes dtypes', ([d, rs]) => {
    const xs = rs.map(build);
    const out = expectUnchanged(xs, () => concat(xs, d - rs[0].shape.length));
    const dtype = promote(rs.map((r) => r.dtype));
    expect(out.dtype).toBe(dtype);
    const refs = rs.map(refOf);
    const starts = refs.map((_, i) => sumOf(refs.slice(0, i).map((r) => r.shape[d])));
    const shape = withAxis(refs[0].shape, d, sumOf(refs.map((r) => r.shape[d])));
    expectClose(out, fromFunction(shape, (idx) => {
      let piece = 0;
      while (idx[d] >= starts[piece] + refs[piece].shape[d]) piece++;
      return storeAs(dtype, get(refs[piece], withAxis(idx, d, idx[d] - starts[piece])));
    }));
  });

  const stackCase = fc.tuple(shapeArb({ maxRank: 3 }), dtypes, fc.integer({ min: 1, max: 3 }), fc.nat())
    .chain(([shape, dtype, k, at]) => fc.tuple(fc.constant(at % (shape.length + 1)), fc.array(recipeArb(shape, dtype), { minLength: k, maxLength: k })));

  it.prop([stackCase], runs)('stack puts the tensors side by side along a new dim', ([d, rs]) => {
    const refs = rs.map(refOf);
    const shape = [...refs[0].shape.slice(0, d), rs.length, ...refs[0].shape.slice(d)];
    const xs = rs.map(build);
    expectClose(expectUnchanged(xs, () => stack(xs, d)), fromFunction(shape, (idx) => get(refs[idx[d]], idx.filter((_, i) => i !== d))));
  });

  /** x, a dim, an index no larger than x outside that dim (entries in range), and a src of the index's shape. */
  const gatherCase = (values?: (dtype: DType) => fc.Arbitrary<number>) => dtypes.chain((dtype) =>
    fc.tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.nat(), fc.array(fc.nat(), { minLength: 3, maxLength: 3 }), sizeArb())
      .chain(([shape, at, shrink, along]) => {
        const d = at % shape.length;
        const indexShape = shape.map((s, i) => (i === d ? (shape[d] === 0 ? 0 : along) : s - (shrink[i] % (s + 1))));
        const options = values ? { values: values(dtype) } : {};
        return fc.tuple(fc.constant(d), recipeArb(shape, dtype, options), indexArb(indexShape, shape[d]), recipeArb(indexShape, dtype, options));
      }));

  it.prop([gatherCase()], runs)('gather reads x at the index along dim (torch.gather)', ([d, rx, ri]) => {
    const [x, index] = [build(rx), build(ri)];
    const [xr, ir] = [refOf(rx), refOf(ri)];
    const out = expectUnchanged([x, index], () => x.gather(d, index));
    expect(out.dtype).toBe(rx.dtype);
    expectClose(out, fromFunction(ir.shape, (idx) => get(xr, withAxis(idx, d, get(ir, idx)))));
  });

  it.prop([gatherCase()], runs)('scatterAdd adds each src entry at its index along dim, into zeros', ([d, rx, ri, rs]) => {
    const [index, src] = [build(ri), build(rs)];
    const out = expectUnchanged([index, src], () => scatterAdd(rx.shape, d, index, src));
    const [ir, sr] = [refOf(ri), refOf(rs)];
    const want = new Array<number>(count(rx.shape)).fill(0);
    const scale = new Array<number>(count(rx.shape)).fill(0);
    ir.data.forEach((k, p) => {
      const at = ravel(withAxis(unravel(p, ir.shape), d, k), rx.shape);
      want[at] += sr.data[p];
      scale[at] += Math.abs(sr.data[p]);
    });
    expectClose(out, { shape: rx.shape, data: want.map((v) => storeAs(rs.dtype, v)) }, { terms: ir.data.length, scale: { shape: rx.shape, data: scale } });
  });

  const finite = (dtype: DType) => valueArb(dtype, { min: -10, max: 10, extremes: false, specials: false });
  it.prop([gatherCase(finite)], runs)('scatterAdd is the adjoint of gather: <gather(x, i), y> = <x, scatterAdd(i, y)>', ([d, rx, ri, ry]) => {
    const [x, index, y] = [build(rx), build(ri), build(ry)];
    const left = x.gather(d, index).mul(y).sum();
    const right = x.mul(scatterAdd(rx.shape, d, index, y)).sum();
    const gathered = fromFunction(ri.shape, (idx) => Math.abs(get(refOf(rx), withAxis(idx, d, get(refOf(ri), idx)))));
    const scale = sumOf(gathered.data.map((v, p) => v * Math.abs(refOf(ry).data[p])));
    expectClose(left, { shape: [], data: [right.item()] }, { terms: 2 * count(ri.shape) + 2, scale: { shape: [], data: [scale] } });
  });

  const selectCase = dtypes.chain((dtype) => fc.tuple(shapeArb({ minRank: 1, maxRank: 3 }), fc.nat()).chain(([shape, at]) => {
    const d = at % shape.length;
    const picks = shape[d] === 0 ? fc.constant([]) : fc.array(fc.integer({ min: 0, max: shape[d] - 1 }), { maxLength: 6 });
    return fc.tuple(fc.constant(d), recipeArb(shape, dtype), picks);
  }));

  it.prop([selectCase], runs)('indexSelect takes whole slices along dim, in index order, repeats allowed', ([d, rx, picks]) => {
    const x = build(rx);
    const xr = refOf(rx);
    const want = fromFunction(withAxis(rx.shape, d, picks.length), (idx) => get(xr, withAxis(idx, d, picks[idx[d]])));
    expectClose(expectUnchanged([x], () => x.indexSelect(d, picks)), want);
    expectClose(x.indexSelect(d - rx.shape.length, tensor(picks, { dtype: 'int32' })), want);
  });

  const hotCase = fc.tuple(shapeArb({ maxRank: 3 }), fc.integer({ min: 1, max: 6 }))
    .chain(([shape, classes]) => fc.tuple(fc.constant(classes), indexArb(shape, classes)));

  it.prop([hotCase], runs)('oneHot puts a single 1 at each class index, in a new last dim', ([classes, ri]) => {
    const ir = refOf(ri);
    const index = build(ri);
    const out = expectUnchanged([index], () => oneHot(index, classes));
    expect(out.dtype).toBe('float32');
    expectClose(out, fromFunction([...ir.shape, classes], (idx) => Number(get(ir, idx.slice(0, -1)) === idx[idx.length - 1])));
  });
});
