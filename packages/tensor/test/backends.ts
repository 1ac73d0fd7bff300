/**
 * The backends every property runs on, and how close each must come to the float64 oracle.
 * A new backend joins the whole suite by adding one entry to `backendsUnderTest`.
 */
import { beforeAll, describe } from 'vitest';
import { type BackendOptions, type DType, setBackend } from '../src/index.ts';

export interface BackendUnderTest {
  name: string;
  options?: BackendOptions;
  /** The dtypes its kernels compute in (the design's gpu backend is float32 only). */
  dtypes: readonly DType[];
  /** Multiplies every float tolerance, for kernels whose intrinsics are a few ulps off. */
  slack: number;
}

export function backendsUnderTest(): BackendUnderTest[] {
  return [{ name: 'cpu', dtypes: ['float32', 'float64', 'int32'], slack: 1 }];
}

let active: BackendUnderTest = backendsUnderTest()[0];

/** One describe block per backend, with that backend selected for its tests. */
export function describeBackends(title: string, body: (backend: BackendUnderTest) => void): void {
  for (const backend of backendsUnderTest()) {
    describe(`${title} [${backend.name}]`, () => {
      beforeAll(() => {
        setBackend(backend.name, backend.options);
        active = backend;
      });
      body(backend);
    });
  }
}

/**
 * Relative error allowed for a result that folds `terms` values, measured against a scale the
 * test picks (|expected| elementwise, the sum of |terms| for sums and matrix products).
 * - float32: naive summation of n terms errs by at most (n - 1)·u·Σ|x| with u = 2^-24 (Higham,
 *   Accuracy and Stability, §4.2), plus one rounding to storage; the factor 8 covers exp/log/pow
 *   that are a few ulps off and an oracle that adds in another order.
 * - float64: 1e-12. The suite folds at most a few hundred terms, so n·u stays below 1e-13;
 *   anything above 1e-12 is a wrong formula, not rounding.
 * - int32: exact.
 */
export function tolerance(dtype: DType, terms = 1): number {
  if (dtype === 'int32') return 0;
  if (dtype === 'float64') return 1e-12 * active.slack;
  return 8 * (terms + 1) * 2 ** -24 * active.slack;
}

/** Below the smallest normal number a kernel may flush to zero (GPUs do), so that much absolute error is allowed. */
export const flushFloor = (dtype: DType): number => (dtype === 'float32' ? 2 ** -126 : dtype === 'float64' ? 2 ** -1022 : 0);
