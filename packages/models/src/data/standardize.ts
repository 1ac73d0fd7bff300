import { checkTensor, formatShape as fmt, ShapeError, type Tensor, where } from '@gradschool/tensor';

/** Per-feature statistics of some inputs, and the maps that use them. */
export interface Standardizer {
  /** Feature means, shape x.shape.slice(1). */
  readonly mean: Tensor;
  /** Feature standard deviations (population, as scikit-learn's StandardScaler); 1 where a feature is constant. */
  readonly std: Tensor;
  /** (x - mean) / std: each feature gets zero mean and unit variance on the data it was fitted on. */
  transform(x: Tensor): Tensor;
  /** mean + x · std: back to the original units (to plot in them, say). */
  inverse(x: Tensor): Tensor;
}

/**
 * Learn the mean and spread of each feature (column) of `x` [n, ...features]. Fit on the
 * training set only and transform the test set with the same statistics, so nothing about the
 * test set leaks into training.
 */
export function fitStandardizer(x: Tensor): Standardizer {
  checkTensor('fitStandardizer', 'x', x);
  if (x.ndim === 0 || x.shape[0] === 0) {
    throw new ShapeError(`fitStandardizer: needs at least one row to fit on, got shape ${fmt(x.shape)}`);
  }
  const mean = x.mean(0);
  const spread = x.std(0, { correction: 0 });
  // A constant feature carries no information to rescale: dividing by 0 would make NaNs, and
  // dividing by the rounding error of its mean (a few ulps of |mean|) would blow noise up to ±1.
  const ulp = x.dtype === 'float64' ? 2 ** -52 : 2 ** -23;
  const std = where(spread.gt(mean.abs().mul(10 * ulp)), spread, 1);
  const features = x.shape.slice(1);
  const check = (op: string, t: Tensor): void => {
    checkTensor(`standardizer.${op}`, 'x', t);
    if (t.ndim !== x.ndim || t.shape.slice(1).some((d, i) => d !== features[i])) {
      throw new ShapeError(`standardizer.${op}: fitted on rows of shape ${fmt(features)}, got a tensor of shape ${fmt(t.shape)}`);
    }
  };
  return {
    mean,
    std,
    transform: (t) => (check('transform', t), t.sub(mean).div(std)),
    inverse: (t) => (check('inverse', t), t.mul(std).add(mean)),
  };
}

/** `x` rescaled to zero mean and unit variance per feature. */
export function standardize(x: Tensor): Tensor {
  checkTensor('standardize', 'x', x);
  return fitStandardizer(x).transform(x);
}
