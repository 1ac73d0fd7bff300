/** Week 2 practicum, live: the linear model and the 2-layer network trained side by side on the spiral. */
import { Generator } from '@gradschool/tensor';
import {
  accuracy, Adam, crossEntropy, type Dataset, fit, Linear, lossCurves, plot, predict, ReLU, Sequential, spiral,
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

const lossHost = byId('loss');

/** One of the two models, its optimizer, and its panel: decision regions as a canvas of cells under the data's figure. */
interface Trained {
  name: string;
  model: Sequential;
  optimizer: Adam;
  canvas: HTMLCanvasElement;
  figure: plot.Figure;
  accuracy: number;
}

interface Run {
  data: Dataset;
  linear: Trained;
  network: Trained;
  /** The linear model's losses; the loop keeps the network's (its readout counts the steps). */
  linearLosses: number[];
}

const rebuild = () => {
  run = build();
  loop.restart();
};
const hidden = slider('hidden', { onChange: rebuild });
const lr = slider('lr', {
  ...RATE,
  onChange: (v) => {
    run.linear.optimizer.lr = v;
    run.network.optimizer.lr = v;
  },
});
const classes = slider('classes', { onChange: rebuild });
const relu = toggle('relu', rebuild);
button('reset', rebuild);

/** `layers` as a model, trained by the demo's optimizer, with a panel showing `data` on the page's element `panel`. */
function trained(name: string, panel: string, layers: (Linear | ReLU)[], data: Dataset, k: number): Trained {
  const model = new Sequential(...layers);
  // the demo's settings: Adam with a little weight decay
  const optimizer = new Adam(model.parameters(), { lr: lr(), weightDecay: 1e-5 });
  const figure = new plot.Figure({ x: RANGE, y: RANGE, equalAspect: true, width: 420, title: name, xLabel: 'x₁', yLabel: 'x₂' })
    .draw(
      plot.scatter(data.x, { classes: data.y, radius: 1.8 }),
      plot.legend(Array.from({ length: k }, (_, c) => ({ label: `class ${c}`, colour: plot.classColour(c) }))),
    );
  showSvg(byId(`${panel}-regions`), figure.toSVG(), { transparent: true });
  return { name, model, optimizer, canvas: byId(`${panel}-cells`), figure, accuracy: NaN };
}

function build(): Run {
  const [k, h] = [classes(), hidden()];
  const data = spiral(new Generator(12345), { classes: k, pointsPerClass: POINTS_PER_CLASS });
  // both start from the same weights: with the ReLU off the network is the linear model, step for step
  const layers = (withReLU: boolean) => {
    const g = new Generator(1);
    return [new Linear(2, h, { generator: g }), ...(withReLU ? [new ReLU()] : []), new Linear(h, k, { generator: g })];
  };
  return {
    data,
    linear: trained('linear model', 'linear', layers(false), data, k),
    network: trained(relu() ? '2-layer network' : '2-layer network, ReLU off', 'network', layers(relu()), data, k),
    linearLosses: [],
  };
}

let run = build();

function draw(): void {
  for (const m of [run.linear, run.network]) {
    const predicted = predict(m.model, cellPoints).argmax(1).data();
    // 0.4 of the class colour over white: the light shade the demo's SVG regions use
    paintCells(m.canvas, m.figure, cellGrid, (i) => plot.classColour(predicted[i]), 0.4);
    m.accuracy = accuracy(predict(m.model, run.data.x), run.data.y);
  }
  if (loop.losses.length > 0) {
    // the linear model's curve dashed, as in the demo's figure: it shows through where the network's lies on it
    const curves = [{ label: run.linear.name, values: run.linearLosses, dashed: true }, { label: run.network.name, values: loop.losses }];
    showSvg(lossHost, lossCurves(curves, { title: 'Training loss', xLabel: 'step (full batch)', yLabel: 'cross-entropy' }));
  }
}

const trainStep = ({ model, optimizer }: Trained) => fit(model, run.data, { loss: crossEntropy, optimizer, epochs: 1 })[0];
const step = () => {
  run.linearLosses.push(trainStep(run.linear));
  return trainStep(run.network);
};
const loop = new TrainingLoop({ step, draw, maxSteps: MAX_STEPS });

startLesson({
  loop,
  losses: () => [run.linearLosses, loop.losses],
  status: () => `training accuracy: ${[run.linear, run.network].map((m) => `${m.name} ${(100 * m.accuracy).toFixed(1)} %`).join(', ')}`,
  onBackend: draw,
});
