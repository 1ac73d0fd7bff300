/**
 * Shared by the autoencoder checks (7.6, 7.7): the one-layer autoencoder in float64 — code
 * h = tanh(x·W_encᵀ + b_enc), reconstruction x̂ = h·W_decᵀ + b_dec — and the gradients of
 * L = mean_n ‖y − x̂‖² with respect to its four parameters, by the chain rule written out.
 */
import fc from 'fast-check';
import { moderate, ndOf } from '../harness/arbitraries.ts';
import { map, matmul, type Nd, nd, transpose } from '../harness/nd.ts';
import { show } from '../harness/show.ts';

export const PARAMETERS = ['encoderWeight', 'encoderBias', 'decoderWeight', 'decoderBias'] as const;
export type Parameter = (typeof PARAMETERS)[number];
export type AutoEncoderNd = Record<Parameter, Nd>;

/** The same four parameters, each transformed (to Tensors, Variables, shapes, …). */
export const mapParameters = <A, B>(p: Record<Parameter, A>, f: (value: A, name: Parameter) => B): Record<Parameter, B> => ({
  encoderWeight: f(p.encoderWeight, 'encoderWeight'),
  encoderBias: f(p.encoderBias, 'encoderBias'),
  decoderWeight: f(p.decoderWeight, 'decoderWeight'),
  decoderBias: f(p.decoderBias, 'decoderBias'),
});

/** `{ encoderWeight: [[…]], … }` for a failure message. */
export const showParams = (p: AutoEncoderNd): string => `{ ${PARAMETERS.map((k) => `${k}: ${show(p[k])}`).join(', ')} }`;

/** Parameters for `input` features and a code of width `code`, small enough that tanh is not saturated. */
export const autoencoders = (input: number, code: number): fc.Arbitrary<AutoEncoderNd> =>
  fc.record({
    encoderWeight: ndOf([code, input], moderate(1)),
    encoderBias: ndOf([code], moderate(1)),
    decoderWeight: ndOf([input, code], moderate(1)),
    decoderBias: ndOf([input], moderate(1)),
  });

/** a [n, m] + b [m] on every row. */
const addRows = (a: Nd, b: Nd): Nd => nd(a.shape, a.data.map((v, i) => v + b.data[i % b.data.length]));

/** Column sums of [n, m]: what a bias added to every row receives. */
function columnSums(a: Nd): Nd {
  const [n, m] = a.shape;
  const out = nd([m]);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) out.data[j] += a.data[i * m + j];
  return out;
}

export const encodeNd = (x: Nd, p: AutoEncoderNd): Nd => map(addRows(matmul(x, transpose(p.encoderWeight)), p.encoderBias), Math.tanh);
export const decodeNd = (h: Nd, p: AutoEncoderNd): Nd => addRows(matmul(h, transpose(p.decoderWeight)), p.decoderBias);

/** ‖y_n − ŷ_n‖² for every row. */
export function energiesNd(y: Nd, reconstruction: Nd): Nd {
  const [n, m] = y.shape;
  return nd([n], Array.from({ length: n }, (_, i) => {
    let s = 0;
    for (let j = 0; j < m; j++) s += (y.data[i * m + j] - reconstruction.data[i * m + j]) ** 2;
    return s;
  }));
}

export const lossNd = (y: Nd, reconstruction: Nd): number => energiesNd(y, reconstruction).data.reduce((a, b) => a + b, 0) / y.shape[0];

/** The loss mean_n ‖target − dec(enc(input))‖² and its gradient with respect to every parameter. */
export function lossAndGradients(p: AutoEncoderNd, input: Nd, target: Nd): { loss: number; grads: AutoEncoderNd } {
  const n = input.shape[0];
  const h = encodeNd(input, p);
  const out = decodeNd(h, p);
  const dOut = nd(out.shape, out.data.map((v, i) => (2 * (v - target.data[i])) / n));
  const dH = matmul(dOut, p.decoderWeight);
  const dPre = nd(dH.shape, dH.data.map((g, i) => g * (1 - h.data[i] ** 2)));
  return {
    loss: lossNd(target, out),
    grads: {
      encoderWeight: matmul(transpose(dPre), input),
      encoderBias: columnSums(dPre),
      decoderWeight: matmul(transpose(dOut), h),
      decoderBias: columnSums(dOut),
    },
  };
}
