/**
 * 2.6 — cross-entropy and its gradient. Oracles in float64: the mean of −logsoftmax at the
 * targets, and (softmax − onehot)/N row by row. A metamorphic check — the same batch twice over
 * must give the same loss and half the gradient per row — pins down the mean over the batch.
 * Logits are float64, and so must the loss and the gradient be.
 */
import fc from 'fast-check';
import { tensor } from '@gradschool/tensor';
import type * as CrossEntropy from '#target/week2/2.6-cross-entropy.ts';
import { finite, moderate, ndOf } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance, within } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num } from '../harness/show.ts';
import { logSoftmaxLine, softmaxLine } from './softmax-family.ts';

type M = typeof CrossEntropy;

interface Batch {
  /** [N, C] */
  logits: Nd;
  /** N class indices in [0, C). */
  targets: number[];
}

const batches = (values: fc.Arbitrary<number>): fc.Arbitrary<Batch> =>
  fc.record({ n: fc.integer({ min: 1, max: 5 }), c: fc.integer({ min: 1, max: 5 }) }).chain(({ n, c }) =>
    fc.record({
      logits: ndOf([n, c], values),
      targets: fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: n, maxLength: n }),
    }),
  );

const rows = (b: Batch): number[][] => {
  const c = b.logits.shape[1];
  return b.targets.map((_, i) => Array.from(b.logits.data.subarray(i * c, (i + 1) * c)));
};

const lossOracle = (b: Batch): number =>
  -rows(b).reduce((acc, row, i) => acc + logSoftmaxLine(row)[b.targets[i]], 0) / b.targets.length;

const gradOracle = (b: Batch): Nd =>
  nd(b.logits.shape, rows(b).flatMap((row, i) => softmaxLine(row).map((p, j) => (p - (j === b.targets[i] ? 1 : 0)) / b.targets.length)));

/** Losses reach ~2e4 for logits of ±1e4; 1e-6 relative accepts float32 work and nothing wrong. */
const TOLERANCE: Tolerance = { abs: 1e-7, rel: 1e-6 };

function run(impl: M, name: 'crossEntropy' | 'crossEntropyBackward', b: Batch) {
  const logits = toTensor(b.logits);
  const targets = tensor(b.targets, { dtype: 'int32' });
  const args = [{ name: 'logits', value: logits }, { name: 'targets', value: targets }];
  const label = describeCall(name, args);
  const out = call(label, args, () => impl[name](logits, targets));
  return name === 'crossEntropy'
    ? { label, out: expectTensor(label, out, [], 'a scalar Tensor', 'float64') }
    : { label, out: expectTensor(label, out, b.logits.shape, 'dL/dlogits, a Tensor', 'float64') };
}

const checkLoss = (impl: M, b: Batch): void => {
  const { label, out } = run(impl, 'crossEntropy', b);
  expectClose(label, out, nd([], [lossOracle(b)]), TOLERANCE);
};

const batch = (logits: number[][], targets: number[]): Batch => ({ logits: nd([logits.length, logits[0].length], logits.flat()), targets });

export const checks = defineChecks<M>([
  {
    name: 'crossEntropy is the mean of −logsoftmax(logits)[target] over the batch',
    points: 3,
    run: (impl) => forAll(batches(moderate(10)), (b) => checkLoss(impl, b)),
  },
  {
    name: 'crossEntropy stays finite for huge logits: crossEntropy([[0, −1000]], [1]) = 1000',
    points: 2,
    run: (impl) =>
      forAll(batches(finite(1e4)), (b) => checkLoss(impl, b), {
        examples: [batch([[0, -1000]], [1]), batch([[1000, 1000]], [0]), batch([[1000, 0], [0, -1000]], [1, 0])],
      }),
  },
  {
    name: 'crossEntropyBackward is (softmax(logits) − onehot(targets)) / N',
    points: 3,
    run: (impl) =>
      forAll(batches(finite(1e4)), (b) => {
        const { label, out } = run(impl, 'crossEntropyBackward', b);
        expectClose(label, out, gradOracle(b), TOLERANCE);
      }, { examples: [batch([[1000, 1000]], [0]), batch([[0, -1000], [2, 3]], [1, 0])] }),
  },
  {
    name: 'both average over the batch: the same rows twice give the same loss and half the gradient per row',
    points: 2,
    run: (impl) =>
      forAll(batches(moderate(10)), (b) => {
        const twice: Batch = { logits: nd([2 * b.targets.length, b.logits.shape[1]], [...b.logits.data, ...b.logits.data]), targets: [...b.targets, ...b.targets] };
        const loss = run(impl, 'crossEntropy', twice);
        const want = lossOracle(b);
        if (within(loss.out.item(), 2 * want, TOLERANCE) && !within(want, 0, TOLERANCE)) {
          throw new CheckFailure(`${loss.label} gave ${num(loss.out.item())}, twice the loss of the same rows once (${num(want)}): the loss is the mean over the batch, not the sum`);
        }
        expectClose(loss.label, loss.out, nd([], [want]), TOLERANCE);
        const grad = run(impl, 'crossEntropyBackward', twice);
        expectClose(`${grad.label} (each row's share of the mean is 1/N, so half that of the same rows once)`, grad.out, gradOracle(twice), TOLERANCE);
      }),
  },
]);
