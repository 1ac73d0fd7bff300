/**
 * 7.9 — BERT's masking and masked-token loss. maskTokens is judged by what any correct masking
 * gives over a few thousand positions: masked positions hold maskId and the mask says so,
 * visible ones keep their token, a fraction p is masked (within six standard errors),
 * independently per position — no correlation between neighbours, and a binomial number masked
 * in every sentence (variance L·p(1 − p) across sentences, which masking exactly round(p·L)
 * positions of each fails) — drawn from the generator. input keeps int32, the mask is a float
 * tensor. The loss is compared with float64 log-softmax (max subtracted) over the masked
 * positions only, and backward() must put (softmax − onehot)/(number masked) on masked positions
 * and nothing on visible ones.
 */
import fc from 'fast-check';

import { Generator, type Tensor, tensor } from '@gradschool/tensor';
import type * as Masked from '#target/week7/7.9-masked-tokens.ts';
import { finite, moderate, ndOf, seeds } from '../harness/arbitraries.ts';
import { call, expectTensor } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';
import { num, shapeText, show } from '../harness/show.ts';
import { logSoftmaxLine, softmaxLine } from '../week2/softmax-family.ts';
import { expectBinomialRows, expectIndependent, expectNear, mean } from './statistics.ts';
import { expectVariable, gradientOf, variable } from './variables.ts';

type M = typeof Masked;

interface MaskCase {
  /** [m, L] token ids in [1, 20) */
  tokens: Int32Array;
  m: number;
  length: number;
  p: number;
  maskId: number;
  seed: number;
}

/** 400 to 500 sentences of 8 to 10 tokens, from a seed of their own so that a failing case shrinks in a few numbers. */
const maskCases: fc.Arbitrary<MaskCase> = fc
  .record({ m: fc.integer({ min: 400, max: 500 }), length: fc.integer({ min: 8, max: 10 }), dataSeed: seeds(), p: fc.constantFrom(0.15, 0.3, 0.5), maskId: fc.constantFrom(0, 20), seed: seeds() })
  .map(({ m, length, dataSeed, p, maskId, seed }) => {
    const gen = new Generator(dataSeed);
    return { tokens: Int32Array.from({ length: m * length }, () => gen.int(1, 20)), m, length, p, maskId, seed };
  });

function maskTokens(impl: M, c: MaskCase, gen: Generator, genText: string): { label: string; input: Tensor; mask: Tensor } {
  const tokens = tensor(c.tokens, { shape: [c.m, c.length] });
  const label = `maskTokens(tokens, ${num(c.p)}, ${genText}, ${c.maskId}) with tokens of shape ${shapeText(tokens.shape)}`;
  const out = call(label, [{ name: 'tokens', value: tokens }], () => impl.maskTokens(tokens, c.p, gen, c.maskId)) as Partial<Record<'input' | 'mask', unknown>> | undefined;
  const input = expectTensor(`${label}.input`, out?.input, tokens.shape, 'token ids, a Tensor');
  if (input.dtype !== 'int32') throw new CheckFailure(`${label}.input has dtype ${input.dtype}; expected int32 token ids, like tokens`);
  const mask = expectTensor(`${label}.mask`, out?.mask, tokens.shape, 'the mask, a Tensor');
  if (mask.dtype === 'int32') throw new CheckFailure(`${label}.mask has dtype int32; expected a float mask (1.0 masked, 0.0 visible), which the loss multiplies by`);
  return { label, input, mask };
}

interface LossCase {
  /** [..., L, V] */
  logits: Nd;
  targets: number[];
  mask: number[];
}

/** logits of rank 2 or 3 over a vocabulary of 1 to 5 words, targets in it, a mask with at least one position masked unless `empty`. */
const lossCases = (values: fc.Arbitrary<number>, empty = false): fc.Arbitrary<LossCase> =>
  fc
    .record({ batch: fc.array(fc.integer({ min: 1, max: 3 }), { maxLength: 1 }), length: fc.integer({ min: 1, max: 4 }), vocab: fc.integer({ min: 1, max: 5 }) })
    .chain(({ batch, length, vocab }) => {
      const positions = [...batch, length].reduce((a, b) => a * b, 1);
      return fc.record({
        logits: ndOf([...batch, length, vocab], values),
        targets: fc.array(fc.integer({ min: 0, max: vocab - 1 }), { minLength: positions, maxLength: positions }),
        mask: empty ? fc.constant(Array<number>(positions).fill(0)) : fc.array(fc.constantFrom(0, 1), { minLength: positions, maxLength: positions }).filter((m) => m.includes(1)),
      });
    });

const vocabOf = (c: LossCase): number => c.logits.shape[c.logits.shape.length - 1];
const lineOf = (c: LossCase, i: number): number[] => Array.from(c.logits.data.subarray(i * vocabOf(c), (i + 1) * vocabOf(c)));
const masked = (c: LossCase): number => c.mask.reduce((a, b) => a + b, 0);

const lossOracle = (c: LossCase): number =>
  masked(c) === 0 ? 0 : -c.mask.reduce((acc, on, i) => acc + (on ? logSoftmaxLine(lineOf(c, i))[c.targets[i]] : 0), 0) / masked(c);

/**
 * Log-softmax of numbers up to 10 000 with the max subtracted: float64 exact to ~1e-12 of the
 * loss. The relative part follows the chapter's policy on guarded denominators: dividing by
 * count + ε (ε ≤ 1e-6) instead of max(count, 1), against 0/0 when nothing is masked, scales the
 * loss and its gradient by count/(count + ε), at most 1e-6 away from 1 since count ≥ 1. Real
 * mistakes (counting visible positions, dividing by all of them) are off by far more.
 */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-6 };

function loss(impl: M, c: LossCase) {
  const positions = c.logits.shape.slice(0, -1);
  const logits = variable(toTensor(c.logits), { requiresGrad: true });
  const targets = tensor(c.targets, { shape: positions, dtype: 'int32' });
  const mask = tensor(c.mask, { shape: positions, dtype: 'float32' });
  const args = [{ name: 'logits', value: logits.value }, { name: 'targets', value: targets }, { name: 'mask', value: mask }];
  const label = `maskedTokenLoss(logits, targets, mask) with logits = ${show(c.logits)}, targets = ${show(targets)}, mask = ${show(mask)}`;
  const out = expectVariable(label, call(label, args, () => impl.maskedTokenLoss(logits, targets, mask)), [], 'float64');
  return { label, out, logits, args };
}

const checkValue = (impl: M, c: LossCase): void => {
  const { label, out } = loss(impl, c);
  expectClose(label, out.value, nd([], [lossOracle(c)]), TOLERANCE);
};

export const checks = defineChecks<M>([
  {
    name: 'maskTokens hides each position with probability p behind maskId, independently, drawn from gen, and the mask says where',
    points: 2,
    run: (impl) =>
      forAll(maskCases, (c) => {
        const { label, input, mask } = maskTokens(impl, c, new Generator(c.seed), `new Generator(${c.seed})`);
        const [ids, m] = [input.data(), mask.data()];
        c.tokens.forEach((t, i) => {
          const where = `position [${Math.floor(i / c.length)},${i % c.length}]`;
          if (m[i] !== 0 && m[i] !== 1) throw new CheckFailure(`${label}.mask is ${num(m[i])} at ${where}; expected 1 (masked) or 0 (visible)`);
          const want = m[i] === 1 ? c.maskId : t;
          if (ids[i] !== want) throw new CheckFailure(`${label}.input is ${ids[i]} at ${where}, where the mask is ${m[i]} and the token ${t}; expected ${want}`);
        });
        const hidden = Float64Array.from(m);
        expectNear(label, 'a masked fraction', mean(hidden), c.p, Math.sqrt((c.p * (1 - c.p)) / hidden.length));
        expectIndependent(label, 'masks', hidden, c.m, c.length);
        expectBinomialRows(label, 'masked positions', hidden, c.m, c.length, c.p);
        const again = maskTokens(impl, c, new Generator(c.seed), `new Generator(${c.seed})`).mask.data();
        if (m.some((v, i) => v !== again[i])) throw new CheckFailure(`${label} masked other positions when called again with the same seed: draw from gen, not Math.random`);
        const gen = new Generator(c.seed);
        const first = maskTokens(impl, c, gen, 'gen').mask.data();
        const second = maskTokens(impl, c, gen, 'the same gen');
        if (second.mask.data().every((v, i) => v === first[i])) throw new CheckFailure(`${second.label} masked the same positions as the call before: each call must draw a new mask from gen`);
      }, { numRuns: 10 }),
  },
  {
    name: 'maskedTokenLoss is the mean of −log softmax(logits)[target] over the masked positions only',
    points: 3,
    run: (impl) => forAll(lossCases(moderate(10)), (c) => checkValue(impl, c)),
  },
  {
    name: 'maskedTokenLoss stays finite for huge logits, and is 0 when no position is masked',
    points: 1,
    run: (impl) =>
      forAll(fc.oneof(lossCases(finite(1e4)), lossCases(moderate(10), true)), (c) => checkValue(impl, c), {
        examples: [{ logits: nd([1, 2], [0, -1000]), targets: [1], mask: [1] }, { logits: nd([2, 2], [1, 2, 3, 4]), targets: [0, 1], mask: [0, 0] }],
      }),
  },
  {
    name: 'maskedTokenLoss sends (softmax − onehot)/(number masked) back to masked positions, and nothing to visible ones',
    points: 2,
    run: (impl) =>
      forAll(lossCases(moderate(10)), (c) => {
        const { label, out, logits, args } = loss(impl, c);
        if (!out.requiresGrad) throw new CheckFailure(`${label} gave a Variable that no gradient flows back from: build it with the Variables' own ops on logits`);
        call(`${label}.backward()`, args, () => out.backward());
        const want = nd(c.logits.shape, c.mask.flatMap((on, i) => softmaxLine(lineOf(c, i)).map((p, j) => (on ? (p - (j === c.targets[i] ? 1 : 0)) / masked(c) : 0))));
        expectClose(`after ${label}.backward(), logits.grad`, gradientOf(`${label}.backward()`, logits, 'logits'), want, TOLERANCE, 'is');
      }),
  },
]);
