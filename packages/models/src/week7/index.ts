/**
 * Week 7: energy-based models and autoencoders (course notes, week 7 part B and practicum).
 * Each formula is a small function that runs on Tensors (values) or Variables (gradients).
 */
export type { Values } from './values.ts';

// Energy-based models: eliminating the latent, probabilities, maximum likelihood, inference.
export { freeEnergy, inferDiscrete, type FreeEnergyOptions } from './ebm/free-energy.ts';
export { gibbs } from './ebm/gibbs.ts';
export { mlLoss, mlLossGradient } from './ebm/ml-loss.ts';
export { descendEnergy, type Descent, type DescendOptions } from './ebm/descend.ts';
export { ellipseLatentEnergy, ellipseLimitDensity } from './ebm/ellipse-latent.ts';

// K-means, a latent-variable EBM with E(y, z) = ‖y − Wz‖².
export { kmeansEnergy, kmeansInfer } from './kmeans/energy.ts';
export { kmeansInit, lloydStep } from './kmeans/lloyd.ts';
export { kmeansGradientStep } from './kmeans/gradient-step.ts';

// Autoencoders, plain and denoising.
export { AutoEncoder, type AutoEncoderOptions } from './autoencoder/autoencoder.ts';
export { trainAutoEncoder, type AutoEncoderTraining } from './autoencoder/train.ts';
export { corruptGaussian, corruptMask } from './corrupt.ts';
export { ARC_DAE, arcData, distanceToArc, trainArcAutoEncoder } from './autoencoder/arc.ts';

// Contrastive methods: the DAE as an energy, contrastive divergence, the margin loss.
export { reconstructionEnergy } from './contrastive/dae-energy.ts';
export { contrastivePoints, type ContrastiveOptions } from './contrastive/divergence.ts';
export { marginLoss } from './contrastive/margin.ts';
export { EnergyNet, type EnergyNetOptions } from './contrastive/energy-net.ts';
export { contrastiveDivergenceStep, type CdOptions, type CdStep } from './contrastive/train.ts';
export { type CdRun, ELLIPSE_CD, ELLIPSE_LANGEVIN, ellipseCdPaths, ellipseSamples, trainEllipseCd } from './contrastive/ellipse.ts';

// Conditional prediction with two right answers: least squares blurs, a latent z does not.
export {
  branch, LatentPredictor, type LatentPredictorOptions, trainLatentPredictor, trainTwoBranchModels, TWO_BRANCHES, twoBranches, type TwoBranchRun,
} from './conditional/two-branches.ts';

// The masked autoencoder on words (BERT at toy scale).
export { toyCorpus, decodeTokens, TOY_VOCAB, MASK_TOKEN, TOY_SENTENCE_LENGTH } from './masked/corpus.ts';
export { maskTokens, type MaskedTokens } from './masked/mask-tokens.ts';
export { maskedTokenLoss } from './masked/loss.ts';
export { MaskedTokenModel, type MaskedTokenModelOptions } from './masked/model.ts';
export { maskedTokenStep } from './masked/train.ts';

// Data and pictures.
export { kmeansDiagram, lvEbmDiagram } from './diagrams.ts';
export { loadMnist, MNIST_PIXELS, MNIST_SIDE, type Mnist, type MnistOptions } from './mnist.ts';
export { branchesFigure, curveMap, energyOnGrid, filterGrid, topographicMap, trajectories, imageRows, lossCurves, type Curve, type CurveOptions, type MapOptions } from './figures.ts';
