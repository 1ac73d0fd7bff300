/**
 * The week-2 pictures (practicum: the spiral classifier; lecture part B: softmax), built on the
 * package's SVG plots so that the demo and the live pages draw the same figures. Each returns a
 * standalone SVG document as text.
 */
import type { Variable } from '@gradschool/autograd';
import { checkTensor, describeValue, formatShape as fmt, ShapeError, softmax, type Tensor, tensor } from '@gradschool/tensor';
import { checkDataset, type Dataset } from '../data/dataset.ts';
import type { Module } from '../nn/module.ts';
import type { Input } from '../nn/parameter.ts';
import {
  bars, classColour, type Domain, Figure, decisionRegions, grid, gridPoints, legend, line, lossCurves, scatter, sequentialColours,
} from '../plot/index.ts';
import { predict } from '../train.ts';

export interface RegionsOptions {
  title?: string;
  /** The square of the plane shown, along both axes (default [−1.1, 1.1]: the practicum's spiral). */
  range?: Domain;
}

/** What a classifier of the plane does everywhere: each class's region, with the data on top. */
export function regionsFigure(model: Module<[Input], Variable>, data: Dataset, opts: RegionsOptions = {}): string {
  checkDataset('regionsFigure', data);
  if (data.x.ndim !== 2 || data.x.shape[1] !== 2) {
    throw new ShapeError(`regionsFigure: draws a classifier of the plane, so data.x must be points [n, 2], got ${fmt(data.x.shape)}`);
  }
  const range = opts.range ?? [-1.1, 1.1];
  const plane = grid(range, range, 160);
  const scores = predict(model, gridPoints(plane));
  const classes = scores.shape[1];
  return new Figure({ x: range, y: range, equalAspect: true, width: 460, title: opts.title, xLabel: 'x₁', yLabel: 'x₂' })
    .draw(
      decisionRegions(plane, scores),
      scatter(data.x, { classes: data.y, radius: 1.8 }),
      legend(Array.from({ length: classes }, (_, c) => ({ label: `class ${c}`, colour: classColour(c) }))),
    )
    .toSVG();
}

/** Training loss per epoch of several models on the spiral, the first one dashed. */
export const spiralLossFigure = (curves: readonly { label: string; losses: readonly number[] }[]): string => {
  if (!Array.isArray(curves)) throw new TypeError(`spiralLossFigure: curves must be an array of { label, losses }, got ${describeValue(curves)}`);
  return lossCurves(curves.map((c, i) => ({ label: c.label, values: c.losses, dashed: i === 0 })), {
    title: 'Training loss on the spiral', xLabel: 'epoch', yLabel: 'cross-entropy (mean over the data)', first: 1,
  });
};

/**
 * softmax(s / T) of one score vector at several temperatures T, as side-by-side bars per class:
 * a low T sharpens towards the argmax (one-hot as T → 0), a high T flattens towards the
 * uniform 1/K (drawn as a dashed line). T = 1 is the plain softmax of the lecture.
 */
export function softmaxTemperatureFigure(scores: readonly number[], temperatures: readonly number[]): string {
  const k = scores.length;
  if (k === 0 || temperatures.length === 0 || temperatures.some((t) => !(t > 0 && Number.isFinite(t)))) {
    throw new RangeError(`softmaxTemperatureFigure: need scores and temperatures T > 0, got ${k} scores and T = [${temperatures.join(', ')}]`);
  }
  const s = tensor([...scores], { dtype: 'float64' });
  const classes = scores.map((_, i) => i);
  // colder is darker: viridis from dark (lowest T) to light (highest)
  const colour = (i: number) => sequentialColours(0, temperatures.length)(i);
  const width = 0.8 / temperatures.length;
  const probabilities = temperatures.map((t) => softmax(s.div(t)).data());
  const shown = scores.map((v) => String(v).replace('-', '−')).join(', ');
  return new Figure({
    x: [-0.5, k - 0.5], y: [0, 1.05], width: 460, height: 280,
    title: `softmax(s / T), s = (${shown})`, xLabel: 'class i', yLabel: 'probability softmax(s / T)ᵢ',
  })
    .draw(
      ...probabilities.map((p, i) => bars(classes, p, { colour: colour(i), width, offset: (i - (temperatures.length - 1) / 2) * width })),
      line([-0.5, k - 0.5], [1 / k, 1 / k], { colour: '#222', dashed: true, width: 1.2 }),
      legend([
        ...temperatures.map((t, i) => ({ label: `T = ${t}`, colour: colour(i), mark: 'bar' as const })),
        { label: `uniform 1/${k} (the limit T → ∞)`, colour: '#222', mark: 'line' as const, dashed: true },
      ], 'top-left'),
    )
    .toSVG();
}

/** softmax as the formula is written, exp(xᵢ) / Σⱼ exp(xⱼ), with no max subtracted: what overflows. */
export function naiveSoftmax(x: Tensor): Tensor {
  checkTensor('naiveSoftmax', 'x', x);
  const e = x.exp();
  return e.div(e.sum(-1, { keepdim: true }));
}
