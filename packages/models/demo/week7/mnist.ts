/**
 * Autoencoders on real MNIST digits (the practicum), all at 28 × 28: an under-complete one that
 * must compress, and over-complete ones, plain and denoising, shown the same held-out digits,
 * clean and with half their pixels masked; and the under-complete encoder's filters.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { Adam } from '../../src/optim/adam.ts';
import {
  AutoEncoder, corruptMask, filterGrid, imageRows, loadMnist, lossCurves, MNIST_PIXELS, MNIST_SIDE, trainAutoEncoder,
} from '../../src/week7/index.ts';
import type { Linear } from '../../src/nn/linear.ts';
import { saveSvg } from './output.ts';

/**
 * The MNIST part's size, in one place. Chosen so that the whole week-7 demo runs in about a
 * minute on the default (cpu) backend; raise digits and epochs once the fast kernels land.
 */
export const MNIST_RUN = {
  digits: 2000,
  heldOut: 200,
  epochs: 6,
  batchSize: 64,
  lr: 0.01,
  /** Fraction of pixels the denoising model's input loses, afresh at every step (the practicum's dropout noise). */
  mask: 0.5,
  /** Code widths: 32 numbers for a 784-pixel digit, and 800, more numbers than pixels. */
  under: 32,
  over: 800,
};

const mse = (a: Tensor, b: Tensor) => a.sub(b).square().mean().item();
const reconstruct = (ae: AutoEncoder, x: Tensor) => noGrad(() => ae.forward(x)).value;

function train(code: number, data: Tensor, denoise: boolean): { ae: AutoEncoder; losses: number[] } {
  const g = new Generator(1);
  const ae = new AutoEncoder({ sizes: [MNIST_PIXELS, code], generator: g, output: 'sigmoid' });
  const losses = trainAutoEncoder(ae, data, {
    optimizer: new Adam(ae.parameters(), { lr: MNIST_RUN.lr }), epochs: MNIST_RUN.epochs, batchSize: MNIST_RUN.batchSize, generator: g,
    loss: 'bce', corrupt: denoise ? (x, generator) => corruptMask(x, MNIST_RUN.mask, generator) : undefined,
  });
  return { ae, losses };
}

export async function mnistDemo(): Promise<void> {
  const { digits, heldOut, epochs, mask, under, over } = MNIST_RUN;
  const train0 = (await loadMnist({ count: digits })).images;
  const test = (await loadMnist({ count: heldOut, start: digits })).images;
  const models = {
    [`under-complete, code ${under}`]: train(under, train0, false),
    [`over-complete, code ${over}`]: train(over, train0, false),
    [`denoising, code ${over}`]: train(over, train0, true),
  };
  const masked = corruptMask(test, mask, new Generator(3));
  console.log(`Autoencoders 784 → code → 784 (sigmoid pixels, binary cross-entropy), ${digits} digits, ${epochs} epochs each;`);
  console.log(`held-out digits clean, and with ${100 * mask} % of their pixels masked (masked − clean: ${mse(masked, test).toFixed(4)} per pixel):`);
  for (const [name, { ae }] of Object.entries(models)) {
    const out = reconstruct(ae, masked);
    const [toInput, toClean] = [mse(out, masked), mse(out, test)];
    const verdict = toInput < toClean ? 'nearer the masked input: it copies the holes' : 'nearer the clean digit: it fills the holes in';
    console.log(`  ${name.padEnd(24)}: clean digits rebuilt to ${mse(reconstruct(ae, test), test).toFixed(4)}; from masked ones, output − masked ${toInput.toFixed(4)}, output − clean ${toClean.toFixed(4)}, ${verdict}`);
  }
  console.log(`  (drawing the mean training digit every time would score ${mse(test, train0.mean(0)).toFixed(4)})`);

  // the first ten held-out digits are 0, 1, ..., 9 (loadMnist cycles through the classes)
  const show = test.slice(0, 0, 10);
  const shown = masked.slice(0, 0, 10);
  const outputs = (x: Tensor) => Object.values(models).map(({ ae }) => reconstruct(ae, x));
  const names = Object.keys(models).map((n) => n.split(',')[0]);
  await saveSvg('mnist-reconstructions', imageRows([show, ...outputs(show), shown, ...outputs(shown)], MNIST_SIDE, {
    title: 'The same held-out digits, clean and masked, through each autoencoder',
    labels: ['clean', ...names.map((n) => `→ ${n}`), `${100 * mask} % masked`, ...names.map((n) => `→ ${n}`)],
  }));
  const encoder = models[`under-complete, code ${under}`].ae.encoder.layers[0] as Linear;
  await saveSvg('mnist-filters', filterGrid(encoder.weight.value, MNIST_SIDE, {
    title: `What the ${under} code units look for`, scale: 3,
  }));
  await saveSvg('mnist-training', lossCurves(Object.entries(models).map(([label, { losses }]) => ({ label, values: losses })), {
    title: 'MNIST autoencoders, 784 pixels', xLabel: 'epoch', yLabel: 'binary cross-entropy per pixel', first: 1,
  }));
}
