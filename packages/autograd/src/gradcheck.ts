/**
 * gradcheck: does backward agree with the definition of a derivative? Each input element is
 * nudged by ±eps and the central difference (f(x+eps) - f(x-eps)) / 2eps, whose error is
 * O(eps²), is compared with the analytic gradient. Everything runs in float64, where eps = 1e-6
 * leaves about 1e-10 of rounding error per difference.
 */
import { Generator, rand, type Tensor, tensor } from '@gradschool/tensor';
import { checkFunction, checkTensors } from './functional.ts';
import { gradients } from './backward.ts';
import { Variable } from './variable.ts';

export interface GradcheckOptions {
  /** Step of the central differences. */
  eps?: number;
  /** An element passes when |analytic - numeric| <= atol + rtol * |numeric|. */
  atol?: number;
  rtol?: number;
  /** Seed of the random weights that reduce a non-scalar output to a scalar. */
  seed?: number;
}

export interface GradcheckWorst { input: number; index: number[]; analytic: number; numeric: number }

export interface GradcheckResult {
  ok: boolean;
  /** The largest |analytic - numeric| over all elements. */
  maxError: number;
  /** The element furthest outside the tolerance (relative to it); null when there are no elements. */
  worst: GradcheckWorst | null;
  message: string;
}

type Fn = (...xs: Variable[]) => Variable;

function unravel(flat: number, shape: readonly number[]): number[] {
  const index = new Array<number>(shape.length);
  for (let d = shape.length - 1; d >= 0; d--) {
    index[d] = flat % shape[d];
    flat = Math.floor(flat / shape[d]);
  }
  return index;
}

/**
 * Compare f's gradients with central differences at `inputs` (converted to float64). A non-scalar
 * output y is reduced to sum(y * w) with fixed random weights w in [0.5, 1.5), which checks
 * every output's gradient at once: a wrong one would have to cancel exactly against the others.
 */
export function gradcheck(f: Fn, inputs: readonly Tensor[], options: GradcheckOptions = {}): GradcheckResult {
  const { eps = 1e-6, atol = 1e-5, rtol = 1e-3, seed = 0 } = options;
  checkFunction('gradcheck', f);
  checkTensors('gradcheck', inputs, 'input');
  if (!(eps > 0 && Number.isFinite(eps))) throw new RangeError(`gradcheck: eps must be a finite number > 0 (the step of the central differences), got ${eps}`);
  for (const [name, tol] of [['atol', atol], ['rtol', rtol]] as const) {
    if (!(tol >= 0 && Number.isFinite(tol))) throw new RangeError(`gradcheck: ${name} must be a finite number >= 0, got ${tol}`);
  }
  const xs = inputs.map((x) => x.to('float64'));
  let weights: Tensor | null = null;
  /** f's output times the weights, elementwise (summed, it is the scalar whose gradient is checked). */
  const weighted = (args: readonly Tensor[]): { out: Variable; vars: Variable[] } => {
    const vars = args.map((x) => new Variable(x, { requiresGrad: true }));
    const y = f(...vars);
    if (!(y instanceof Variable)) throw new TypeError('gradcheck: the function must return a Variable (the result of ops on its arguments)');
    if (y.dtype !== 'float64') {
      throw new TypeError(`gradcheck: the function returned ${y.dtype}, but central differences need float64 all the way through; make its constants float64 too`);
    }
    weights ??= y.size === 1 ? null : rand(y.shape, new Generator(seed), { dtype: 'float64' }).add(0.5);
    return { out: weights ? y.mul(weights) : y, vars };
  };

  const { out, vars } = weighted(xs);
  const loss = out.sum();
  const analytic = loss.requiresGrad ? gradients(loss, vars).map((g) => g.data()) : xs.map((x) => new Float64Array(x.size));
  const reduced = weights ? 'sum(f(...) * w) for fixed random weights w' : 'f';

  let maxError = 0;
  let worst: GradcheckWorst | null = null;
  let worstRatio = -1;
  let failures = 0;
  xs.forEach((x, i) => {
    const base = x.data();
    for (let j = 0; j < base.length; j++) {
      const at = (step: number): Tensor => {
        const nudged = base.slice();
        nudged[j] += step;
        return weighted(xs.map((other, k) => (k === i ? tensor(nudged, { shape: x.shape }) : other))).out.value;
      };
      // difference each output before summing: an output that x_j does not move cancels exactly,
      // however large, instead of drowning the others' differences in its rounding error
      const numeric = at(eps).sub(at(-eps)).sum().item() / (2 * eps);
      const error = Math.abs(analytic[i][j] - numeric);
      const ratio = Number.isNaN(error) ? Infinity : error / (atol + rtol * Math.abs(numeric));
      if (ratio > 1) failures++;
      if (!(error <= maxError)) maxError = error;
      if (ratio > worstRatio) {
        worstRatio = ratio;
        worst = { input: i, index: unravel(j, x.shape), analytic: analytic[i][j], numeric };
      }
    }
  });

  const ok = failures === 0;
  const count = xs.reduce((n, x) => n + x.size, 0);
  const w = worst as GradcheckWorst | null;
  const message = ok || !w
    ? `gradcheck passed: all ${count} gradient elements of ${reduced} agree with central differences (largest |analytic - numeric| = ${maxError.toExponential(2)})`
    : `gradcheck failed on ${failures} of ${count} elements. Worst: the gradient of ${reduced} with respect to input ${w.input} ` +
      `at index [${w.index.join(',')}] is ${w.analytic} by backward but ${w.numeric} by central differences ` +
      `(|difference| ${Math.abs(w.analytic - w.numeric).toExponential(2)} > atol ${atol} + rtol ${rtol} × |numeric|)`;
  return { ok, maxError, worst, message };
}

/** gradcheck that throws its message when the gradients disagree (for tests). */
export function assertGradcheck(f: Fn, inputs: readonly Tensor[], options?: GradcheckOptions): GradcheckResult {
  const result = gradcheck(f, inputs, options);
  if (!result.ok) throw new Error(result.message);
  return result;
}
