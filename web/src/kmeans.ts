/** Week 7, K-means as a latent-variable EBM: F∞ and F_β over the plane, Lloyd and gradient steps a click at a time. */
import { Generator, type Tensor, tensor } from '@gradschool/tensor';
import {
  energyOnGrid, freeEnergy, kmeansEnergy, kmeansGradientStep, kmeansInfer, kmeansInit, lloydStep, lossCurves, plot, spiral, topographicMap,
} from '@gradschool/models';
import { button, byId, logScale, RATE, slider } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { dataPoint, plotArea, showSvg } from './lib/svg-view.ts';

const RANGE: plot.Domain = [-1.15, 1.15];
const plane = plot.grid(RANGE, RANGE, 70);
// the demo's data: one arm of the spiral, 400 points
const data = spiral(new Generator(7), { classes: 1, pointsPerClass: 400, noise: 0.04 }).x;
const maps = { hard: byId('hard'), soft: byId('soft') };

const beta = slider('beta', { onChange: () => draw(), value: logScale, show: (b) => b.toPrecision(3) });
const k = slider('k', { onChange: () => reset() });
const lr = slider('lr', RATE);

let seed = 1;
let w: Tensor;
/** Mean F∞ over the data after each step, from the prototypes' start. */
let energies: number[] = [];
let stepMs = NaN;

const meanEnergy = () => kmeansInfer(data, w).energy.mean().item();

function reset(): void {
  w = kmeansInit(data, k(), new Generator(seed++));
  energies = [meanEnergy()];
  draw();
}

function step(update: (y: Tensor, w: Tensor) => Tensor): void {
  const start = performance.now();
  w = update(data, w);
  energies.push(meanEnergy());
  stepMs = performance.now() - start;
  draw();
}

button('lloyd', () => step(lloydStep));
button('gradient', () => step((y, w) => kmeansGradientStep(y, w, lr())));
button('reset', reset);

function draw(): void {
  const hard = energyOnGrid(plane, (y) => kmeansInfer(y, w).energy);
  const soft = energyOnGrid(plane, (y) => freeEnergy(kmeansEnergy(y, w), beta()));
  // one scale for both maps, so that one colour is one energy on both: F_β lies below F_∞
  const scale = plot.quantileScale([hard.data(), soft.data()]);
  const layers = [
    plot.scatter(data, { colour: plot.DATA_COLOUR, radius: 1.6 }),
    plot.scatter(w.T, { colour: plot.PROTOTYPE_COLOUR, radius: 4.5 }),
    plot.legend([
      { label: 'data', colour: plot.DATA_COLOUR, radius: 2 },
      { label: `prototypes: the ${w.shape[1]} columns of W`, colour: plot.PROTOTYPE_COLOUR, radius: 4.5 },
    ], 'bottom-right'),
  ];
  const map = (field: Tensor, title: string) => topographicMap(plane, field, layers, { title, scale, width: 300, barLabel: 'free energy' });
  showSvg(maps.hard, map(hard, 'F_{∞}(y) = min_{z} ‖y − Wz‖^{2}'));
  showSvg(maps.soft, map(soft, `F_{β}(y) = −(1/β) log Σ_{z} exp(−β‖y − Wz‖^{2}), β = ${beta().toPrecision(3)}`));
  showSvg(byId('loss'), lossCurves([{ label: 'mean F_{∞}(y) over the data', values: energies }], {
    title: 'Training K-means', xLabel: 'step (Lloyd, gradient or a drag)', yLabel: 'mean free energy',
  }));
}

/** Drag the prototype nearest the pointer (within 12 pixels) on either map. */
function draggable(host: HTMLElement): void {
  let dragged = -1;
  let pending = false;
  host.addEventListener('pointerdown', (event) => {
    const [x, y] = dataPoint(host, event, RANGE, RANGE);
    const cols = w.toArray() as number[][];
    const pixels = plotArea(host).width / (RANGE[1] - RANGE[0]);
    const distances = cols[0].map((px, j) => Math.hypot(px - x, cols[1][j] - y) * pixels);
    const nearest = distances.indexOf(Math.min(...distances));
    if (distances[nearest] > 12) return;
    dragged = nearest;
    host.setPointerCapture(event.pointerId);
  });
  host.addEventListener('pointermove', (event) => {
    if (dragged < 0) return;
    const cols = w.toArray() as number[][];
    [cols[0][dragged], cols[1][dragged]] = dataPoint(host, event, RANGE, RANGE);
    w = tensor(cols);
    // one redraw a frame, however fast the pointer reports
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        draw();
      });
    }
  });
  host.addEventListener('pointerup', () => {
    if (dragged < 0) return;
    energies.push(meanEnergy());
    dragged = -1;
    draw();
  });
}
draggable(maps.hard);
draggable(maps.soft);

reset();
startLesson({
  // what a click costs: a Lloyd step and both maps' energies, without keeping the step
  step: () => {
    lloydStep(data, w).data();
    freeEnergy(kmeansEnergy(plot.gridPoints(plane), w), beta()).data();
  },
  losses: () => [energies],
  status: () => `${stepMs.toFixed(1)} ms per step · step ${energies.length - 1}`,
  onBackend: draw,
});
