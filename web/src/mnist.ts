/** Week 7 practicum, live: under-complete, over-complete and denoising autoencoders on MNIST, tried on a digit you corrupt. */
import { noGrad } from '@gradschool/autograd';
import { Generator, randn, type Tensor, tensor } from '@gradschool/tensor';
import { Adam, AutoEncoder, corruptMask, imageRows, loadMnist, lossCurves, trainAutoEncoder } from '@gradschool/models';
import { button, byId, fixed, slider } from './lib/controls.ts';
import { startLesson } from './lib/lesson.ts';
import { TrainingLoop } from './lib/loop.ts';
import { showSvg } from './lib/svg-view.ts';

const SIDE = 14;
const PIXELS = SIDE * SIDE;
const TRAIN = 800;
const BATCH = 50;
/** Held-out digits offered, two of each class. */
const OFFERED = 20;
/** Screen pixels per image pixel: the strip of digits, the input drawn on. */
const [STRIP_SCALE, INPUT_SCALE] = [2, 16];

/** Average 2 × 2 blocks of pixels: [n, 784] digits of 28 × 28 to [n, 196] of 14 × 14. */
const halve = (x: Tensor): Tensor => x.reshape(x.shape[0], SIDE, 2, SIDE, 2).mean([2, 4]).reshape(x.shape[0], PIXELS);

// the digits ship beside the pages (see mnist-digits.ts), in the mnist package's own format
const source = new URL('./digits/', location.href);
const train = halve((await loadMnist({ source, count: TRAIN })).images);
const heldOut = halve((await loadMnist({ source, start: TRAIN, count: OFFERED })).images);

interface Model {
  name: string;
  ae: AutoEncoder;
  optimizer: Adam;
  /** Draws the denoising model's masks. */
  generator: Generator;
  denoising: boolean;
  /** The mean loss of each finished epoch. */
  epochs: number[];
  /** The losses of the epoch under way. */
  running: number[];
}

function model(name: string, code: number, denoising: boolean): Model {
  const generator = new Generator(1);
  const ae = new AutoEncoder({ sizes: [PIXELS, code], generator, output: 'sigmoid' });
  return { name, ae, optimizer: new Adam(ae.parameters(), { lr: 0.01 }), generator, denoising, epochs: [], running: [] };
}
const models = [model('under-complete', 32, false), model('over-complete', 256, false), model('denoising', 256, true)];

let batch = 0;
let turn = 0;
/**
 * One minibatch for one model, the three in turn (three at once would hold the page for too
 * long a slice), on the binary cross-entropy (pixels read as probabilities); returns its loss.
 */
function step(): number {
  const m = models[turn];
  const x = train.slice(0, batch * BATCH, (batch + 1) * BATCH);
  const [loss] = trainAutoEncoder(m.ae, x, {
    optimizer: m.optimizer, epochs: 1, generator: m.generator, loss: 'bce', corrupt: m.denoising ? (y, g) => corruptMask(y, 0.5, g) : undefined,
  });
  m.running.push(loss);
  if (m.running.length === TRAIN / BATCH) m.epochs.push(m.running.splice(0).reduce((a, b) => a + b) / (TRAIN / BATCH));
  turn = (turn + 1) % models.length;
  if (turn === 0) batch = (batch + 1) % (TRAIN / BATCH);
  return loss;
}

// the learner's corruption of the picked digit: noise σε with a fixed ε, then the pixels they masked set to 0
let picked = 0;
let epsilon = randn([PIXELS], new Generator(picked));
const mask = new Uint8Array(PIXELS);
const sigma = slider('sigma', { ...fixed(2), onChange: () => draw() });
button('clear', () => {
  mask.fill(0);
  draw();
});

function corrupted(): Tensor {
  const clean = heldOut.slice(0, picked, picked + 1);
  return clean.add(epsilon.mul(sigma())).mul(tensor(Array.from(mask, (m) => 1 - m)));
}

/** Greys on a canvas, one canvas pixel per image pixel (CSS enlarges them): `images` [n, PIXELS] in `columns`. */
function paintDigits(canvas: HTMLCanvasElement, images: Tensor, columns: number, scale: number): void {
  const n = images.shape[0];
  const rows = Math.ceil(n / columns);
  [canvas.width, canvas.height] = [columns * SIDE, rows * SIDE];
  Object.assign(canvas.style, { width: `${columns * SIDE * scale}px`, height: `${rows * SIDE * scale}px` });
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(canvas.width, canvas.height);
  const values = images.data();
  for (let k = 0; k < n; k++) {
    for (let p = 0; p < PIXELS; p++) {
      const [x, y] = [(k % columns) * SIDE + (p % SIDE), Math.floor(k / columns) * SIDE + Math.floor(p / SIDE)];
      const at = 4 * (y * canvas.width + x);
      image.data.fill(255 * Math.min(1, Math.max(0, values[k * PIXELS + p])), at, at + 3);
      image.data[at + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}

const stripCanvas = byId<HTMLCanvasElement>('strip');
const inputCanvas = byId<HTMLCanvasElement>('input');
paintDigits(stripCanvas, heldOut, OFFERED / 2, STRIP_SCALE);

/** The canvas pixel under the pointer, on a canvas shown `scale` times larger. */
const pixelAt = (event: MouseEvent, scale: number) => [Math.floor(event.offsetX / scale), Math.floor(event.offsetY / scale)];

stripCanvas.addEventListener('click', (event) => {
  const [x, y] = pixelAt(event, STRIP_SCALE);
  picked = Math.floor(y / SIDE) * (OFFERED / 2) + Math.floor(x / SIDE);
  epsilon = randn([PIXELS], new Generator(picked));
  mask.fill(0);
  draw();
});

let masking = false;
function maskAt(event: PointerEvent): void {
  const [x, y] = pixelAt(event, INPUT_SCALE);
  if (x < 0 || y < 0 || x >= SIDE || y >= SIDE) return;
  // a brush of 2 × 2 pixels: one pixel of 14 is too fine a line to draw with a mouse
  for (const [dx, dy] of [[0, 0], [1, 0], [0, 1], [1, 1]]) if (x + dx < SIDE && y + dy < SIDE) mask[(y + dy) * SIDE + x + dx] = 1;
  draw();
}
inputCanvas.addEventListener('pointerdown', (event) => {
  masking = true;
  inputCanvas.setPointerCapture(event.pointerId);
  maskAt(event);
});
inputCanvas.addEventListener('pointermove', (event) => masking && maskAt(event));
inputCanvas.addEventListener('pointerup', () => (masking = false));

function draw(): void {
  const input = corrupted();
  paintDigits(inputCanvas, input, 1, INPUT_SCALE);
  const outputs = models.map((m) => noGrad(() => m.ae.forward(input)).value);
  showSvg(byId('outputs'), imageRows([heldOut.slice(0, picked, picked + 1), input, ...outputs], SIDE, {
    scale: 6, labels: ['clean', 'input', ...models.map((m) => `${m.name} ${m.ae.sizes.join(' → ')} → ${PIXELS}`)],
  }));
  // a curve needs two points
  if (models[0].epochs.length > 1) {
    showSvg(byId('loss'), lossCurves(models.map((m) => ({ label: m.denoising ? `${m.name} (on half-masked inputs)` : m.name, values: m.epochs, dashed: m.denoising })), {
      title: 'Training loss', xLabel: 'epoch (800 digits)', yLabel: 'binary cross-entropy per pixel', first: 1,
    }));
  }
}

// 40 epochs of each model
const loop = new TrainingLoop({ step, draw, drawEveryMs: 300, maxSteps: 40 * models.length * (TRAIN / BATCH) });
startLesson({ loop, onBackend: draw });
