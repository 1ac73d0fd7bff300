/**
 * The mistakes a student or a PyTorch user makes with layers, losses, optimizers, data and the
 * week-7 models, each refused at the call with the error class and a message that names the
 * function they wrote and the shapes or values at fault; and a refused call changes nothing
 * (no parameter moved, no optimizer state advanced).
 */
import { fc, it } from '@fast-check/vitest';
import { parameter, Variable } from '@gradschool/autograd';
import { formatShape as fmt, Generator, ShapeError, type Tensor, tensor, zeros } from '@gradschool/tensor';
import { describe, expect } from 'vitest';
import {
  accuracy, Adam, AdamW, arcData, AutoEncoder, bce, confusionMatrix, contrastiveDivergenceStep, contrastivePoints, corruptGaussian, corruptMask, crossEntropy,
  decodeTokens, descendEnergy, Dropout, ellipseLatentEnergy, EnergyNet, fit, fitStandardizer, freeEnergy, gibbs, kmeansEnergy, kmeansInit, LatentPredictor, Linear,
  lloydStep, marginLoss, maskedTokenLoss, maskedTokenStep, MaskedTokenModel, maskTokens, minibatches, mlLoss, mlLossGradient, mse, nll,
  naiveSoftmax, normal, plot, predict, regionsFigure, ReLU, Sequential, SGD, spiral, spiralLossFigure, StepLR, trainAutoEncoder, trainLatentPredictor, trainTestSplit, twoBranches, uniform,
} from '../src/index.ts';
import { expectError, type Mistake } from '../../tensor/test/mistakes.ts';

const g = () => new Generator(0);
const ints = (values: number[]) => tensor(values, { dtype: 'int32' });
const linear = (a = 3, b = 2) => new Linear(a, b, { generator: g() });
const data = (n = 4) => ({ x: zeros([n, 3]), y: zeros([n, 2]) });
/** A model with its own optimizer, as a training call needs. */
function trained() {
  const model = linear();
  return { model, optimizer: new SGD(model.parameters(), { lr: 0.1 }) };
}
/** Every parameter's values, to compare before and after a refused call. */
const snapshot = (params: readonly Variable[]) => params.map((p) => Array.from(p.value.data()));

const MISTAKES: Mistake[] = [
  // layers
  ['Linear without options', () => new Linear(3, 2, undefined as never), TypeError, 'Linear: needs an options object, as in new Linear(3, 2, { generator: new Generator(seed) }), got undefined'],
  ['Linear without a generator', () => new Linear(3, 2, {} as never), TypeError, 'Linear: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['Linear with a seed for a generator', () => new Linear(3, 2, { generator: 0 as never }), TypeError, 'Linear: the generator must be a Generator, got a number (to draw from seed 0, pass new Generator(0))'],
  ['Linear with a fractional width', () => new Linear(2.5, 2, { generator: g() }), RangeError, 'Linear: inFeatures must be an integer >= 0, got 2.5'],
  ['Linear fed the wrong width', () => linear().forward(zeros([4, 5])), ShapeError, 'Linear(3, 2): input of shape [4,5] must have 3 features in its last dim'],
  ['Linear fed a 0-d tensor', () => linear().forward(tensor(1)), ShapeError, 'Linear(3, 2): input of shape [] must have 3 features in its last dim'],
  ['Linear fed a plain array', () => linear().forward([[1, 2, 3]] as never), TypeError, 'Linear(3, 2): input must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['Linear fed nothing', () => linear().forward(undefined as never), TypeError, 'Linear(3, 2): input must be a Tensor or a Variable, got undefined'],
  ['a second layer of the wrong width', () => new Sequential(linear(), new ReLU(), linear()).forward(zeros([1, 3])), ShapeError, 'Linear(3, 2): input of shape [1,2] must have 3 features in its last dim'],
  ['Sequential of a class, not an instance', () => new Sequential(linear(), ReLU as never), TypeError,
    'Sequential: layer 1 must be a Module such as new Linear(...) or new ReLU(), got a function (a class or a function, not an instance: write new Layer(...))'],
  ['Sequential of a number', () => new Sequential(3 as never), TypeError, 'Sequential: layer 0 must be a Module such as new Linear(...) or new ReLU(), got a number'],
  ['ReLU of a plain array', () => new ReLU().forward([1, -1] as never), TypeError, 'ReLU: input must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['Dropout with p above 1', () => new Dropout(1.5, g()), RangeError, 'Dropout: p must lie in [0, 1], got 1.5'],
  ['Dropout without a generator', () => new Dropout(0.5, undefined as never), TypeError, 'Dropout: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['uniform with a negative bound', () => uniform([2], -1, g()), RangeError, 'uniform: bound must be a finite number >= 0, got -1'],
  ['normal with a NaN spread', () => normal([2], NaN, g()), RangeError, 'normal: std must be a finite number >= 0, got NaN'],
  ['loadStateDict of nothing', () => linear().loadStateDict(undefined as never), TypeError,
    'loadStateDict: the state must be an object of saved tensors by name (what stateDict() returns), got undefined'],
  // losses
  ['mse of [N, 1] against [N]', () => mse(zeros([4, 1]), zeros([4])), ShapeError,
    'mse: input [4,1] and target [4] must have the same shape (broadcasting them would compare every pair); the input has an extra size-1 dim at the end: use input.squeeze(-1), or target.unsqueeze(-1)'],
  ['mse of [N] against [N, 1]', () => mse(zeros([4]), zeros([4, 1])), ShapeError,
    'mse: input [4] and target [4,1] must have the same shape (broadcasting them would compare every pair); the target has an extra size-1 dim at the end: use target.squeeze(-1), or input.unsqueeze(-1)'],
  ['mse against a plain array', () => mse(zeros([2]), [1, 2] as never), TypeError, 'mse: target must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['mse against a number', () => mse(zeros([2]), 1 as never), TypeError, 'mse: target must be a Tensor or a Variable, got a number (1); wrap it with tensor(...)'],
  ['mse with an unknown reduction', () => mse(zeros([2]), zeros([2]), { reduction: 'avg' as never }), RangeError, "mse: reduction must be 'none', 'mean' or 'sum', got 'avg'"],
  ['bce of logits', () => bce(tensor([0.5, 1.5]), tensor([0, 1])), RangeError, 'bce: input must hold probabilities in [0, 1], found 1.5; pass raw scores (logits) to bceWithLogits instead'],
  ['bce of [N, 1] against [N]', () => bce(zeros([3, 1]), zeros([3])), ShapeError, 'bce: input [3,1] and target [3] must have the same shape (broadcasting them would compare every pair); the input has an extra size-1 dim at the end: use input.squeeze(-1), or target.unsqueeze(-1)'],
  ['crossEntropy against targets [N, 1]', () => crossEntropy(zeros([4, 3]), ints([0, 1, 2, 0]).reshape(4, 1)), ShapeError,
    'crossEntropy: scores [4,3] need targets of shape [4] (one class index per row), got [4,1]; the targets have an extra size-1 dim at the end: use target.squeeze(-1); class probabilities must be a float tensor shaped like the scores, [4,3]'],
  ['crossEntropy of one score per example [N]', () => crossEntropy(zeros([4]), ints([0, 1, 1, 0])), TypeError,
    'crossEntropy: targets shaped like the scores [4] are class probabilities and must be float, got int32; scores of shape [4] are one example over 4 classes, and a batch of N examples needs scores [N, C]'],
  ['crossEntropy against float class indices', () => crossEntropy(zeros([2, 3]), tensor([0, 1])), TypeError,
    'crossEntropy: targets of shape [2] must be class indices (int32), got float32; class probabilities must be a float tensor shaped like the scores, [2,3]'],
  ['crossEntropy against int32 one-hot rows', () => crossEntropy(zeros([2, 3]), ints([1, 0, 0, 0, 1, 0]).reshape(2, 3)), TypeError,
    'crossEntropy: targets shaped like the scores [2,3] are class probabilities and must be float, got int32'],
  ['crossEntropy against a batch of another size', () => crossEntropy(zeros([2, 3]), ints([0, 1, 2])), ShapeError,
    'crossEntropy: scores [2,3] need targets of shape [2] (one class index per row), got [3]; class probabilities must be a float tensor shaped like the scores, [2,3]'],
  ['crossEntropy against class C', () => crossEntropy(zeros([2, 3]), ints([0, 3])), RangeError, 'crossEntropy: target 3 is not a class index for 3 classes (0..2)'],
  ['crossEntropy against a negative class', () => crossEntropy(zeros([2, 3]), ints([0, -1])), RangeError, 'crossEntropy: target -1 is not a class index for 3 classes (0..2)'],
  ["crossEntropy against PyTorch's -100", () => crossEntropy(zeros([1, 3]), ints([-100])), RangeError,
    'crossEntropy: target -100 is not a class index for 3 classes (0..2); PyTorch skips -100 by default, here pass { ignoreIndex: -100 } to skip it'],
  ['crossEntropy against a plain array', () => crossEntropy(zeros([2, 3]), [0, 1] as never), TypeError,
    "crossEntropy: target must be a Tensor, got an array; for class indices write tensor([...], { dtype: 'int32' })"],
  ['crossEntropy against nothing', () => crossEntropy(zeros([2, 3]), undefined as never), TypeError, 'crossEntropy: target must be a Tensor or a Variable, got undefined'],
  ['crossEntropy of a plain array', () => crossEntropy([[0, 1]] as never, ints([0])), TypeError, 'crossEntropy: input must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['crossEntropy of a 0-d score', () => crossEntropy(tensor(1), ints([0])), ShapeError, 'crossEntropy: scores must have a class dim, got a 0-d tensor'],
  ['crossEntropy with a negative class weight', () => crossEntropy(zeros([2, 3]), ints([0, 1]), { weight: tensor([-1, 1, 1]) }), RangeError,
    'crossEntropy: class weights must be finite numbers >= 0, found -1'],
  ['crossEntropy with a plain array of weights', () => crossEntropy(zeros([2, 3]), ints([0, 1]), { weight: [1, 1, 1] as never }), TypeError,
    'crossEntropy: weight must be a Tensor, got an array; wrap it with tensor(...)'],
  ['crossEntropy with a weight per example', () => crossEntropy(zeros([2, 3]), ints([0, 1]), { weight: tensor([1, 1]) }), ShapeError,
    'crossEntropy: weight must have shape [3] (one per class), got [2]'],
  ['crossEntropy with label smoothing 2', () => crossEntropy(zeros([2, 3]), ints([0, 1]), { labelSmoothing: 2 }), RangeError, 'crossEntropy: labelSmoothing must lie in [0, 1], got 2'],
  ['crossEntropy against probabilities above 1', () => crossEntropy(zeros([1, 2]), tensor([[1.5, 0]])), RangeError, 'crossEntropy: class probabilities must lie in [0, 1], found 1.5'],
  ['nll against float targets', () => nll(zeros([2, 3]), tensor([0, 1])), TypeError,
    'nll: targets of shape [2] must be class indices (int32), got float32; for probabilities per class use crossEntropy on the raw scores'],
  ['nll with a fractional ignoreIndex', () => nll(zeros([2, 3]), ints([0, 1]), { ignoreIndex: 0.5 }), RangeError, 'nll: ignoreIndex must be an integer (the target value to skip), got 0.5'],
  // optimizers and schedules
  ['SGD of the model, not its parameters', () => new SGD(linear() as never, { lr: 0.1 }), TypeError,
    'SGD: params must be a list of parameters, such as model.parameters(), got a Linear; pass model.parameters()'],
  ['SGD of model.parameters, not called', () => new SGD(linear().parameters as never, { lr: 0.1 }), TypeError,
    'SGD: params must be a list of parameters, such as model.parameters(), got a function; call it: model.parameters()'],
  ['SGD of nothing', () => new SGD(undefined as never, { lr: 0.1 }), TypeError, 'SGD: params must be a list of parameters, such as model.parameters(), got undefined'],
  ['SGD of no parameters', () => new SGD([], { lr: 0.1 }), RangeError, 'SGD: got an empty list of parameters to optimize'],
  ['SGD of a Tensor', () => new SGD([zeros([2]) as never], { lr: 0.1 }), TypeError, "SGD: parameter 0 must be a Variable made by parameter(...) (or a Module's parameters()), got a Tensor"],
  ['SGD of an op result', () => new SGD([parameter([1]).mul(2)], { lr: 0.1 }), TypeError,
    "SGD: parameter 0 was made by 'mul', not a leaf, so it cannot be updated; pass the parameters it was computed from"],
  ['SGD of a constant', () => new SGD([new Variable(zeros([1]))], { lr: 0.1 }), TypeError, 'SGD: parameter 0 does not require gradients, so it would never move'],
  ['SGD without options', () => new SGD([parameter([1])], undefined as never), TypeError, 'SGD: needs an options object, as in new SGD(model.parameters(), { lr: 0.1 }), got undefined'],
  ['SGD without a learning rate', () => new SGD([parameter([1])], {} as never), TypeError, 'SGD: lr must be a finite number >= 0, got undefined'],
  ['SGD with a negative learning rate', () => new SGD([parameter([1])], { lr: -0.1 }), RangeError, 'SGD: lr must be a finite number >= 0, got -0.1'],
  ['SGD with a NaN learning rate', () => new SGD([parameter([1])], { lr: NaN }), RangeError, 'SGD: lr must be a finite number >= 0, got NaN'],
  ['SGD with momentum 2', () => new SGD([parameter([1])], { lr: 0.1, momentum: 2 }), RangeError, 'SGD: momentum must lie in [0, 1], got 2'],
  ['Adam with a learning rate string', () => new Adam([parameter([1])], { lr: '0.01' as never }), TypeError, "Adam: lr must be a finite number >= 0, got a string ('0.01')"],
  ['Adam with beta 1', () => new Adam([parameter([1])], { betas: [1, 0.999] }), RangeError, 'Adam: betas[0] must be below 1, got 1 (the bias correction 1 - betas[0]^t would be 0)'],
  ['Adam with a negative eps', () => new Adam([parameter([1])], { eps: -1 }), RangeError, 'Adam: eps must be a finite number >= 0, got -1'],
  ['StepLR of a plain object', () => new StepLR({} as never, { stepSize: 1 }), TypeError, 'StepLR: the optimizer must be an Optimizer such as new SGD(...), got an object'],
  ['StepLR without options', () => new StepLR(new SGD([parameter([1])], { lr: 0.1 }), undefined as never), TypeError,
    'StepLR: needs an options object, as in new StepLR(optimizer, { stepSize: 10 }), got undefined'],
  ['StepLR with step size 0', () => new StepLR(new SGD([parameter([1])], { lr: 0.1 }), { stepSize: 0 }), RangeError, 'StepLR: stepSize must be an integer >= 1, got 0'],
  // data and training
  ['minibatches of size 0', () => minibatches(data(), { batchSize: 0 }), RangeError, 'minibatches: batchSize must be an integer >= 1, got 0'],
  ['minibatches of size -1', () => minibatches(data(), { batchSize: -1 }), RangeError, 'minibatches: batchSize must be an integer >= 1, got -1'],
  ['minibatches of size 2.5', () => minibatches(data(), { batchSize: 2.5 }), RangeError, 'minibatches: batchSize must be an integer >= 1, got 2.5'],
  ['minibatches without options', () => minibatches(data(), undefined as never), TypeError, 'minibatches: needs an options object, as in minibatches(data, { batchSize: 32 }), got undefined'],
  ['minibatches of unequal x and y', () => minibatches({ x: zeros([4, 2]), y: zeros([3]) }, { batchSize: 2 }), ShapeError,
    'minibatches: x [4,2] and y [3] must have the same number of rows (dim 0)'],
  ['minibatches of plain arrays', () => minibatches({ x: [[1]], y: [1] } as never, { batchSize: 1 }), TypeError,
    'minibatches: data must be a dataset { x, y } of two Tensors (inputs and targets), got x an array and y an array'],
  ['minibatches of a Tensor', () => minibatches(zeros([4, 2]) as never, { batchSize: 1 }), TypeError,
    'minibatches: data must be a dataset { x, y } of two Tensors (inputs and targets), got a Tensor; pass the inputs and the targets together, as { x, y }'],
  ['fit(model, x, y), as in Keras', () => fit(linear(), zeros([4, 3]) as never, zeros([4, 2]) as never), TypeError,
    'fit: data must be a dataset { x, y } of two Tensors (inputs and targets), got a Tensor; pass the inputs and the targets together, as { x, y }'],
  ['fit without a loss', () => { const { model, optimizer } = trained(); return fit(model, data(), { optimizer, epochs: 1 } as never); }, TypeError, 'fit: loss must be a function, got undefined'],
  ['fit with the name of a loss', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: 'mse' as never, optimizer, epochs: 1 }); }, TypeError,
    "fit: loss must be a function, got a string ('mse')"],
  ['fit without an optimizer', () => fit(linear(), data(), { loss: mse, epochs: 1 } as never), TypeError,
    'fit: optimizer must be an Optimizer such as new SGD(model.parameters(), { lr: 0.1 }), got undefined'],
  ["fit with another model's optimizer", () => fit(linear(), data(), { loss: mse, optimizer: trained().optimizer, epochs: 1 }), Error,
    "fit: the optimizer holds none of the model's parameters, so training would not change the model; make it with new SGD(model.parameters(), ...) for this model"],
  ['fit for 1.5 epochs', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: mse, optimizer, epochs: 1.5 }); }, RangeError, 'fit: epochs must be an integer >= 0, got 1.5'],
  ['fit in batches of 0', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: mse, optimizer, epochs: 1, batchSize: 0 }); }, RangeError,
    'fit: batchSize must be an integer >= 1, got 0'],
  ['fit on no examples', () => { const { model, optimizer } = trained(); return fit(model, { x: zeros([0, 3]), y: zeros([0, 2]) }, { loss: mse, optimizer, epochs: 1 }); }, RangeError,
    'fit: the dataset has no examples to train on'],
  ['fit with a loss left unreduced', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: (o, t) => mse(o, t, { reduction: 'none' }), optimizer, epochs: 1 }); }, ShapeError,
    "fit: the loss function must return a scalar Variable (reduce with 'mean' or 'sum'), got a Variable of shape [4,2]"],
  ['fit with a loss that returns a number', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: (o, t) => mse(o, t).item() as never, optimizer, epochs: 1 }); }, TypeError,
    "fit: the loss function must return a scalar Variable (the result of ops on the model's output), got a number"],
  ['fit with a loss computed from .value', () => { const { model, optimizer } = trained(); return fit(model, data(), { loss: (o, t) => mse(o.value, t), optimizer, epochs: 1 }); }, Error,
    "fit: the loss does not depend on the model's parameters (was it computed from .value, or inside noGrad?), so backward could not train them"],
  ['fit on data of the wrong width', () => { const { model, optimizer } = trained(); return fit(model, { x: zeros([4, 5]), y: zeros([4, 2]) }, { loss: mse, optimizer, epochs: 1 }); }, ShapeError,
    'Linear(3, 2): input of shape [4,5] must have 3 features in its last dim'],
  ['fit on targets of [N] for outputs [N, 2]', () => { const { model, optimizer } = trained(); return fit(model, { x: zeros([4, 3]), y: zeros([4]) }, { loss: mse, optimizer, epochs: 1 }); }, ShapeError,
    'mse: input [4,2] and target [4] must have the same shape (broadcasting them would compare every pair)'],
  ['predict of a plain array', () => predict(linear(), [[1, 2, 3]] as never), TypeError, 'predict: x must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['predict with a function for a model', () => predict(((x: Tensor) => x) as never, zeros([1, 3])), TypeError, 'predict: model must be a Module such as new Linear(...), got a function'],
  ['trainTestSplit without a generator', () => trainTestSplit({ x: zeros([4, 2]), y: zeros([4]) }, undefined as never), TypeError,
    'trainTestSplit: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['trainTestSplit holding out 150 %', () => trainTestSplit({ x: zeros([4, 2]), y: zeros([4]) }, g(), { testFraction: 1.5 }), RangeError, 'trainTestSplit: testFraction must lie in [0, 1], got 1.5'],
  ['spiral with a seed for a generator', () => spiral(0 as never), TypeError, 'spiral: the generator must be a Generator, got a number (to draw from seed 0, pass new Generator(0))'],
  ['spiral of no classes', () => spiral(g(), { classes: 0 }), RangeError, 'spiral: classes must be an integer >= 1, got 0'],
  ['fitStandardizer of a plain array', () => fitStandardizer([[1]] as never), TypeError, 'fitStandardizer: x must be a Tensor, got an array; wrap it with tensor(...)'],
  ['a standardizer applied to other features', () => fitStandardizer(zeros([2, 3])).transform(zeros([2, 2])), ShapeError,
    'standardizer.transform: fitted on rows of shape [3], got a tensor of shape [2,2]'],
  // metrics
  ['accuracy of probabilities [N]', () => accuracy(tensor([0.25, 0.75]), ints([0, 1])), RangeError,
    'accuracy: predictions of shape [2] are read as class indices, but example 0 has 0.25; pass scores [n, K], or threshold probabilities first, as in p.gt(0.5)'],
  ['accuracy of one sigmoid column [N, 1]', () => accuracy(zeros([3, 1]), ints([0, 1, 1])), RangeError,
    'accuracy: target 1 at example 1 is not one of the 1 classes that scores [3,1] cover (0..0); one column of scores [n, 1] is one score per example (binary): threshold it first, as in p.gt(0.5).squeeze(1) for probabilities or z.gt(0).squeeze(1) for logits'],
  ['accuracy against a class the scores lack', () => accuracy(zeros([2, 3]), ints([0, 3])), RangeError,
    'accuracy: target 3 at example 1 is not one of the 3 classes that scores [2,3] cover (0..2)'],
  ['accuracy against fractional targets', () => accuracy(zeros([2, 2]), tensor([0.5, 1])), RangeError, 'accuracy: targets must be class indices, but example 0 has 0.5'],
  ['accuracy against a plain array', () => accuracy(zeros([2, 2]), [0, 1] as never), TypeError, "accuracy: targets must be a Tensor, got an array; write tensor([...], { dtype: 'int32' })"],
  ['accuracy of unequal batches', () => accuracy(zeros([3, 2]), ints([0, 1])), ShapeError,
    'accuracy: expected predictions [n] (classes) or [n, K] (scores) and targets [n], got [3,2] and [2]'],
  ['confusionMatrix with a class out of range', () => confusionMatrix(ints([0, 3]), ints([0, 1]), 3), RangeError, 'confusionMatrix: class 3 at example 1 is outside 0..2'],
  ['confusionMatrix of no classes', () => confusionMatrix(ints([0]), ints([0]), 0), RangeError, 'confusionMatrix: classes must be an integer >= 1, got 0'],
  // week 7: energies, K-means, autoencoders, contrastive and masked models
  ['freeEnergy at temperature β = 0', () => freeEnergy(zeros([2, 3]), 0), RangeError, 'freeEnergy: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got 0'],
  ['freeEnergy at β given as a string', () => freeEnergy(zeros([2, 3]), '1' as never), TypeError,
    "freeEnergy: beta must be a number > 0 (an inverse temperature; Infinity gives the minimum), got a string ('1')"],
  ['freeEnergy of a plain array', () => freeEnergy([1, 2] as never, 1), TypeError, 'freeEnergy: energies must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['gibbs at a negative β', () => gibbs(zeros([3]), -1), RangeError, 'gibbs: beta must be > 0 (an inverse temperature; Infinity gives the minimum), got -1'],
  ['mlLoss against a target off the grid', () => mlLoss(zeros([2, 3]), ints([0, 3]), 1), RangeError, 'mlLoss: target 3 is not the index of a grid point of y (the grid has 3: 0..2)'],
  ['mlLoss against a fractional target', () => mlLoss(zeros([2, 3]), tensor([0, 1.5]), 1), RangeError, 'mlLoss: target 1.5 is not the index of a grid point of y (the grid has 3: 0..2)'],
  ['mlLossGradient against a negative target', () => mlLossGradient(zeros([2, 3]), ints([0, -1]), 1), RangeError,
    'mlLossGradient: target -1 is not the index of a grid point of y (the grid has 3: 0..2)'],
  ['mlLoss against too few targets', () => mlLoss(zeros([2, 3]), ints([0]), 1), ShapeError, 'mlLoss: energies [2,3] (a grid of y along the last dim) need targets of shape [2], got [1]'],
  ['kmeansInit of more prototypes than points', () => kmeansInit(zeros([3, 2]), 4, g()), RangeError, 'kmeansInit: cannot choose 4 prototypes from data of shape [3,2] (need [n, d] with n ≥ k)'],
  ['kmeansInit of 1.5 prototypes', () => kmeansInit(zeros([3, 2]), 1.5, g()), RangeError, 'kmeansInit: k must be an integer >= 1, got 1.5'],
  ['kmeansInit without a generator', () => kmeansInit(zeros([3, 2]), 2, undefined as never), TypeError, 'kmeansInit: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['kmeansEnergy with prototypes as rows', () => kmeansEnergy(zeros([5, 2]), zeros([3, 2])), ShapeError,
    'kmeansEnergy: data [5,2] must be [n, d] and prototypes [3,2] must be [d, k] with k ≥ 1 (one prototype per column)'],
  ['kmeansEnergy of a plain array', () => kmeansEnergy([[1]] as never, zeros([1, 1])), TypeError, 'kmeansEnergy: data must be a Tensor or a Variable, got an array; wrap it with tensor(...)'],
  ['lloydStep of a 1-D point', () => lloydStep(zeros([2]), zeros([2, 1])), ShapeError,
    'lloydStep: data [2] must be [n, d] and prototypes [2,1] must be [d, k] with k ≥ 1 (one prototype per column)'],
  ['descendEnergy of an energy that returns a Tensor', () => descendEnergy((x) => x.value.square().sum(-1) as never, zeros([2, 2]), { steps: 1 }), TypeError,
    'descendEnergy: the energy must be computed from its argument with Variable ops, so its gradient reaches x; it returned a Tensor'],
  ['descendEnergy from int32 points', () => descendEnergy((x) => x.square().sum(-1), ints([1, 2]), { steps: 1 }), TypeError,
    "descendEnergy: start must be a float tensor (the walk moves it by fractions), got int32; convert it with .to('float32')"],
  ['descendEnergy from a plain array', () => descendEnergy((x) => x.square().sum(-1), [[1, 2]] as never), TypeError, 'descendEnergy: start must be a Tensor, got an array; wrap it with tensor(...)'],
  ['descendEnergy of no function', () => descendEnergy(undefined as never, zeros([2])), TypeError, 'descendEnergy: energy must be a function, got undefined'],
  ['corruptGaussian with a negative σ', () => corruptGaussian(zeros([2]), -1, g()), RangeError, 'corruptGaussian: sigma must be a finite number >= 0, got -1'],
  ['corruptGaussian without a generator', () => corruptGaussian(zeros([2]), 1, undefined as never), TypeError, 'corruptGaussian: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['corruptMask of a plain array', () => corruptMask([1, 2] as never, 0.5, g()), TypeError, 'corruptMask: y must be a Tensor, got an array; wrap it with tensor(...)'],
  ['corruptMask with a rate above 1', () => corruptMask(zeros([2]), 1.2, g()), RangeError, 'corruptMask: p must lie in [0, 1], got 1.2'],
  ['AutoEncoder without a generator', () => new AutoEncoder({ sizes: [3, 2] } as never), TypeError, 'AutoEncoder: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['AutoEncoder with an unknown activation', () => new AutoEncoder({ sizes: [3, 2], generator: g(), activation: 'sigmoid' as never }), RangeError,
    "AutoEncoder: activation must be 'relu' or 'tanh', got 'sigmoid'"],
  ['AutoEncoder with an unknown output', () => new AutoEncoder({ sizes: [3, 2], generator: g(), output: 'softmax' as never }), RangeError,
    "AutoEncoder: output must be 'linear' or 'sigmoid', got 'softmax'"],
  ['an AutoEncoder fed the wrong width', () => new AutoEncoder({ sizes: [3, 2], generator: g() }).forward(zeros([1, 4])), ShapeError, 'AutoEncoder: input of shape [1,4] must have 3 features in its last dim'],
  ['AutoEncoder.decode of a code of the wrong width', () => new AutoEncoder({ sizes: [3, 2], generator: g() }).decode(zeros([1, 3])), ShapeError,
    'AutoEncoder.decode: code of shape [1,3] must have 2 features in its last dim'],
  ['EnergyNet of points in 3-D', () => new EnergyNet({ generator: g(), hidden: [4] }).forward(zeros([2, 3])), ShapeError, 'EnergyNet: points of shape [2,3] must have 2 features in its last dim'],
  ['LatentPredictor of x [N, 2]', () => new LatentPredictor({ generator: g() }).forward(zeros([3, 2])), ShapeError, 'LatentPredictor: x of shape [3,2] must have 1 feature in its last dim'],
  ['trainAutoEncoder with an unknown loss', () => { const m = new AutoEncoder({ sizes: [3, 2], generator: g() }); return trainAutoEncoder(m, zeros([4, 3]), { optimizer: new SGD(m.parameters(), { lr: 0.1 }), epochs: 1, generator: g(), loss: 'l1' as never }); },
    RangeError, "trainAutoEncoder: loss must be 'mse' or 'bce', got 'l1'"],
  ['trainAutoEncoder for half an epoch', () => { const m = new AutoEncoder({ sizes: [3, 2], generator: g() }); return trainAutoEncoder(m, zeros([4, 3]), { optimizer: new SGD(m.parameters(), { lr: 0.1 }), epochs: 0.5, generator: g() }); },
    RangeError, 'trainAutoEncoder: epochs must be an integer >= 0, got 0.5'],
  ['marginLoss with a negative margin', () => marginLoss(zeros([2]), zeros([2]), -1), RangeError, 'marginLoss: margin must be a finite number >= 0, got -1'],
  ['marginLoss of unpaired energies', () => marginLoss(zeros([2]), zeros([3]), 1), ShapeError, 'marginLoss: energies of data [2] and of contrastive points [3] must pair up one to one'],
  ['contrastivePoints with a negative kick', () => contrastivePoints((y) => y.sum(-1), zeros([2, 2]), g(), { kick: -1 }), RangeError, 'contrastivePoints: kick must be a finite number >= 0, got -1'],
  ['EnergyNet without options', () => new EnergyNet(undefined as never), TypeError, 'EnergyNet: needs an options object, as in new EnergyNet({ generator: new Generator(seed) }), got undefined'],
  ['LatentPredictor.energies against y of [N]', () => new LatentPredictor({ generator: g() }).energies(zeros([3, 1]), zeros([3])), ShapeError,
    'LatentPredictor.energies: x [3,1] and y [3] must both be [n, 1], one row per example'],
  ['trainLatentPredictor with a negative lr', () => trainLatentPredictor(new LatentPredictor({ generator: g() }), twoBranches(g(), { pairs: 2 }), { steps: 1, lr: -1 }), RangeError,
    'trainLatentPredictor: lr must be a finite number > 0, got -1'],
  ['maskTokens of float tokens', () => maskTokens(tensor([1, 2]), 0.5, g()), TypeError, 'maskTokens: tokens must be int32 ids, got float32'],
  ['maskTokens with a fractional mask id', () => maskTokens(ints([1, 2]), 0.5, g(), { maskId: 1.5 }), RangeError, 'maskTokens: maskId must be a token id (an integer >= 0), got 1.5'],
  ['maskedTokenLoss against a token off the vocabulary', () => maskedTokenLoss(zeros([1, 2, 4]), ints([0, 4]).reshape(1, 2), tensor([[1, 1]])), RangeError,
    'maskedTokenLoss: target 4 is not a token id of the 4-word vocabulary (0..3)'],
  ['maskedTokenLoss with a mask of 2', () => maskedTokenLoss(zeros([1, 2, 4]), ints([0, 1]).reshape(1, 2), tensor([[2, 0]])), RangeError,
    'maskedTokenLoss: mask must hold 1 where a position was masked and 0 elsewhere, found 2'],
  ['MaskedTokenModel fed a token off the vocabulary', () => new MaskedTokenModel({ vocabSize: 3, length: 2, generator: g() }).forward(ints([0, 5]).reshape(1, 2)), RangeError,
    'MaskedTokenModel: token 5 is not an id of the 3-word vocabulary (0..2)'],
  ['MaskedTokenModel fed float tokens', () => new MaskedTokenModel({ vocabSize: 3, length: 2, generator: g() }).forward(tensor([[0, 1]])), TypeError,
    'MaskedTokenModel: tokens must be int32 ids, got float32'],
  ['maskedTokenStep with a rate of 2', () => { const m = new MaskedTokenModel({ vocabSize: 3, length: 2, generator: g() }); return maskedTokenStep(m, ints([0, 1]).reshape(1, 2), 2, new SGD(m.parameters(), { lr: 0.1 }), g()); },
    RangeError, 'maskedTokenStep: p must lie in [0, 1], got 2'],
  // figures and helpers
  ['naiveSoftmax of a plain array', () => naiveSoftmax([1, 2] as never), TypeError, 'naiveSoftmax: x must be a Tensor, got an array; wrap it with tensor(...)'],
  ['regionsFigure of 3-D points', () => regionsFigure(linear(), { x: zeros([4, 3]), y: ints([0, 1, 0, 1]) }), ShapeError,
    'regionsFigure: draws a classifier of the plane, so data.x must be points [n, 2], got [4,3]'],
  ['spiralLossFigure of nothing', () => spiralLossFigure(undefined as never), TypeError, 'spiralLossFigure: curves must be an array of { label, losses }, got undefined'],
  ['scatter of a plain array', () => plot.scatter([[1, 2]] as never), TypeError, 'scatter: points must be a Tensor, got an array; wrap it with tensor(...)'],
  ['ellipseLatentEnergy of 3-D points', () => ellipseLatentEnergy(zeros([2, 3])), ShapeError, 'ellipseLatentEnergy: y must be points of the plane [n, 2], got [2,3]'],
  ['arcData of -1 points', () => arcData(g(), -1), RangeError, 'arcData: n must be an integer >= 0, got -1'],
  ['decodeTokens of a plain array', () => decodeTokens([1] as never), TypeError, 'decodeTokens: ids must be a Tensor, got an array; wrap it with tensor(...)'],
];

describe('models errors', () => {
  it.each(MISTAKES)('%s', (_, mistake, kind, message) => expectError(mistake, kind, message));

  it('targets given as Variables are taken, as they were before the checks (in PyTorch every target is a tensor)', () => {
    const scores = parameter([[1, 2, 3], [0, 0, 1]]);
    const classes = new Variable(ints([2, 0]));
    expect(crossEntropy(scores, classes as never, { ignoreIndex: 0 }).item()).toBeCloseTo(crossEntropy(scores, ints([2, 0]), { ignoreIndex: 0 }).item(), 6);
    expect(nll(scores.logSoftmax(1), classes as never).item()).toBeCloseTo(nll(scores.logSoftmax(1), ints([2, 0])).item(), 6);
    expect(accuracy(scores, classes as never)).toBe(0.5);
    // soft labels from another model keep their gradient, as PyTorch's cross_entropy does
    const teacher = parameter([[0, 1, 0], [1, 1, 1]]);
    crossEntropy(scores, teacher.softmax(1) as never).backward();
    expect(teacher.grad).not.toBeNull();
  });

  /** Scores [n, c] against targets of another batch size m ≠ n. */
  const misfitBatch = fc.tuple(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 2, max: 5 })).filter(([n, m]) => n !== m);

  it.prop([misfitBatch], { numRuns: 40 })('crossEntropy and nll name the scores and the targets when the batch sizes differ', ([n, m, c]) => {
    const targets = zeros([m], { dtype: 'int32' });
    expectError(() => crossEntropy(zeros([n, c]), targets), ShapeError,
      `crossEntropy: scores [${n},${c}] need targets of shape [${n}] (one class index per row), got [${m}]; class probabilities must be a float tensor shaped like the scores, [${n},${c}]`);
    expectError(() => nll(zeros([n, c]), targets), ShapeError,
      `nll: scores [${n},${c}] need targets of shape [${n}] (one class index per row), got [${m}]; for probabilities per class use crossEntropy on the raw scores`);
  });

  it.prop([misfitBatch], { numRuns: 40 })('mse and bce refuse [N, 1] against [N] and any other pair of shapes, never broadcasting them', ([n, m]) => {
    const hint = '; the input has an extra size-1 dim at the end: use input.squeeze(-1), or target.unsqueeze(-1)';
    for (const [a, b, tail] of [[[n, 1], [n], hint], [[n], [m], ''], [[n, 1], [m, 1], '']] as const) {
      for (const [op, loss] of [['mse', mse], ['bce', bce]] as const) {
        expectError(() => loss(zeros(a), zeros(b)), ShapeError,
          `${op}: input ${fmt(a)} and target ${fmt(b)} must have the same shape (broadcasting them would compare every pair)${tail}`);
      }
    }
  });

  it.prop([misfitBatch], { numRuns: 30 })('minibatches and fit name x and y when their row counts differ', ([n, m]) => {
    const bad = { x: zeros([n, 3]), y: zeros([m, 2]) };
    expectError(() => minibatches(bad, { batchSize: 1 }), ShapeError, `minibatches: x [${n},3] and y [${m},2] must have the same number of rows (dim 0)`);
    const { model, optimizer } = trained();
    const before = snapshot(model.parameters());
    expectError(() => fit(model, bad, { loss: mse, optimizer, epochs: 1 }), ShapeError, `fit: x [${n},3] and y [${m},2] must have the same number of rows (dim 0)`);
    expect(snapshot(model.parameters())).toEqual(before);
  });

  it.prop([fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })], { numRuns: 40 })(
    'Linear names itself, the input shape and the width it needs when the width is wrong', (inF, width, rows) => {
      fc.pre(inF !== width);
      const layer = new Linear(inF, 2, { generator: g() });
      expectError(() => layer.forward(zeros([rows, width])), ShapeError, `Linear(${inF}, 2): input of shape [${rows},${width}] must have ${inF} feature${inF === 1 ? '' : 's'} in its last dim`);
    });

  it.prop([fc.integer({ min: 2, max: 5 }), fc.integer({ min: 0, max: 3 })], { numRuns: 30 })('kmeansInit refuses k above the number of points', (n, extra) => {
    const k = n + 1 + extra;
    expectError(() => kmeansInit(zeros([n, 2]), k, g()), RangeError, `kmeansInit: cannot choose ${k} prototypes from data of shape [${n},2] (need [n, d] with n ≥ k)`);
  });

  it.prop([fc.oneof(fc.double({ max: -1e-9, noNaN: true }), fc.constantFrom(NaN, Infinity, -Infinity))], { numRuns: 30 })(
    'every optimizer refuses a negative or non-finite learning rate by name', (lr) => {
      for (const [name, make] of [['SGD', () => new SGD([parameter([1])], { lr })], ['Adam', () => new Adam([parameter([1])], { lr })]] as const) {
        expectError(make, RangeError, `${name}: lr must be a finite number >= 0, got ${lr}`);
      }
    });

  describe('loses nothing', () => {
    it('an optimizer step refused for one misshapen grad moves no parameter and keeps its momentum', () => {
      const [p, q] = [parameter([1, 2]), parameter([3])];
      const sgd = new SGD([p, q], { lr: 0.1, momentum: 0.9 });
      p.grad = tensor([1, 1]);
      q.grad = tensor([1, 1]); // wrong: q is [1]
      expectError(() => sgd.step(), ShapeError, 'SGD.step: parameter 1 has shape [1] but its grad has shape [2]');
      expect(snapshot([p, q])).toEqual([[1, 2], [3]]);
      // the momentum buffer did not advance: the next good step is a first step, p - lr·g
      q.grad = tensor([1]);
      sgd.step();
      expect(snapshot([p])[0].map((v) => +v.toFixed(5))).toEqual([0.9, 1.9]);
    });

    it.prop([fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 2, maxLength: 5 }), fc.nat(), fc.constantFrom('SGD', 'Adam', 'AdamW')], { numRuns: 30 })(
      'whichever parameter has a misshapen grad, a step moves none of them and the next good step is a first step', (sizes, at, name) => {
        const bad = at % sizes.length;
        const make = (ps: Variable[]) => (name === 'SGD' ? new SGD(ps, { lr: 0.1, momentum: 0.9 }) : name === 'Adam' ? new Adam(ps, { lr: 0.1 }) : new AdamW(ps, { lr: 0.1 }));
        const fresh = () => sizes.map((n, i) => parameter(Array.from({ length: n }, (_, j) => i + j / 4)));
        const [params, twins] = [fresh(), fresh()];
        const [opt, twin] = [make(params), make(twins)];
        params.forEach((p, i) => { p.grad = i === bad ? zeros([p.size + 1]) : p.value.add(1); });
        expectError(() => opt.step(), ShapeError, `${name}.step: parameter ${bad} has shape [${sizes[bad]}] but its grad has shape [${sizes[bad] + 1}]`);
        expect(snapshot(params)).toEqual(snapshot(twins));
        // state did not advance: the same good step on both gives the same values
        for (const [ps, o] of [[params, opt], [twins, twin]] as const) {
          ps.forEach((p) => { p.grad = p.value.add(1); });
          o.step();
        }
        expect(snapshot(params)).toEqual(snapshot(twins));
      });

    it('a step refused for a grad of another dtype or a plain array moves no parameter', () => {
      const [p, q] = [parameter([1, 2]), parameter([3])];
      const adam = new Adam([p, q]);
      p.grad = tensor([1, 1]);
      q.grad = tensor([1], { dtype: 'float64' });
      expectError(() => adam.step(), TypeError, 'Adam.step: parameter 1 is float32 but its grad is float64; a grad must have its parameter\'s dtype');
      q.grad = [1] as never;
      expectError(() => adam.step(), TypeError, 'Adam.step: the grad of parameter 1 must be a Tensor, got an array; wrap it with tensor(...)');
      expect(snapshot([p, q])).toEqual([[1, 2], [3]]);
    });

    it('maskedTokenStep and trainAutoEncoder refused for their data draw nothing from the generator', () => {
      const fresh = new Generator(7).uniform();
      const model = new MaskedTokenModel({ vocabSize: 3, length: 2, generator: g() });
      const before = snapshot(model.parameters());
      const g1 = new Generator(7);
      expectError(() => maskedTokenStep(model, ints([0, 1, 2]).reshape(1, 3), 0.5, new SGD(model.parameters(), { lr: 0.1 }), g1), ShapeError,
        'maskedTokenStep: tokens must have shape [n, 2], got [1,3]');
      expect(g1.uniform()).toBe(fresh);
      expect(snapshot(model.parameters())).toEqual(before);
      const ae = new AutoEncoder({ sizes: [3, 2], generator: g() });
      const g2 = new Generator(7);
      expectError(() => trainAutoEncoder(ae, zeros([4, 5]), { optimizer: new SGD(ae.parameters(), { lr: 0.1 }), epochs: 1, generator: g2 }), ShapeError,
        'trainAutoEncoder: data of shape [4,5] must have 3 features in its last dim');
      expect(g2.uniform()).toBe(fresh);
    });

    it('a step with the learning rate set to NaN (say by a schedule) moves nothing', () => {
      const p = parameter([1, 2]);
      const adam = new Adam([p]);
      p.grad = tensor([1, 1]);
      adam.lr = NaN;
      expectError(() => adam.step(), RangeError, 'Adam.step: lr must be a finite number >= 0, got NaN');
      expect(snapshot([p])).toEqual([[1, 2]]);
    });

    it('fit refused for its loss or its epochs leaves the parameters as they were, and its epochs before switching the mode', () => {
      const { model, optimizer } = trained();
      model.eval();
      const before = snapshot(model.parameters());
      expect(() => fit(model, data(), { loss: (o, t) => mse(o, t, { reduction: 'sum' }).mul(zeros([2])), optimizer, epochs: 1 })).toThrow(ShapeError);
      expect(snapshot(model.parameters())).toEqual(before);
      model.eval();
      expect(() => fit(model, data(), { loss: mse, optimizer, epochs: -1 })).toThrow(RangeError);
      expect(model.training).toBe(false);
      expect(snapshot(model.parameters())).toEqual(before);
    });

    it('a contrastive-divergence step refused for its regularise weight leaves the energy network as it was', () => {
      const model = new EnergyNet({ generator: g(), hidden: [4] });
      const before = snapshot(model.parameters());
      expectError(() => contrastiveDivergenceStep(model, zeros([2, 2]), new Adam(model.parameters()), g(), { regularise: -1 }), RangeError,
        'contrastiveDivergenceStep: regularise must be a finite number >= 0, got -1');
      expect(snapshot(model.parameters())).toEqual(before);
    });

    it('a refused loadStateDict changes no parameter, not even the ones that fit', () => {
      const model = new Sequential(linear(), new ReLU(), linear(2, 1));
      const before = snapshot(model.parameters());
      const state = model.stateDict();
      state['0.weight'].data = state['0.weight'].data.map(() => 7);
      state['2.bias'].data = [1, 2];
      expect(() => model.loadStateDict(state)).toThrow("loadStateDict: '2.bias' is [1] float32 in the model but [1] float32 with 2 values in the state");
      expect(snapshot(model.parameters())).toEqual(before);
    });
  });
});
