/**
 * Autoencoders on real MNIST digits (the practicum): an under-complete one that must compress,
 * and over-complete ones, plain and denoising, on digits shrunk to 14 × 14 to keep them quick.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, type Tensor } from '@gradschool/tensor';
import { Adam } from '../../src/optim/adam.ts';
import { AutoEncoder, corruptMask, imageRows, loadMnist, lossCurves, trainAutoEncoder } from '../../src/week7/index.ts';
import { saveSvg } from './output.ts';

const mse = (a: Tensor, b: Tensor) => a.sub(b).square().mean().item();
const reconstruct = (ae: AutoEncoder, x: Tensor) => noGrad(() => ae.forward(x)).value;

/** Average 2 × 2 blocks of pixels: [n, 784] digits of 28 × 28 to [n, 196] of 14 × 14. */
const halve = (x: Tensor): Tensor => x.reshape(x.shape[0], 14, 2, 14, 2).mean([2, 4]).reshape(x.shape[0], 196);

async function underComplete(train: Tensor, test: Tensor): Promise<void> {
  const g = new Generator(1);
  const ae = new AutoEncoder({ sizes: [784, 32], generator: g, output: 'sigmoid' });
  const epochs = 8;
  const history = trainAutoEncoder(ae, train, { optimizer: new Adam(ae.parameters(), { lr: 0.01 }), epochs, batchSize: 50, generator: g });
  const error = mse(reconstruct(ae, test), test);
  console.log(`Under-complete ${ae}, ${train.shape[0]} digits, ${epochs} epochs on the squared error:`);
  console.log(`  held-out per-pixel squared error ${error.toFixed(4)}; drawing the mean digit every time would score ${mse(test, train.mean(0)).toFixed(4)}`);
  const show = test.slice(0, 0, 12);
  await saveSvg('mnist-reconstructions', imageRows([show, reconstruct(ae, show)], 28, { title: 'Held-out digits (top), through a 32-number code (bottom)' }));
  await saveSvg('mnist-training', lossCurves([{ label: 'squared error per pixel', values: history }], { title: 'MNIST autoencoder 784 → 32 → 784', xLabel: 'epoch' }));
}

async function overComplete(train: Tensor, test: Tensor): Promise<void> {
  const corrupt = (x: Tensor, g: Generator) => corruptMask(x, 0.5, g);
  const epochs = 8;
  const fitOne = (denoise: boolean) => {
    const g = new Generator(2);
    const ae = new AutoEncoder({ sizes: [196, 256], generator: g, output: 'sigmoid' });
    trainAutoEncoder(ae, train, { optimizer: new Adam(ae.parameters(), { lr: 0.01 }), epochs, batchSize: 50, generator: g, loss: 'bce', corrupt: denoise ? corrupt : undefined });
    return ae;
  };
  const plain = fitOne(false);
  const denoising = fitOne(true);
  const noisy = corrupt(test, new Generator(3));
  console.log(`Over-complete ${plain} (a code wider than the 14 × 14 digit), ${epochs} epochs on the binary cross-entropy,`);
  console.log(`  then shown held-out digits with half their pixels switched off (masked − clean: ${mse(noisy, test).toFixed(4)} per pixel):`);
  for (const [name, ae] of [['plain', plain], ['denoising', denoising]] as const) {
    const out = reconstruct(ae, noisy);
    const [toInput, toClean] = [mse(out, noisy), mse(out, test)];
    const verdict = toInput < toClean ? 'nearer the masked input: it copies the holes' : 'nearer the clean digit: it fills the holes in';
    console.log(`  ${name.padEnd(9)}: rebuilds clean digits to ${mse(reconstruct(ae, test), test).toFixed(4)}; from masked ones, output − masked ${toInput.toFixed(4)}, output − clean ${toClean.toFixed(4)}, ${verdict}`);
  }
  const show = test.slice(0, 0, 12);
  const shown = noisy.slice(0, 0, 12);
  await saveSvg('mnist-denoising', imageRows([show, shown, reconstruct(plain, shown), reconstruct(denoising, shown)], 14, {
    title: 'Clean / half masked / plain over-complete AE / denoising AE', scale: 4,
  }));
}

export async function mnistDemo(): Promise<void> {
  const train = (await loadMnist({ count: 1000 })).images;
  const test = (await loadMnist({ count: 200, start: 1000 })).images;
  await underComplete(train, test);
  await overComplete(halve(train.slice(0, 0, 800)), halve(test));
}
