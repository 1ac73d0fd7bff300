/** Week 7, contrastive divergence: kicks, slides down the energy, push-down at the data and push-up where the slides land. */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import {
  Adam, type CdStep, contrastiveDivergenceStep, ELLIPSE_CD, ellipse, EnergyNet, energyOnGrid, lossCurves, plot, topographicMap, trajectories,
} from '@gradschool/models';
import { button, byId, fixed, RATE, slider } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { TrainingLoop } from './lib/loop.ts';
import { showSvg } from './lib/svg-view.ts';

const KICK = '#ff7f0e';
const SLIDE = '#2ca02c';
/** Data points whose kick and slide are drawn. */
const SHOWN = 25;
// the demo's data and plane: 100 points of the ellipse with half-axes 1 and 0.5
const data = ellipse(new Generator(1), { points: 100, noise: 0.02 }).points;
const plane = plot.grid([-1.8, 1.8], [-1.8, 1.8], 64);

const kick = slider('kick', fixed(2));
const descent = slider('descent');
const slide = slider('slide', RATE);
const lr = slider('lr', { ...RATE, onChange: (v) => (optimizer.lr = v) });
button('reset', () => {
  build();
  loop.restart();
});

let model: EnergyNet;
let optimizer: Adam;
let generator: Generator;
/** Each step's mean energies, at the data and where the slides landed. */
let energies: CdStep['energy'][] = [];
let last: CdStep | undefined;

function build(): void {
  generator = new Generator(5);
  model = new EnergyNet({ generator, hidden: ELLIPSE_CD.hidden });
  optimizer = new Adam(model.parameters(), { lr: lr() });
  energies = [];
  last = undefined;
}
build();

function step(): number {
  const { margin, regularise } = ELLIPSE_CD;
  last = contrastiveDivergenceStep(model, data, optimizer, generator, {
    kick: kick(), steps: descent(), lr: slide(), margin, regularise, keepPath: true,
  });
  energies.push(last.energy);
  return last.loss;
}

function draw(): void {
  const field = energyOnGrid(plane, (y: Tensor) => noGrad(() => model.forward(y)).value);
  const layers = [plot.scatter(data, { colour: plot.DATA_COLOUR, radius: 1.8 })];
  if (last) {
    // the path runs from the kicked point (its first row) to where the slide landed
    const paths = last.contrast.path!.slice(1, 0, SHOWN);
    layers.push(
      plot.arrows(data.slice(0, 0, SHOWN), paths.slice(0, 0, 1).squeeze(0), { colour: KICK, width: 1 }),
      trajectories(paths, { colour: SLIDE }),
    );
  }
  layers.push(plot.legend([
    { label: 'data y: energy pushed down', colour: plot.DATA_COLOUR, radius: 2 },
    { label: `random kick, σ = ${kick().toFixed(2)}`, colour: KICK, mark: 'arrow' },
    { label: `slide down E (${descent()} steps) to ȳ: pushed up`, colour: SLIDE, mark: 'line' },
  ], 'bottom-right'));
  showSvg(byId('map'), topographicMap(plane, field, layers, { title: 'Energy E(y), as training shapes it', width: 380 }));
  if (loop.losses.length > 0) {
    showSvg(byId('loss'), lossCurves([
      { label: 'loss', values: loop.losses },
      { label: 'mean E(y) at the data', values: energies.map((e) => e.data), dashed: true },
      { label: 'mean E(ȳ) where the slides land', values: energies.map((e) => e.contrast), dashed: true },
    ], { title: 'Contrastive-divergence training', yLabel: 'loss, energy', corner: 'bottom-right' }));
  }
}

const loop = new TrainingLoop({ step, draw, maxSteps: 1000, drawEveryMs: 300 });
startLesson({ loop, onBackend: draw });
