/** Week 7, the denoising autoencoder: σ and training shape the reconstruction energy and the arrows back to the data. */
import { noGrad } from '@gradschool/autograd';
import { Generator, randn, type Tensor } from '@gradschool/tensor';
import {
  Adam, ARC_DAE, arcData, AutoEncoder, corruptGaussian, energyOnGrid, lossCurves, plot, reconstructionEnergy, topographicMap, trainAutoEncoder,
} from '@gradschool/models';
import { button, byId, fixed, RATE, slider, toggle } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { TrainingLoop } from './lib/loop.ts';
import { showSvg } from './lib/svg-view.ts';

const KICK = '#2ca02c';
const BACK = '#ff7f0e';
// the demo's plane and data: 200 points near the upper half of the unit circle
const plane = plot.grid([-1.6, 1.6], [-1.1, 2.1], 64);
const probes = plot.gridPoints(plot.grid([-1.5, 1.5], [-1.0, 2.0], 13));
const data = arcData(new Generator(1), 200);
// every fifth held-out point, kicked by a fixed ε times the current σ: the picture moves only as σ and the model do
const shown = arcData(new Generator(2), 200).slice(0, 0, undefined, 5);
const epsilon = randn([shown.shape[0], 2], new Generator(3));

const sigma = slider('sigma', fixed(2));
const lr = slider('lr', { ...RATE, onChange: (v) => (optimizer.lr = v) });
const gridArrows = toggle('grid', () => draw());
button('reset', () => {
  build();
  loop.restart();
});

let model: AutoEncoder;
let optimizer: Adam;
let generator: Generator;

function build(): void {
  generator = new Generator(7);
  model = new AutoEncoder({ sizes: ARC_DAE.sizes, generator });
  optimizer = new Adam(model.parameters(), { lr: lr() });
}
build();

/** One full-batch step; a fresh kick of the current σ for every point (none at σ = 0). */
const step = () => trainAutoEncoder(model, data, {
  optimizer, epochs: 1, generator, corrupt: sigma() > 0 ? (x, g) => corruptGaussian(x, sigma(), g) : undefined,
})[0];

const reconstruct = (y: Tensor) => noGrad(() => model.forward(y)).value;

function draw(): void {
  const field = energyOnGrid(plane, (y) => reconstructionEnergy(y, reconstruct(y)));
  const kicked = shown.add(epsilon.mul(sigma()));
  const layers = [
    plot.scatter(data, { colour: plot.DATA_COLOUR, radius: 1.6 }),
    ...(gridArrows() ? [plot.arrows(probes, reconstruct(probes), { colour: '#555', width: 0.8 })] : []),
    plot.arrows(shown, kicked, { colour: KICK, width: 1 }),
    plot.arrows(kicked, reconstruct(kicked), { colour: BACK, width: 1 }),
    plot.legend([
      { label: 'data y', colour: plot.DATA_COLOUR, radius: 2 },
      { label: `corrupt: y → ỹ = y + ${sigma().toFixed(2)}ε`, colour: KICK, mark: 'arrow' },
      { label: 'reconstruct: ỹ → dec(enc(ỹ))', colour: BACK, mark: 'arrow' },
    ], 'bottom-right'),
  ];
  showSvg(byId('map'), topographicMap(plane, field, layers, { title: 'Energy E(y) = ‖y − ŷ‖^{2}', width: 380 }));
  if (loop.losses.length > 0) {
    showSvg(byId('loss'), lossCurves([{ label: 'mean (dec(enc(ỹ)) − y)^{2}', values: loop.losses }], {
      title: 'Training: reconstruct y from ỹ', xLabel: 'step (full batch)', yLabel: 'squared error per coordinate',
    }));
  }
}

const loop = new TrainingLoop({ step, draw, maxSteps: 1500, drawEveryMs: 300 });
startLesson({ loop, onBackend: draw });
