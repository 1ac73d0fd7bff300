/** Week 2, softmax and log-softmax: the temperature, and what the naive formula does at large scores. */
import { logSoftmax, softmax, type Tensor, tensor } from '@gradschool/tensor';
import { naiveSoftmax, plot } from '@gradschool/models';
import { byId, fixed, logScale, slider, toggle } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { showSvg } from './lib/svg-view.ts';

// five classes: the axis then ticks at whole numbers, one under each bar
const CLASSES = 5;
const SHIFT = 1000;
const scores = Array.from({ length: CLASSES }, (_, k) => slider(`s${k}`, { ...fixed(1), onChange: () => show() }));
const temperature = slider('temperature', { onChange: () => show(), value: logScale, show: (t) => t.toPrecision(2) });
const shifted = toggle('shift', () => show());

interface Outcome { scaled: Tensor; naive: Tensor; stable: Tensor; log: Tensor }

function compute(): Outcome {
  const s = tensor(scores.map((v) => v() + (shifted() ? SHIFT : 0)));
  const scaled = s.div(temperature());
  return { scaled, naive: naiveSoftmax(scaled), stable: softmax(scaled), log: logSoftmax(scaled) };
}

const classes = Array.from({ length: CLASSES }, (_, k) => k);

/** The probabilities as bars, one per class, over the uniform 1/K they tend to as T grows (as the demo's figure draws them). */
function bars(p: ArrayLike<number>): string {
  const x: plot.Domain = [-0.5, CLASSES - 0.5];
  return new plot.Figure({ x, y: [0, 1.05], width: 360, height: 280, title: 'p = softmax(s / T)', xLabel: 'class k', yLabel: 'probability p_{k}' })
    .draw(
      plot.bars(classes, p),
      plot.line(x, [1 / CLASSES, 1 / CLASSES], { colour: '#222', dashed: true, width: 1.2 }),
      plot.legend([{ label: `uniform 1/${CLASSES} (the limit T → ∞)`, colour: '#222', mark: 'line', dashed: true }]),
    )
    .toSVG();
}

const row = (name: string, t: Tensor, digits: number) => `<tr><th>${name}</th>${Array.from(t.data(), (v) => `<td>${v.toFixed(digits)}</td>`).join('')}</tr>`;

let evaluationMs = NaN;

function show(): void {
  const start = performance.now();
  const { scaled, naive, stable, log } = compute();
  evaluationMs = performance.now() - start;
  showSvg(byId('bars'), bars(stable.data()));
  byId('table').innerHTML = `<tr><th></th>${scores.map((_, k) => `<th>k = ${k}</th>`).join('')}</tr>`
    + row('s / T', scaled, 2)
    + row('naive exp(s/T) / Σ exp(s/T)', naive, 4)
    + row('softmax (max subtracted first)', stable, 4)
    + row('log-softmax', log, 4);
}

startLesson({ step: () => compute().stable.data(), status: () => `${evaluationMs.toFixed(1)} ms per evaluation`, onBackend: show });
