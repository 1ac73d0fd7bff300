/**
 * The two training steps of issue 15, for gradschool (autograd's Variables, plain SGD) and TF.js
 * (tf.variable, tf.train.sgd) on each backend:
 * - spiral MLP: 3000 x 2 -> 100 tanh -> 3, full batch, softmax cross-entropy;
 * - MNIST-shaped autoencoder: batch 256, 784 -> 30 tanh -> 784, mean squared error.
 * Each step reads its loss back, so no engine can defer work past the timer. Samples of all
 * engines are interleaved (one step of each in turn) and each figure is the median, so a burst
 * of load from other processes on the machine hits every engine alike.
 */
import { noGrad, parameter, Variable } from '@gradschool/autograd';
import { Generator, oneHot, randint, randn, setBackend, zeros } from '../src/index.ts';

const LR = 0.05;

/** The models' sizes: input, hidden, output, batch. */
export const MODELS = {
  'spiral MLP step (3000x2 -> 100 -> 3)': { d: 2, h: 100, o: 3, batch: 3000, loss: 'xent' },
  'MNIST AE step (b256, 784 -> 30 -> 784)': { d: 784, h: 30, o: 784, batch: 256, loss: 'mse' },
} as const;
export type Model = (typeof MODELS)[keyof typeof MODELS];

/** One gradschool SGD step on `backend`; inputs and targets made once, up front. */
export function gradschoolStep(backend: string, { d, h, o, batch, loss }: Model): () => void {
  setBackend(backend);
  const gen = new Generator(0);
  const x = new Variable(randn([batch, d], gen));
  const target = loss === 'xent' ? oneHot(randint(0, o, [batch], gen), o).to('float32') : x.value;
  const params = [randn([d, h], gen).mul(1 / Math.sqrt(d)), zeros([h]), randn([h, o], gen).mul(1 / Math.sqrt(h)), zeros([o])].map((t) => parameter(t));
  const [w1, b1, w2, b2] = params;
  return () => {
    const out = x.matmul(w1).add(b1).tanh().matmul(w2).add(b2);
    const value = loss === 'xent' ? out.logSoftmax(1).mul(target).sum().div(-batch) : out.sub(target).square().mean();
    value.backward();
    noGrad(() => {
      for (const p of params) {
        p.value = p.value.sub(p.grad!.mul(LR));
        p.grad = null;
      }
    });
    value.value.item();
  };
}

/**
 * The same step in TF.js on `backend` (already registered), with the backward pass written out:
 * tfjs-core registers no gradients by itself (the @tensorflow/tfjs bundle does, and its ESM files
 * do not load in Node), and spelling them out spares TF.js its tape, so this favours TF.js if anything.
 */
async function tfjsStep(backend: string, { d, h, o, batch, loss }: Model): Promise<() => void> {
  const tf = await import('@tensorflow/tfjs-core');
  await tf.setBackend(backend);
  const x = tf.randomNormal([batch, d], 0, 1, 'float32', 1);
  const target = loss === 'xent' ? tf.cast(tf.oneHot(tf.randomUniform([batch], 0, o, 'int32', 2), o), 'float32') : x;
  const w1 = tf.variable(tf.randomNormal([d, h], 0, 1 / Math.sqrt(d), 'float32', 3));
  const b1 = tf.variable(tf.zeros([h]));
  const w2 = tf.variable(tf.randomNormal([h, o], 0, 1 / Math.sqrt(h), 'float32', 4));
  const b2 = tf.variable(tf.zeros([o]));
  return () => {
    const value = tf.tidy(() => {
      const hidden = tf.tanh(tf.add(tf.matMul(x, w1), b1));
      const out = tf.add(tf.matMul(hidden, w2), b2);
      const [value, dOut] = loss === 'xent'
        ? [tf.div(tf.sum(tf.mul(tf.logSoftmax(out), target)), -batch), tf.div(tf.sub(tf.softmax(out), target), batch)]
        : [tf.mean(tf.square(tf.sub(out, target))), tf.mul(tf.sub(out, target), 2 / (batch * o))];
      const dHidden = tf.mul(tf.matMul(dOut, w2, false, true), tf.sub(1, tf.square(hidden)));
      const grads = [tf.matMul(x, dHidden, true, false), tf.sum(dHidden, 0), tf.matMul(hidden, dOut, true, false), tf.sum(dOut, 0)];
      [w1, b1, w2, b2].forEach((p, i) => p.assign(tf.sub(p, tf.mul(grads[i], LR))));
      return value;
    });
    value.dataSync();
    value.dispose();
  };
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[xs.length >> 1];

interface Runner { select(): Promise<unknown>; step(): void }

/**
 * Median ms per step of each engine on each model, as printable lines: `gradschool` names
 * gradschool backends, `tfjs` TF.js backends already registered and started.
 */
export async function trainingTable(gradschool: string[], tfjs: string[], samples = 15): Promise<string[]> {
  const tf = await import('@tensorflow/tfjs-core');
  const names = [...tfjs.map((b) => `tfjs-${b}`), ...gradschool];
  const lines = [
    `ms per training step (lower is better; median of ${samples} interleaved samples)`,
    ['', ...names].map((s, i) => (i === 0 ? s.padEnd(42) : s.padStart(12))).join(''),
  ];
  for (const [label, model] of Object.entries(MODELS)) {
    const runners: Runner[] = [];
    for (const b of tfjs) runners.push({ select: () => tf.setBackend(b), step: await tfjsStep(b, model) });
    for (const b of gradschool) runners.push({ select: async () => setBackend(b), step: gradschoolStep(b, model) });
    const times = runners.map((): number[] => []);
    for (let s = -1; s < samples; s++) { // sample -1 is the warm-up
      for (const [i, { select, step }] of runners.entries()) {
        await select(); // TF.js has one global backend; selecting it is not timed
        const t = performance.now();
        step();
        if (s >= 0) times[i].push(performance.now() - t);
      }
    }
    lines.push([label.padEnd(42), ...times.map((t) => median(t).toFixed(1).padStart(12))].join(''));
  }
  return lines;
}
