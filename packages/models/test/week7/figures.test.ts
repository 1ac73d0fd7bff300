import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { grid } from '../../src/plot/index.ts';
import { imageRows, lossCurves, topographicMap, trajectories } from '../../src/week7/figures.ts';
import { Figure } from '../../src/plot/figure.ts';
import { seed } from './helpers.ts';

const count = (svg: string, tag: string) => svg.split(`<${tag} `).length - 1;
const bowl = (y: Tensor) => y.square().sum(1);

describe('topographicMap', () => {
  test.prop([fc.integer({ min: 1, max: 20 })], { numRuns: 10 })('fills one level set per quantile of a smooth energy', (levels) => {
    // 1600 distinct-enough values of a bowl: every quantile is a different level
    const svg = topographicMap(grid([-1, 1], [-1.3, 0.7], 40), bowl, [], { levels });
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(count(svg, 'path')).toBe(levels);
  });

  it('merges quantiles that coincide: a field with two values has two level sets', () => {
    const step = (y: Tensor) => y.slice(1, 0, 1).squeeze(1).gt(0);
    expect(count(topographicMap(grid([-1, 1], [-1, 1], 10), step, [], { levels: 14 }), 'path')).toBe(2);
  });

  it('draws the layers on top, and refuses an energy with no finite value', () => {
    const svg = topographicMap(grid([-1, 1], [-1, 1], 10), bowl, [(fig: Figure) => `<circle id="mark" cx="${fig.x(0)}"/>`]);
    expect(svg).toContain('<circle id="mark"');
    expect(svg.indexOf('<circle id="mark"')).toBeGreaterThan(svg.lastIndexOf('<path '));
    expect(() => topographicMap(grid([-1, 1], [-1, 1], 4), (y) => y.sum(1).mul(Number.NaN), [])).toThrow(
      'topographicMap: the energy has no finite value on the grid');
  });
});

describe('trajectories', () => {
  test.prop([seed, fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 5 })], { numRuns: 20 })(
    'draws one polyline and one end dot per trajectory', (s, steps, n) => {
      const fig = new Figure({ x: [-3, 3], y: [-3, 3] });
      const svg = trajectories(randn([steps, n, 2], new Generator(s)))(fig);
      expect(count(svg, 'path')).toBe(n);
      expect(count(svg, 'circle')).toBe(n);
    });

  it('names the shape it needs', () => {
    expect(() => trajectories(tensor([[1, 2]]))).toThrow('trajectories: paths must have shape [steps + 1, n, 2], got [1,2]');
  });
});

describe('imageRows and lossCurves', () => {
  it('tiles the rows in a grid n images wide', () => {
    const rows = [tensor(new Float32Array(3 * 4)).reshape(3, 4), tensor(new Float32Array(3 * 4).fill(1)).reshape(3, 4)];
    const svg = imageRows(rows, 2, { scale: 5 });
    // three tiles of 2·5 pixels with 2-pixel gaps: 2 + 3·(10 + 2) = 38 wide
    expect(svg).toContain('width="38"');
    expect(() => imageRows([rows[0], tensor(new Float32Array(8)).reshape(2, 4)], 2)).toThrow(
      'imageRows: every row must have shape [n, 4] with the same n ≥ 1, got [3,4], [2,4]');
  });

  it('draws one line per curve with a key, and refuses curves with nothing to draw', () => {
    const svg = lossCurves([{ label: 'a', values: [3, 2, 1] }, { label: 'b', values: [2, 2, 2], dashed: true }]);
    expect(count(svg, 'path')).toBe(2);
    expect(svg).toContain('>a</text>');
    expect(() => lossCurves([{ label: 'a', values: [Number.NaN] }])).toThrow('lossCurves: no finite value to draw');
  });
});

it('topographicMap refuses a level count that is not a positive integer', () => {
  expect(() => topographicMap(grid([-1, 1], [-1, 1], 4), bowl, [], { levels: 0 })).toThrow('topographicMap: levels must be an integer >= 1, got 0');
});
