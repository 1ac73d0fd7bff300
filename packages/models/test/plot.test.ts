import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import {
  arrows, classColour, decisionRegions, el, Figure, filledContours, grid, gridPoints, imageGrid, legend, line, plainText, scatter, text,
} from '../src/plot/index.ts';

/** The closed rings of an SVG path "M x,y L x,y ... Z M ...", as d3-shape writes them. */
const ringsOf = (d: string): number[][][] =>
  d.split('Z').filter((r) => r.trim()).map((r) => r.replace(/^M/, '').split('L').map((p) => p.split(',').map(Number)));

/** Area enclosed by a path's rings (shoelace; holes wind the other way and subtract). */
function pathArea(d: string): number {
  let total = 0;
  for (const ring of ringsOf(d)) {
    for (let i = 0; i < ring.length; i++) {
      const [a, b] = [ring[i], ring[(i + 1) % ring.length]];
      total += a[0] * b[1] - b[0] * a[1];
    }
  }
  return Math.abs(total / 2);
}
const pathsOf = (svg: string): string[] => [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1]);
const count = (svg: string, tag: string): number => svg.split(`<${tag} `).length - 1;

describe('svg writing', () => {
  it('escapes attribute values and text, and rounds numbers to hundredths of a pixel', () => {
    expect(el('rect', { x: 1.23456, title: 'a<b & "c"', skip: undefined })).toBe('<rect x="1.23" title="a&lt;b &amp; &quot;c&quot;"/>');
    expect(text({ x: 0 }, 'loss < 0.1 & rising')).toBe('<text x="0">loss &lt; 0.1 &amp; rising</text>');
  });

  it('typesets _{...} as a subscript and ^{...} as a superscript, returning to the baseline after them', () => {
    expect(text({}, 'F(y) = min_{z} E')).toBe(
      '<text>F(y) = min<tspan dy="0.3em" font-size="75%">z</tspan><tspan dy="-0.225em"> E</tspan></text>');
    expect(text({}, '‖y‖^{2}')).toBe('<text>‖y‖<tspan dy="-0.45em" font-size="75%">2</tspan></text>');
    expect(plainText('F_{β}(y) < ‖y‖^{2}')).toBe('Fβ(y) < ‖y‖2');
  });
});

describe('Figure', () => {
  const domain = fc.tuple(fc.double({ min: -1e3, max: 1e3, noNaN: true }), fc.double({ min: 1e-3, max: 1e3, noNaN: true }))
    .map(([lo, span]): [number, number] => [lo, lo + span]);

  test.prop([domain, domain], { numRuns: 50 })('maps the data range onto the plot area, y pointing up', (x, y) => {
    const fig = new Figure({ x, y, width: 300, height: 200 });
    const { left, top, width, height } = fig.area;
    expect(fig.x(x[0])).toBeCloseTo(left, 6);
    expect(fig.x(x[1])).toBeCloseTo(left + width, 6);
    expect(fig.y(y[0])).toBeCloseTo(top + height, 6);
    expect(fig.y(y[1])).toBeCloseTo(top, 6);
  });

  test.prop([domain, domain], { numRuns: 50 })('with equalAspect, a data unit is as long on both axes and the area fits the requested box', (x, y) => {
    const fig = new Figure({ x, y, width: 300, height: 200, equalAspect: true });
    const ux = fig.area.width / (x[1] - x[0]);
    const uy = fig.area.height / (y[1] - y[0]);
    expect(Math.abs(ux - uy) / ux).toBeLessThan(1e-9);
    expect(fig.area.width).toBeLessThanOrEqual(300 + 1e-9);
    expect(fig.area.height).toBeLessThanOrEqual(200 + 1e-9);
    expect(Math.max(fig.area.width / 300, fig.area.height / 200)).toBeCloseTo(1, 9);
  });

  it('writes a standalone SVG with title, labels and ticks', () => {
    const svg = new Figure({ x: [0, 10], y: [-1, 1], title: 'Loss & accuracy', xLabel: 'epoch', yLabel: 'loss' }).toSVG();
    expect(svg.startsWith('<?xml')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toContain('>Loss &amp; accuracy</text>');
    expect(svg).toContain('>epoch</text>');
    expect(svg).toContain('>10</text>');
  });

  it('refuses an empty or reversed range', () => {
    expect(() => new Figure({ x: [1, 1], y: [0, 1] })).toThrow('Figure: x range [1, 1] must be finite with x[0] < x[1]');
    expect(() => new Figure({ x: [0, 1], y: [2, NaN] })).toThrow('Figure: y range [2, NaN] must be finite with y[0] < y[1]');
  });
});

describe('grids', () => {
  test.prop([fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 })], { numRuns: 30 })('sample cell centres, x fastest, y upward', (nx, ny) => {
    const g = grid([-2, 4], [1, 3], nx, ny);
    const p = gridPoints(g).toArray() as number[][];
    expect(p.length).toBe(nx * ny);
    p.forEach(([x, y], k) => {
      const [i, j] = [k % nx, Math.floor(k / nx)];
      // float32 storage of values up to 4: 1e-6 absolute.
      expect(Math.abs(x - (-2 + (6 * (i + 0.5)) / nx))).toBeLessThan(1e-6);
      expect(Math.abs(y - (1 + (2 * (j + 0.5)) / ny))).toBeLessThan(1e-6);
    });
  });
});

describe('decisionRegions', () => {
  /** Is (x, y) inside the path (even-odd over its rings, so holes count)? Ray casting, independent of d3. */
  function contains(d: string, x: number, y: number): boolean {
    let inside = false;
    for (const ring of ringsOf(d)) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [[xi, yi], [xj, yj]] = [ring[i], ring[j]];
        if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
    return inside;
  }
  const fig = new Figure({ x: [-1, 1], y: [-1, 1], width: 240, height: 180 });
  const g = grid([-1, 1], [-1, 1], 24, 18);
  // A random linear classifier on the plane: scores = p·W + b for K classes.
  const linear = (seed: number, k: number) => {
    const gen = new Generator(seed);
    return gridPoints(g).matmul(randn([2, k], gen)).add(randn([k], gen).mul(0.5));
  };

  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.integer({ min: 2, max: 5 })], { numRuns: 12 })(
    'puts every cell centre away from a boundary in its argmax class, and in no other', (seed, k) => {
      const scores = linear(seed, k);
      const paths = pathsOf(decisionRegions(g, scores)(fig));
      expect(paths.length).toBe(k);
      const s = scores.toArray() as number[][];
      const winner = s.map((row) => row.indexOf(Math.max(...row)));
      const centres = gridPoints(g).toArray() as number[][];
      winner.forEach((w, c) => {
        const [i, j] = [c % g.nx, Math.floor(c / g.nx)];
        // Near a boundary the interpolated border may pass either side of the centre: skip those.
        const interior = [-1, 0, 1].every((a) => [-1, 0, 1].every((b) => {
          const [u, v] = [i + a, j + b];
          return u < 0 || v < 0 || u >= g.nx || v >= g.ny || winner[v * g.nx + u] === w;
        }));
        if (!interior) return;
        const [px, py] = [fig.x(centres[c][0]), fig.y(centres[c][1])];
        paths.forEach((d, cls) => expect(contains(d, px, py)).toBe(cls === w));
      });
    });

  test.prop([fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true })), { minLength: 20, maxLength: 20 })], { numRuns: 25 })(
    'with two classes, tiles the whole plot, right up to its edges', (seed, spots) => {
      const paths = pathsOf(decisionRegions(g, linear(seed, 2))(fig));
      const { left, top, width, height } = fig.area;
      // Random points, and points hugging the frame, where marching squares would cut corners unpadded.
      const probes = [...spots, ...spots.map(([u]) => [u, 0.001]), ...spots.map(([u]) => [0.999, u])];
      for (const [u, v] of probes) {
        const inside = paths.filter((d) => contains(d, left + u * width, top + v * height)).length;
        expect(inside).toBe(1);
      }
    });

  it('names the shape it expected', () => {
    expect(() => decisionRegions(grid([0, 1], [0, 1], 4, 3), tensor([1, 2, 3]))).toThrow(
      'decisionRegions: a 4×3 grid needs values of shape [12, K] (K class scores per cell), got [3]');
  });
});

describe('filledContours', () => {
  it('nests level sets: the area where a bowl is above a level shrinks as the level rises', () => {
    const g = grid([-1, 1], [-1, 1], 40);
    const p = gridPoints(g).toArray() as number[][];
    // Field 1 - r² peaks at the centre: {v >= t} is the disc r² <= 1 - t, of area π(1 - t).
    const field = tensor(p.map(([x, y]) => 1 - x * x - y * y));
    const fig = new Figure({ x: [-1, 1], y: [-1, 1], width: 200, height: 200 });
    const levels = [0.2, 0.4, 0.6, 0.8];
    const areas = pathsOf(filledContours(g, field, { thresholds: levels })(fig)).map(pathArea);
    expect(areas.length).toBe(levels.length);
    const pixelsPerUnit2 = (200 / 2) ** 2;
    levels.forEach((t, i) => {
      // Polygons through a 40-cell grid under-fill a disc by a few %: 5 % relative.
      expect(areas[i] / pixelsPerUnit2 / (Math.PI * (1 - t))).toBeCloseTo(1, 1);
    });
  });

  it('refuses a field of the wrong size, and one with nothing finite', () => {
    const g = grid([0, 1], [0, 1], 3);
    expect(() => filledContours(g, tensor([1, 2]))).toThrow('filledContours: a 3×3 grid needs values of shape [9] (one per cell), got [2]');
    expect(() => filledContours(g, tensor(new Array(9).fill(NaN)))).toThrow('filledContours: the field has no finite value to draw');
  });
});

describe('marks', () => {
  const fig = new Figure({ x: [0, 1], y: [0, 1], width: 100, height: 100 });

  test.prop([fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.integer({ min: 0, max: 12 })), { maxLength: 20 })], { numRuns: 30 })(
    'scatter draws one dot per row, at its place, in its class colour', (rows) => {
      const svg = scatter(tensor(rows.map((r) => [r[0], r[1]]), { shape: [rows.length, 2] }), { classes: tensor(rows.map((r) => r[2]), { dtype: 'int32' }) })(fig);
      const dots = [...svg.matchAll(/<circle cx="([^"]*)" cy="([^"]*)" r="[^"]*" fill="([^"]*)"/g)];
      expect(dots.length).toBe(rows.length);
      dots.forEach((m, i) => {
        // float32 coordinates and 0.01 px rounding: 0.02 px.
        expect(Math.abs(Number(m[1]) - fig.x(rows[i][0]))).toBeLessThan(0.02);
        expect(Math.abs(Number(m[2]) - fig.y(rows[i][1]))).toBeLessThan(0.02);
        expect(m[3]).toBe(classColour(rows[i][2]));
      });
    });

  it('line passes through every finite point and breaks at the others', () => {
    const d = pathsOf(line([0, 0.5, 1, 1], [0, 1, NaN, 0.5])(fig))[0];
    expect(d.split('M').length - 1).toBe(2);
    expect(d.split(/[ML]/).filter(Boolean).length).toBe(3);
    expect(() => line([0, 1], [0])).toThrow('line: 2 x values but 1 y values');
  });

  it('legend, arrows and bad points', () => {
    expect(count(legend([{ label: 'a', colour: 'red' }, { label: 'b', colour: 'blue', mark: 'line', dashed: true }])(fig), 'text')).toBe(2);
    expect(count(arrows(tensor([[0, 0], [1, 1]]), tensor([[0.5, 0.5], [0, 0]]))(fig), 'line')).toBe(2);
    expect(() => scatter(tensor([1, 2, 3]))).toThrow('scatter: points must have shape [n, 2], got [3]');
    expect(() => arrows(tensor([[0, 0]]), tensor([[1, 1], [2, 2]]))).toThrow('arrows: from [1,2] and to [2,2] must have as many rows');
  });
});

describe('imageGrid', () => {
  test.prop([fc.integer({ min: 0, max: 7 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 4 })], { numRuns: 30 })(
    'tiles n images in rows of `columns`, one rect per lit pixel', (n, h, w, columns) => {
      const values = Array.from({ length: n * h * w }, (_, i) => (i % 3) / 2);
      const svg = imageGrid(tensor(values, { shape: [n, h, w] }), { columns, scale: 2 });
      const lit = values.filter((v) => v > 0).length;
      // One background rect for the file, one per tile, one per pixel above the darkest value.
      expect(count(svg, 'rect')).toBe(1 + n + lit);
      const width = Number(/width="([^"]*)"/.exec(svg)![1]);
      expect(width).toBe(2 + columns * (w * 2 + 2));
    });

  it('wants [n, h, w]', () => {
    expect(() => imageGrid(tensor([[1, 2]]))).toThrow('imageGrid: images must have shape [n, h, w], got [1,2]');
  });
});
