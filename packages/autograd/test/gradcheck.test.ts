/** gradcheck itself: it must catch a wrong vjp, point at the right element, and explain itself. */
import { test } from '@fast-check/vitest';
import { tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { assertGradcheck, gradcheck, record, type Variable } from '../src/index.ts';
import { numRuns, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

/** x³ with the classic slip in its vjp: 2x² instead of 3x². */
const wrongCube = (x: Variable): Variable => record('cube', x.value.pow(3), [x], [(g) => g.mul(x.square()).mul(2)]);
const rightCube = (x: Variable): Variable => record('cube', x.value.pow(3), [x], [(g) => g.mul(x.square()).mul(3)]);

describe('gradcheck', () => {
  test.prop([shapeArb({ minRank: 1 }), seedArb], { numRuns })('passes a correct custom op and fails the wrong one', (shape, seed) => {
    const x = randomTensor(shape, seed, { domain: 'positive' }); // x >= 0.5, so 2x² and 3x² differ by more than the tolerance
    expect(gradcheck(rightCube, [x]).ok).toBe(true);
    const bad = gradcheck(wrongCube, [x]);
    expect(bad.ok).toBe(false);
    expect(() => assertGradcheck(wrongCube, [x])).toThrow(bad.message);
  });

  it('a large output elsewhere does not drown a small gradient in rounding error', () => {
    // exp(14.7) ≈ 2.5e6: differencing the summed loss would leave ~1e-9 of noise in each evaluation,
    // 3e-4 after dividing by 2·eps, far above exp(-3.7)'s tolerance; each output is differenced apart
    expect(gradcheck((x) => x.exp(), [tensor([14.737931153951077, -3.6750095127000537], { dtype: 'float64' })]).ok).toBe(true);
  });

  it('reports the worst element with its index, both values and the tolerance', () => {
    // only the element at [1, 0] is wrong: its vjp is off by 1 there
    const off = tensor([[0, 0], [1, 0]], { dtype: 'float64' });
    const f = (x: Variable) => record('shifted', x.value.mul(2), [x], [(g) => g.mul(2).add(off)]);
    const result = gradcheck(f, [tensor([[1, 2], [3, 4]])]);
    expect(result.ok).toBe(false);
    expect(result.worst).toMatchObject({ input: 0, index: [1, 0] });
    expect(result.worst?.analytic).toBeCloseTo(result.worst!.numeric + 1, 6);
    expect(result.message).toMatch(/gradcheck failed on 1 of 4 elements\. Worst: .* input 0 at index \[1,0\]/);
    expect(result.message).toContain('atol 0.00001 + rtol 0.001');
  });

  it('asks for float64 all the way through', () => {
    expect(() => gradcheck((x) => x.to('float32'), [tensor([1, 2])])).toThrow('gradcheck: the function returned float32');
  });

  it('passes with a message that says how close the two were', () => {
    const result = gradcheck((x) => x.exp().sum(), [tensor([0.5, -1])]);
    expect(result.ok).toBe(true);
    expect(result.maxError).toBeLessThan(1e-8);
    expect(result.message).toMatch(/^gradcheck passed: all 2 gradient elements of f agree/);
  });
});
