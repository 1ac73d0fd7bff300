/** How good a classifier's predictions are. */
import { Variable } from '@gradschool/autograd';
import { formatShape as fmt, ShapeError, type Tensor, tensor } from '@gradschool/tensor';
import { checkCount, checkData } from './check.ts';

/** Predictions straight from a model (a Variable) or from predict (a Tensor). */
export type Predictions = Tensor | Variable;

/** [n, K] scores (logits or probabilities) -> their argmax; [n] class indices pass through. */
function predictedClasses(op: string, output: Predictions, targets: Tensor): Int32Array {
  checkData(op, 'predictions', output);
  if (Array.isArray(targets)) throw new TypeError(`${op}: targets must be a Tensor, got an array; write tensor([...], { dtype: 'int32' })`);
  checkData(op, 'targets', targets);
  const predictions = output instanceof Variable ? output.value : output;
  const ok = targets.ndim === 1 && (predictions.ndim === 1 || predictions.ndim === 2) && predictions.shape[0] === targets.shape[0];
  if (!ok) {
    throw new ShapeError(
      `${op}: expected predictions [n] (classes) or [n, K] (scores) and targets [n], got ${fmt(predictions.shape)} and ${fmt(targets.shape)}`,
    );
  }
  const classes = predictions.ndim === 2 ? predictions.argmax(1) : predictions;
  const values = classes.data();
  const truth = targets.data();
  const scored = predictions.ndim === 2 ? predictions.shape[1] : Infinity;
  for (let i = 0; i < values.length; i++) {
    if (!Number.isInteger(values[i])) {
      throw new RangeError(
        `${op}: predictions of shape ${fmt(predictions.shape)} are read as class indices, but example ${i} has ${values[i]}; pass scores [n, K], or threshold probabilities first, as in p.gt(0.5)`,
      );
    }
    if (!Number.isInteger(truth[i])) throw new RangeError(`${op}: targets must be class indices, but example ${i} has ${truth[i]}`);
    // a target the scores have no column for can never be predicted: most often one sigmoid output [n, 1] read as K = 1 classes
    if (op === 'accuracy' && (truth[i] < 0 || truth[i] >= scored)) {
      const binary = scored === 1
        ? '; one column of scores [n, 1] is one score per example (binary): threshold it first, as in p.gt(0.5).squeeze(1) for probabilities or z.gt(0).squeeze(1) for logits'
        : '';
      throw new RangeError(`${op}: target ${truth[i]} at example ${i} is not one of the ${scored} classes that scores ${fmt(predictions.shape)} cover (0..${scored - 1})${binary}`);
    }
  }
  return Int32Array.from(values);
}

/** The share of examples whose predicted class is the target class, in [0, 1]. */
export function accuracy(predictions: Predictions, targets: Tensor): number {
  const predicted = predictedClasses('accuracy', predictions, targets);
  if (predicted.length === 0) throw new RangeError('accuracy: there are no examples to score');
  const truth = targets.data();
  let hits = 0;
  for (let i = 0; i < predicted.length; i++) if (predicted[i] === truth[i]) hits++;
  return hits / predicted.length;
}

/**
 * Counts [K, K] (int32): entry [i, j] is how many examples of class i were predicted as j
 * (rows are the truth, as in scikit-learn). The diagonal holds the hits; off it, which
 * classes the model mixes up.
 */
export function confusionMatrix(predictions: Predictions, targets: Tensor, classes: number): Tensor {
  checkCount('confusionMatrix', 'classes', classes, 1);
  const predicted = predictedClasses('confusionMatrix', predictions, targets);
  const truth = targets.data();
  const counts = new Int32Array(classes * classes);
  for (let i = 0; i < predicted.length; i++) {
    for (const c of [truth[i], predicted[i]]) {
      if (!Number.isInteger(c) || c < 0 || c >= classes) {
        throw new RangeError(`confusionMatrix: class ${c} at example ${i} is outside 0..${classes - 1}`);
      }
    }
    counts[truth[i] * classes + predicted[i]]++;
  }
  return tensor(counts, { shape: [classes, classes] });
}
