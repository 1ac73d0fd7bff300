/** Week 2 practicum, live: the spiral classifier, linear or with a ReLU, trained as you watch. */
import { Generator } from '@gradschool/tensor';
import {
  accuracy, Adam, type Curve, crossEntropy, type Dataset, fit, Linear, lossCurves, plot, predict, ReLU, Sequential, spiral,
} from '@gradschool/models';
import { paintCells } from './lib/cells.ts';
import { button, byId, RATE, slider, toggle } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { TrainingLoop } from './lib/loop.ts';
import { showSvg } from './lib/svg-view.ts';

const RANGE: plot.Domain = [-1.1, 1.1];
// a fifth of the practicum's 1000 points per arm: a fifth of the time per step, and the arms as clear
const POINTS_PER_CLASS = 200;
const MAX_STEPS = 1000;
const cellGrid = plot.grid(RANGE, RANGE, 120);
const cellPoints = plot.gridPoints(cellGrid);

const canvas = byId<HTMLCanvasElement>('cells');
const regions = byId('regions');
const lossHost = byId('loss');

interface Run {
  data: Dataset;
  model: Sequential;
  optimizer: Adam;
  figure: plot.Figure;
  label: string;
}

const rebuild = () => {
  previous = { label: run.label, values: [...loop.losses], colour: '#999', dashed: true };
  run = build();
  loop.restart();
};
const hidden = slider('hidden', { onChange: rebuild });
const lr = slider('lr', { ...RATE, onChange: (v) => (run.optimizer.lr = v) });
const classes = slider('classes', { onChange: rebuild });
const relu = toggle('relu', rebuild);
button('reset', rebuild);

function build(): Run {
  const [k, h] = [classes(), hidden()];
  const data = spiral(new Generator(12345), { classes: k, pointsPerClass: POINTS_PER_CLASS });
  const g = new Generator(1);
  const model = new Sequential(new Linear(2, h, { generator: g }), ...(relu() ? [new ReLU()] : []), new Linear(h, k, { generator: g }));
  // the demo's settings: Adam with a little weight decay
  const optimizer = new Adam(model.parameters(), { lr: lr(), weightDecay: 1e-5 });
  const figure = new plot.Figure({ x: RANGE, y: RANGE, equalAspect: true, width: 420, title: 'Decision regions', xLabel: 'x₁', yLabel: 'x₂' })
    .draw(
      plot.scatter(data.x, { classes: data.y, radius: 1.8 }),
      plot.legend(Array.from({ length: k }, (_, c) => ({ label: `class ${c}`, colour: plot.classColour(c) }))),
    );
  showSvg(regions, figure.toSVG(), { transparent: true });
  return { data, model, optimizer, figure, label: `${relu() ? 'ReLU' : 'no ReLU (linear)'}, H = ${h}, K = ${k}` };
}

let run = build();
let previous: Curve | undefined;
let trainAccuracy = NaN;

function draw(): void {
  const predicted = predict(run.model, cellPoints).argmax(1).data();
  // 0.4 of the class colour over white: the light shade the demo's SVG regions use
  paintCells(canvas, run.figure, cellGrid, (i) => plot.classColour(predicted[i]), 0.4);
  trainAccuracy = accuracy(predict(run.model, run.data.x), run.data.y);
  const curves: Curve[] = [...(previous ? [previous] : []), { label: run.label, values: loop.losses, colour: '#222' }];
  if (loop.losses.length > 0) {
    showSvg(lossHost, lossCurves(curves, { title: 'Training loss', xLabel: 'step (full batch)', yLabel: 'cross-entropy' }));
  }
}

const step = () => fit(run.model, run.data, { loss: crossEntropy, optimizer: run.optimizer, epochs: 1 })[0];
const loop = new TrainingLoop({ step, draw, maxSteps: MAX_STEPS });

startLesson({ loop, status: () => `training accuracy ${(100 * trainAccuracy).toFixed(1)} %`, onBackend: draw });
