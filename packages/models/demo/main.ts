/**
 * Week 2 practicum, end to end: classify the 3-class spiral with a linear model and with a
 * 2-layer neural network, then draw what each learned.
 *
 *   npm run demo                                   (Node, from the repository root)
 *   npx deno run -A packages/models/demo/main.ts   (Deno)
 *   GRADSCHOOL_BACKEND=gpu npm run demo            (on the gpu backend)
 */
import { Generator, getBackend, softmax, tensor } from '@gradschool/tensor';
import {
  accuracy, Adam, confusionMatrix, crossEntropy, type Dataset, fit, Linear, naiveSoftmax, predict, regionsFigure, ReLU, Sequential,
  softmaxTemperatureFigure, spiral, spiralLossFigure,
} from '../src/index.ts';
import { writeText } from './io.ts';
import { progressBar } from './progress.ts';
import { week7 } from './week7/main.ts';

// The practicum's settings: 3 classes of 1000 points, 100 hidden units, seed 12345.
const CLASSES = 3;
const HIDDEN = 100;
// The practicum runs Adam at lr 1e-3 for 1000 epochs; ten times the rate gets as far in 300.
const EPOCHS = 300;
const LR = 1e-2;
const WEIGHT_DECAY = 1e-5;

const OUT = new URL('../../../out/', import.meta.url);

function train(name: string, model: Sequential, data: Dataset): { losses: number[]; accuracy: number } {
  const bar = progressBar(name.padEnd(6), EPOCHS);
  let acc = 0;
  const losses = fit(model, data, {
    loss: crossEntropy,
    optimizer: new Adam(model.parameters(), { lr: LR, weightDecay: WEIGHT_DECAY }),
    epochs: EPOCHS,
    onEpoch: (epoch, loss) => {
      // Accuracy costs a forward pass over the data: refresh it every 10 epochs.
      if (epoch === 1 || epoch % 10 === 0 || epoch === EPOCHS) acc = accuracy(predict(model, data.x), data.y);
      bar(epoch, `loss ${loss.toFixed(4)}  accuracy ${(100 * acc).toFixed(1)} %`);
    },
  });
  return { losses, accuracy: acc };
}

// One score vector at four temperatures: colder sharpens towards the argmax, hotter flattens
// towards uniform (at T = 100 every probability is within 2 % of 1/5).
const SCORES = [1, -1, 2, 0.5, 3];
const TEMPERATURES = [0.25, 1, 4, 100];

/** The lecture's softmax at a temperature, and why the library subtracts the max first. */
function softmaxLesson(): string {
  const show = (t: ArrayLike<number>) => `[${Array.from(t, (v) => v.toFixed(3)).join(', ')}]`;
  const large = tensor([1000, 999], { dtype: 'float64' });
  console.log('\nsoftmax(s / T) of s = (' + SCORES.join(', ') + ') at temperature T:');
  for (const t of TEMPERATURES) console.log(`  T = ${String(t).padEnd(4)}: ${show(softmax(tensor(SCORES, { dtype: 'float64' }).div(t)).data())}`);
  console.log('  Low T sharpens towards the argmax, high T flattens towards uniform; the order of the classes never changes.');
  console.log(`At scores (1000, 999): exp(1000) = ${Math.exp(1000)} in float64, so the formula as written gives ${show(naiveSoftmax(large).data())}`);
  console.log(`  (∞ / ∞); with the max subtracted first, softmax(s − max s) = ${show(softmax(large).data())}, the same as for (1, 0).`);
  return softmaxTemperatureFigure(SCORES, TEMPERATURES);
}

const formatMatrix = (m: number[][]): string =>
  m.map((row, i) => `      true ${i}: ${row.map((v) => String(v).padStart(5)).join('')}`).join('\n');

async function main(): Promise<void> {
  const backend = getBackend();
  console.log(`Spiral classification (NYU Deep Learning, week 2 practicum), on the ${backend.name}${backend.mode ? ` (${backend.mode})` : ''} backend`);
  const data = spiral(new Generator(12345), { classes: CLASSES, pointsPerClass: 1000 });
  console.log(`data: ${data.x.shape[0]} points in ${CLASSES} interleaved arms; full-batch Adam, lr ${LR}, ${EPOCHS} epochs\n`);

  const init = new Generator(1);
  const models = {
    linear: new Sequential(new Linear(2, HIDDEN, { generator: init }), new Linear(HIDDEN, CLASSES, { generator: init })),
    mlp: new Sequential(new Linear(2, HIDDEN, { generator: init }), new ReLU(), new Linear(HIDDEN, CLASSES, { generator: init })),
  };
  const linear = train('linear', models.linear, data);
  const mlp = train('MLP', models.mlp, data);

  console.log(`\nlinear model (${models.linear.layers.join(' -> ')}): training accuracy ${(100 * linear.accuracy).toFixed(1)} %`);
  console.log('  Two Linear layers with nothing between them are still one affine map: straight boundaries cannot follow the arms.');
  console.log(`MLP (${models.mlp.layers.join(' -> ')}): training accuracy ${(100 * mlp.accuracy).toFixed(1)} %`);
  console.log('  The ReLU between the layers lets the network bend its boundaries around each arm.');
  for (const [name, model] of Object.entries(models)) {
    const m = confusionMatrix(predict(model, data.x), data.y, CLASSES).toArray() as number[][];
    console.log(`\nconfusion matrix, ${name} (rows: true class, columns: predicted)\n${formatMatrix(m)}`);
  }

  const temperature = softmaxLesson();
  const files: [string, string][] = [
    ['spiral-linear.svg', regionsFigure(models.linear, data, { title: `Linear model: ${(100 * linear.accuracy).toFixed(1)} % training accuracy` })],
    ['spiral-mlp.svg', regionsFigure(models.mlp, data, { title: `2-layer MLP: ${(100 * mlp.accuracy).toFixed(1)} % training accuracy` })],
    ['spiral-loss.svg', spiralLossFigure([{ label: 'linear model', losses: linear.losses }, { label: '2-layer MLP', losses: mlp.losses }])],
    ['softmax-temperature.svg', temperature],
  ];
  for (const [name, svg] of files) await writeText(new URL(name, OUT), svg);
  console.log(`\nplots (open them in a browser):\n${files.map(([name]) => `  ${decodeURIComponent(new URL(name, OUT).pathname)}`).join('\n')}`);
}

// `npm run demo -- week7` (Deno: `deno run -A packages/models/demo/main.ts week7`) runs week 7 instead.
const args = (globalThis as { Deno?: { args: string[] } }).Deno?.args ?? (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? [];
await (args.includes('week7') ? week7() : main());
