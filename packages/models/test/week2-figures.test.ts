import { fc, test } from '@fast-check/vitest';
import { Generator, softmax, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { bars, Figure } from '../src/plot/index.ts';
import { Linear, ReLU, Sequential } from '../src/nn/index.ts';
import { spiral } from '../src/data/spiral.ts';
import { naiveSoftmax, regionsFigure, softmaxTemperatureFigure, spiralLossFigure } from '../src/week2/figures.ts';

const count = (svg: string, tag: string): number => svg.split(`<${tag} `).length - 1;
/** Heights in pixels of the bars of a figure, in the order drawn. */
const barHeights = (svg: string): number[] => [...svg.replace(/<clipPath[\s\S]*?<\/clipPath>/, '').matchAll(/<rect x="[^"]*" y="[^"]*" width="[^"]*" height="([^"]*)"\/>/g)].map((m) => Number(m[1]));

describe('regionsFigure', () => {
  it('draws a region and a legend entry per class, the data on top, with the plane\'s axes labelled', () => {
    const data = spiral(new Generator(1), { classes: 3, pointsPerClass: 20 });
    const g = new Generator(2);
    const model = new Sequential(new Linear(2, 8, { generator: g }), new ReLU(), new Linear(8, 3, { generator: g }));
    const svg = regionsFigure(model, data, { title: 'three classes' });
    for (const c of [0, 1, 2]) expect(svg).toContain(`>class ${c}</text>`);
    expect(svg).not.toContain('>class 3<');
    expect(count(svg, 'circle')).toBe(60 + 3); // the points, then the legend's dots
    for (const label of ['>x₁</text>', '>x₂</text>', '>three classes</text>']) expect(svg).toContain(label);
    expect(model.training).toBe(true); // predict puts the model back as it was
  });
});

describe('spiralLossFigure', () => {
  it('reads epochs 1..N on its axis, one curve and one key entry per model', () => {
    const svg = spiralLossFigure([{ label: 'linear model', losses: [1.1, 0.9, 0.8, 0.78] }, { label: '2-layer MLP', losses: [1.1, 0.6, 0.3, 0.1] }]);
    expect(svg).toContain('>epoch</text>');
    // epoch 1 sits on the axis's left end (the plot area starts 62 px in): there is no epoch 0
    expect(svg).toContain('<path d="M62,');
    expect(svg).toMatch(/>linear model<\/text>[\s\S]*>2-layer MLP<\/text>/);
    expect(count(svg, 'path')).toBe(2);
  });
});

describe('softmaxTemperatureFigure', () => {
  const scores = fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 1, maxLength: 6 });
  const temperatures = fc.array(fc.double({ min: 0.1, max: 100, noNaN: true }), { minLength: 1, maxLength: 4 });

  test.prop([scores, temperatures], { numRuns: 30 })('draws softmax(s / T) as one bar per class and temperature, each as tall as its probability', (s, ts) => {
    const svg = softmaxTemperatureFigure(s, ts);
    const heights = barHeights(svg);
    // the plot area is 280 px tall for probabilities 0 to 1.05
    const expected = ts.flatMap((t) => Array.from(softmax(tensor(s, { dtype: 'float64' }).div(t)).data(), (p) => (280 * p) / 1.05));
    expect(heights.length).toBe(s.length * ts.length);
    heights.forEach((h, i) => expect(Math.abs(h - expected[i])).toBeLessThanOrEqual(0.02));
    for (const t of ts) expect(svg).toContain(`>T = ${t}</text>`);
    expect(svg).toContain(`uniform 1/${s.length}`);
  });

  it('refuses a temperature that is not a finite number > 0', () => {
    expect(() => softmaxTemperatureFigure([1, 2], [1, 0])).toThrow('softmaxTemperatureFigure: need scores and temperatures T > 0, got 2 scores and T = [1, 0]');
    expect(() => softmaxTemperatureFigure([1, 2], [Infinity])).toThrow(RangeError);
  });
});

describe('naiveSoftmax', () => {
  test.prop([fc.array(fc.double({ min: -20, max: 20, noNaN: true }), { minLength: 1, maxLength: 8 })])('agrees with the stable softmax on moderate scores', (s) => {
    const x = tensor(s, { dtype: 'float64' });
    const [naive, stable] = [naiveSoftmax(x).data(), softmax(x).data()];
    stable.forEach((p, i) => expect(naive[i]).toBeCloseTo(p, 12));
  });

  test.prop([fc.array(fc.double({ min: 710, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 8 })])('overflows to ∞ / ∞ = NaN once every score passes 709.8 (exp overflows float64)', (s) => {
    const x = tensor(s, { dtype: 'float64' });
    expect(Array.from(naiveSoftmax(x).data()).every(Number.isNaN)).toBe(true);
    expect(Array.from(softmax(x).data()).every(Number.isFinite)).toBe(true);
  });
});

describe('bars', () => {
  it('draws each bar from 0, below it for a negative height, centred on x plus the offset', () => {
    const fig = new Figure({ x: [0, 10], y: [-10, 10], width: 100, height: 200 });
    const svg = bars([2, 5], [5, -2.5], { width: 2, offset: 1 })(fig);
    // 10 px per unit along x and y, the plot area 46 px from the left and 12 from the top: y = 0 is at 112
    expect(svg).toContain('<rect x="66" y="62" width="20" height="50"/>');
    expect(svg).toContain('<rect x="96" y="112" width="20" height="25"/>');
    expect(() => bars([1], [1, 2])).toThrow('bars: 1 x values but 2 heights');
  });
});
