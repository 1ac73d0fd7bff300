/**
 * prod's gradient is the product of the other elements of each slice. It is checked against that
 * closed form, computed naively in float64 from the raw numbers, on slices holding no, one or two
 * exact zeros (where the shortcut prod/x_i is 0/0), against central differences, and a second time
 * with createGraph. prod is linear in each element separately, so central differences are exact up
 * to rounding even at a zero: gradcheck's default tolerance applies everywhere (see elementwise.test.ts).
 */
import { fc, test } from '@fast-check/vitest';
import { Generator, normalizeDims, rand, sizeOf, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, gradients, parameter, type Variable } from '../src/index.ts';
import { dimsArb, numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

/**
 * The flat indices of the elements folded into each output element, in the output's order:
 * two elements share a slice when they agree on every axis that is not reduced.
 */
function slicesOf(shape: readonly number[], dims: readonly number[]): number[][] {
  const kept = shape.map((_, d) => d).filter((d) => !dims.includes(d));
  const slices: number[][] = Array.from({ length: sizeOf(kept.map((d) => shape[d])) }, () => []);
  for (let flat = 0; flat < sizeOf(shape); flat++) {
    let rest = flat;
    const coord = new Array<number>(shape.length);
    for (let d = shape.length - 1; d >= 0; d--) {
      coord[d] = rest % shape[d];
      rest = Math.floor(rest / shape[d]);
    }
    const slice = kept.reduce((at, d) => at * shape[d] + coord[d], 0);
    slices[slice].push(flat);
  }
  return slices;
}

/** Seeded values with exactly min(zeros, slice length) zeros at random places in each slice. */
function valuesWithZeros(shape: number[], slices: number[][], zeros: number, seed: number): Float64Array {
  const values = randomTensor(shape, seed).data() as Float64Array;
  const order = rand(shape, new Generator(seed + 1), { dtype: 'float64' }).data();
  for (const slice of slices) {
    [...slice].sort((i, j) => order[i] - order[j]).slice(0, zeros).forEach((i) => { values[i] = 0; });
  }
  return values;
}

const product = (xs: number[]): number => xs.reduce((p, v) => p * v, 1);

/** |got - want| <= 1e-12·|want|: each is a product of at most 64 factors, ~64 roundings of 2^-53 apart; a zero must be exact. */
function expectClose(got: ArrayLike<number>, want: number[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs(got[i] - w), `element ${i}: got ${got[i]}, want ${w}`).toBeLessThanOrEqual(1e-12 * Math.abs(w)));
}

const caseArb = shapeArb({ maxRank: 3, minSize: 0 }).chain((shape) =>
  fc.record({ shape: fc.constant(shape), dim: dimsArb(shape.length), keepdim: fc.boolean(), zeros: fc.constantFrom(0, 1, 2), seed: seedArb }));

describe('prod', () => {
  test.prop([caseArb], { numRuns })('value and gradient are the products of the slice and of the others in it', ({ shape, dim, keepdim, zeros, seed }) => {
    const slices = slicesOf(shape, normalizeDims('prod', dim, shape.length));
    const values = valuesWithZeros(shape, slices, zeros, seed);
    const x = parameter(tensor(values, { shape, dtype: 'float64' }));
    const y = x.prod(dim, { keepdim });
    const w = randomTensor(y.shape, seed + 2);
    y.mul(w).sum().backward();

    const wd = w.data();
    const want = new Array<number>(values.length).fill(0);
    slices.forEach((slice, s) => slice.forEach((i) => { want[i] = wd[s] * product(slice.filter((j) => j !== i).map((j) => values[j])); }));
    expect(y.shape).toEqual(x.value.prod(dim, { keepdim }).shape);
    expectClose(y.data(), slices.map((slice) => product(slice.map((j) => values[j])))); // an empty slice gives 1
    expect(x.grad?.shape).toEqual(shape);
    expectClose(x.grad!.data(), want);
  });

  test.prop([caseArb], { numRuns })('gradient matches central differences', ({ shape, dim, keepdim, zeros, seed }) => {
    const values = valuesWithZeros(shape, slicesOf(shape, normalizeDims('prod', dim, shape.length)), zeros, seed);
    assertGradcheck((x) => x.prod(dim, { keepdim }), [tensor(values, { shape, dtype: 'float64' })]);
  });

  const smallCaseArb = shapeArb({ maxRank: 3, maxSize: 3 }).chain((shape) =>
    fc.record({ shape: fc.constant(shape), dim: dimsArb(shape.length), zeros: fc.constantFrom(0, 1, 2), seed: seedArb }));
  test.prop([smallCaseArb], { numRuns: 30 })('its gradient is differentiable again (gradcheck of the gradient, zeros included)', ({ shape, dim, zeros, seed }) => {
    const values = valuesWithZeros(shape, slicesOf(shape, normalizeDims('prod', dim, shape.length)), zeros, seed);
    // a weighted output, so that the gradient depends on the slices' other elements in an unequal way
    const w = randomTensor(shape, seed + 3);
    const gradient = (x: Variable) => gradients(x.mul(w).prod(dim).sum(), [x], { createGraph: true })[0];
    assertGradcheck(gradient, [tensor(values, { shape, dtype: 'float64' })]);
  });

  it('sends the gradient only to a lone zero, and nowhere when a slice has two', () => {
    const x = parameter(tensor([[2, 0, 3], [0, 4, 0], [1, 2, 3]], { dtype: 'float64' }));
    x.prod(-1).sum().backward();
    expect(x.grad?.toArray()).toEqual([[0, 6, 0], [0, 0, 0], [6, 3, 2]]);
  });

  it('has second derivatives at two zeros: d²/dx_i dx_j is the product of the rest', () => {
    const x = parameter(tensor([0, 5, 0, 2], { dtype: 'float64' }));
    const [g] = gradients(x.prod(), [x], { createGraph: true });
    expect(g.toArray()).toEqual([0, 0, 0, 0]);
    const [h0] = gradients(g.narrow(0, 0, 1).sum(), [x]); // row 0 of the Hessian
    expect(h0.toArray()).toEqual([0, 0, 10, 0]);
  });

  it('stays finite where the product overflows but the product of the others does not', () => {
    const x = parameter(tensor([1e200, 1e200, 1e-300], { dtype: 'float64' }));
    x.prod().backward();
    expect(x.grad?.toArray()).toEqual([1e-100, 1e-100, Infinity]);
  });

  it('names the op in its errors', () => {
    expect(() => parameter([[1, 2]]).prod(2)).toThrow('prod: dim 2 is out of range for a tensor of rank 2');
    expect(() => parameter([[1, 2]]).prod([0, -2])).toThrow('prod: dims [0,-2] repeat an axis');
  });
});
