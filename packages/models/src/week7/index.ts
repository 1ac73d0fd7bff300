/**
 * Week 7: energy-based models and autoencoders (course notes, week 7 part B and practicum).
 */
export type { Values } from './values.ts';
export { freeEnergy, inferDiscrete, type FreeEnergyOptions } from './ebm/free-energy.ts';
export { gibbs } from './ebm/gibbs.ts';
export { descendEnergy, type Descent, type DescendOptions } from './ebm/descend.ts';
export { mlLoss, mlLossGradient } from './ebm/ml-loss.ts';
export { kmeansEnergy, kmeansInfer } from './kmeans/energy.ts';
export { kmeansInit, lloydStep } from './kmeans/lloyd.ts';
export { kmeansGradientStep } from './kmeans/gradient-step.ts';
export { corruptGaussian, corruptMask } from './corrupt.ts';
export { toyCorpus, decodeTokens, TOY_VOCAB, MASK_TOKEN, TOY_SENTENCE_LENGTH } from './masked/corpus.ts';
export { maskTokens, type MaskedTokens } from './masked/mask-tokens.ts';
export { maskedTokenLoss } from './masked/loss.ts';
export { loadMnist, MNIST_PIXELS, MNIST_SIDE, type Mnist, type MnistOptions } from './mnist.ts';
export { marginLoss } from './contrastive/margin.ts';
export { reconstructionEnergy } from './contrastive/dae-energy.ts';
export { contrastivePoints, type ContrastiveOptions } from './contrastive/divergence.ts';
export { EnergyNet, type EnergyNetOptions } from './contrastive/energy-net.ts';
export { contrastiveDivergenceStep, type CdStep } from './contrastive/train.ts';
export { AutoEncoder, type AutoEncoderOptions } from './autoencoder/autoencoder.ts';
export { trainAutoEncoder, type AutoEncoderTraining } from './autoencoder/train.ts';
export { MaskedTokenModel, type MaskedTokenModelOptions } from './masked/model.ts';
export { maskedTokenStep } from './masked/train.ts';
export { topographicMap, trajectories, imageRows, lossCurves, type Curve, type MapOptions } from './figures.ts';
