import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { grid, quantileScale } from '../../src/plot/index.ts';
import { energyOnGrid, filterGrid, imageRows, lossCurves, topographicMap, trajectories } from '../../src/week7/figures.ts';
import { Figure } from '../../src/plot/figure.ts';
import { seed } from './helpers.ts';

const count = (svg: string, tag: string) => svg.split(`<${tag} `).length - 1;
const bowl = (y: Tensor) => y.square().sum(1);

describe('topographicMap', () => {
  const map = (g: ReturnType<typeof grid>, energy: (y: Tensor) => Tensor, opts = {}) => topographicMap(g, energyOnGrid(g, energy), [], opts);

  test.prop([fc.integer({ min: 1, max: 20 })], { numRuns: 10 })('fills one level set per level of its scale, and labels each on the colour bar', (levels) => {
    const g = grid([-1, 1], [-1.3, 0.7], 40);
    const scale = quantileScale([energyOnGrid(g, bowl).data()], levels);
    const svg = map(g, bowl, { scale });
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(count(svg, 'path')).toBe(scale.thresholds.length);
    for (const t of scale.thresholds) expect(svg).toContain(`>${t}</text>`);
    expect(svg).toContain('>y₁</text>');
    expect(svg).toContain('>energy</text>');
  });

  it('merges quantiles that coincide: a field with two values has two level sets', () => {
    const step = (y: Tensor) => y.slice(1, 0, 1).squeeze(1).gt(0);
    expect(count(map(grid([-1, 1], [-1, 1], 10), step), 'path')).toBe(2);
  });

  it('draws the layers on top, and refuses an energy with no finite value', () => {
    const g = grid([-1, 1], [-1, 1], 10);
    const svg = topographicMap(g, energyOnGrid(g, bowl), [(fig: Figure) => `<circle id="mark" cx="${fig.x(0)}"/>`]);
    expect(svg).toContain('<circle id="mark"');
    expect(svg.indexOf('<circle id="mark"')).toBeGreaterThan(svg.lastIndexOf('<path '));
    expect(() => map(grid([-1, 1], [-1, 1], 4), (y) => y.sum(1).mul(Number.NaN))).toThrow('quantileScale: the fields have no finite value');
  });
});

describe('quantileScale', () => {
  const values = fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true }), { minLength: 1, maxLength: 200 });

  test.prop([values, values, fc.integer({ min: 1, max: 20 })])('is one scale for the family: a value has one colour, and higher values never darker bands', (a, b, levels) => {
    const scale = quantileScale([a, b], levels);
    const t = scale.thresholds;
    expect(t.length).toBeLessThanOrEqual(levels);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThan(t[i - 1]);
    const band = (v: number) => t.filter((x) => x <= v).length;
    const sorted = [...a, ...b].sort((x, y) => x - y);
    for (let i = 1; i < sorted.length; i++) expect(band(sorted[i])).toBeGreaterThanOrEqual(band(sorted[i - 1]));
    // same band, same colour; two bands, two colours
    for (const v of sorted) expect(scale.colour(v)).toBe(scale.colour(t[band(v) - 1] ?? -Infinity));
    if (t.length > 0) expect(scale.colour(t[0])).not.toBe(scale.colour(-Infinity));
  });

  it('gives a map ten times hotter the upper bands: the scale is absolute, not each map\'s own', () => {
    const low = Array.from({ length: 100 }, (_, i) => i / 100);
    const high = low.map((v) => 10 * v);
    const scale = quantileScale([low, high], 10);
    const top = scale.colour(Math.max(...high));
    expect(low.some((v) => scale.colour(v) === top)).toBe(false);
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

  it('labels each row, and draws filters on their own symmetric scale (0 is mid-grey)', () => {
    const rows = [tensor(new Float32Array(2 * 4)).reshape(2, 4), tensor(new Float32Array(2 * 4).fill(1)).reshape(2, 4)];
    const svg = imageRows(rows, 2, { labels: ['clean', '→ model'] });
    expect(svg).toContain('>clean</text>');
    expect(svg).toContain('>→ model</text>');
    const filters = filterGrid(tensor([[0, 2, -2, 1], [0, 0.5, -0.5, 0.25]]), 2, { scale: 1 });
    // both filters are the same pattern at different sizes: the same four greys each
    const fills = [...filters.matchAll(/fill="(#[0-9a-f]{6}|rgb\([^)]*\))"/g)].map((m) => m[1]);
    expect(fills.slice(0, fills.length / 2)).toEqual(fills.slice(fills.length / 2));
  });

  it('draws one line per curve with a key, and refuses curves with nothing to draw', () => {
    const svg = lossCurves([{ label: 'a', values: [3, 2, 1] }, { label: 'b', values: [2, 2, 2], dashed: true }]);
    expect(count(svg, 'path')).toBe(2);
    expect(svg).toContain('>a</text>');
    expect(() => lossCurves([{ label: 'a', values: [Number.NaN] }])).toThrow('lossCurves: no finite value to draw');
  });

  it('numbers per-epoch curves from 1: N epochs span the axis 1..N', () => {
    const svg = lossCurves([{ label: 'a', values: [3, 2, 1, 0.5] }], { first: 1, xLabel: 'epoch' });
    const ticks = [...svg.matchAll(/text-anchor="middle">([\d.]+)<\/text>/g)].map((m) => Number(m[1]));
    expect(Math.min(...ticks)).toBe(1);
    expect(Math.max(...ticks)).toBe(4);
  });
});

it('quantileScale refuses a level count that is not a positive integer', () => {
  expect(() => quantileScale([[1, 2]], 0)).toThrow('quantileScale: levels must be an integer >= 1, got 0');
});
