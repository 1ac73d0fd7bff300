/**
 * Random expression graphs: a program of ops over a growing pool of values, where each op
 * picks its operands from anywhere in the pool. Operands get reused (shared sub-expressions,
 * a parameter used many times) and broadcast against each other (the inputs have different
 * shapes that broadcast to one). gradcheck compares the whole graph's gradient with central
 * differences in float64.
 */
import { fc, test } from '@fast-check/vitest';
import { sizeOf, type Tensor, tensor } from '@gradschool/tensor';
import { describe } from 'vitest';
import { assertGradcheck, concat, type Variable, where } from '../src/index.ts';
import { broadcastableTo, randomTensor, seedArb, shapeArb } from './arbitraries.ts';

type Step = (a: Variable, b: Variable) => Variable;

/** Smooth ops on any real input (or guarded into their domain), so no step lands on a kink, a jump or a pole. */
const steps: Record<string, Step> = {
  add: (a, b) => a.add(b),
  sub: (a, b) => a.sub(b),
  mul: (a, b) => a.mul(b),
  div: (a, b) => a.div(b.square().add(1)),
  pow: (a, b) => a.square().add(0.5).pow(b.tanh()),
  tanh: (a) => a.tanh(),
  sigmoid: (a) => a.sigmoid(),
  expOfTanh: (a) => a.tanh().exp(),
  logOfSquare: (a) => a.square().add(1).log(),
  sqrt: (a) => a.square().add(0.1).sqrt(),
  sumKeep: (a) => a.sum(-1, { keepdim: true }),
  meanFirst: (a) => a.mean(0, { keepdim: true }),
  logsumexp: (a) => a.logsumexp(-1, { keepdim: true }),
  softmax: (a, b) => a.add(b).softmax(-1),
  logSoftmax: (a) => a.logSoftmax(0),
  matmulSquare: (a, b) => a.matmul(b.mT).matmul(a).div(4),
  transposeBack: (a, b) => a.mT.mul(b.mT).mT,
  flipHalves: (a) => concat([a.slice(-1, 1), a.slice(-1, 0, 1)], -1),
  // a mask fixed by position: a condition on the values would jump where they tie, which central
  // differences straddle (found: where(mean over identical rows > x, ...) compares equal numbers)
  where: (a, b) => where(checkerboard(a.shape), a, b.mul(0.5)),
};

function checkerboard(shape: readonly number[]): Tensor {
  return tensor(Array.from({ length: sizeOf(shape) }, (_, k) => k % 2), { shape: [...shape] });
}

interface Program { target: number[]; inputs: number[][]; ops: { name: string; i: number; j: number }[]; seed: number }

/** 1 to 3 inputs that broadcast to a common [m, n] target, then 1 to 8 steps. */
const programArb: fc.Arbitrary<Program> = shapeArb({ minRank: 2, maxRank: 2, maxSize: 3 }).chain((target) =>
  fc.record({
    target: fc.constant(target),
    inputs: fc.array(broadcastableTo(target), { minLength: 1, maxLength: 3 }),
    ops: fc.array(fc.record({ name: fc.constantFrom(...Object.keys(steps)), i: fc.nat(), j: fc.nat() }), { minLength: 1, maxLength: 8 }),
    seed: seedArb,
  }));

/** Every value broadcasts to the target, so any two can meet; the result sums the last value with an early one (another reuse). */
function run({ target, ops }: Program, xs: Variable[]): Variable {
  const pool: Variable[] = xs.map((x) => x.expand(target).add(x.sum()));
  for (const { name, i, j } of ops) {
    const out = steps[name](pool[i % pool.length], pool[j % pool.length]);
    pool.push(out.expand(target));
  }
  return pool[pool.length - 1].add(pool[0]);
}

describe('random expression graphs', () => {
  const tie: Program = { target: [3, 3], inputs: [[3]], ops: [{ name: 'meanFirst', i: 0, j: 0 }, { name: 'where', i: 292585749, j: 0 }], seed: 0 };
  test.prop([programArb], { numRuns: 60, examples: [[tie]] })('gradients of the whole graph match central differences', (program) => {
    const inputs = program.inputs.map((shape, k) => randomTensor(shape, program.seed + k));
    assertGradcheck((...xs) => run(program, xs), inputs);
  });
});
