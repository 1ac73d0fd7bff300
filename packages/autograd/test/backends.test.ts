/**
 * The same float32 gradients on every backend: a small classifier using the float32-safe ops
 * (matmul, broadcasting, tanh, sigmoid, max, where, slice, concat, indexSelect, logSoftmax,
 * gather, mean) runs on each backend in float32, and its gradients are compared with the same
 * graph in float64 on cpu (itself checked against central differences in the other suites).
 */
import { fc } from '@fast-check/vitest';
import { Generator, randint, setBackend, type Tensor } from '@gradschool/tensor';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { concat, gradients, parameter, type Variable, where } from '../src/index.ts';
import { randomTensor, seedArb } from './arbitraries.ts';

const BACKENDS = ['cpu', 'gpu'];

function classifierLoss(x: Variable, w1: Variable, b1: Variable, w2: Variable, labels: Tensor, rows: number[]): Variable {
  const h = x.matmul(w1).add(b1).tanh();
  const wide = concat([h, x.slice(1, 0, 2).sigmoid()], 1);
  const gated = where(wide.value.gt(0), wide, wide.mul(0.1));
  const logits = gated.matmul(w2).sub(gated.max(1, { keepdim: true }));
  return logits.logSoftmax(1).gather(1, labels).indexSelect(0, rows).mean().neg();
}

interface Sizes { n: number; hidden: number; classes: number; seed: number }
const sizesArb: fc.Arbitrary<Sizes> = fc.record({ n: fc.integer({ min: 1, max: 6 }), hidden: fc.integer({ min: 1, max: 5 }), classes: fc.integer({ min: 2, max: 4 }), seed: seedArb });

interface Problem { params: Tensor[]; labels: Tensor; rows: number[] }

/** Made on cpu in float64 (the gpu backend has none); float32 copies are made before switching. */
function problemOf({ n, hidden, classes, seed }: Sizes): Problem {
  const params = [[n, 3], [3, hidden], [hidden], [hidden + 2, classes]].map((s, k) => randomTensor(s, seed + k));
  const labels = randint(0, classes, [n, 1], new Generator(seed));
  return { params, labels, rows: Array.from({ length: n + 1 }, (_, i) => (i * 7) % n) }; // row 0 picked twice
}

function gradientsOf({ params, labels, rows }: Problem): Float64Array[] {
  const vars = params.map((p) => parameter(p));
  const [x, w1, b1, w2] = vars;
  return gradients(classifierLoss(x, w1, b1, w2, labels, rows), vars).map((g) => Float64Array.from(g.data()));
}

/**
 * Problems are drawn up front and their float64 references computed on cpu before any switch,
 * so each backend is selected once: selecting a backend builds a fresh instance of it.
 */
const problems = fc.sample(sizesArb, { numRuns: 4, seed: 20240607 });
let cases: { sizes: Sizes; single: Problem; reference: Float64Array[] }[] = [];

beforeAll(() => {
  setBackend('cpu');
  cases = problems.map((sizes) => {
    const exact = problemOf(sizes);
    return { sizes, single: { ...exact, params: exact.params.map((p) => p.to('float32')) }, reference: gradientsOf(exact) };
  });
});
afterAll(() => { setBackend('cpu'); });

for (const backend of BACKENDS) {
  describe(`float32 gradients on ${backend}`, () => {
    beforeAll(() => { setBackend(backend); });
    problems.forEach((sizes, c) => {
      it(`agree with float64 on cpu for ${JSON.stringify(sizes)}`, () => {
        const got = gradientsOf(cases[c].single);
        // float32 rounds each op by u = 6e-8; a gradient element here gathers under ~50 rounded terms of size <= ~10,
        // so its error stays below ~3e-5 in absolute terms: 1e-4 · (1 + |g|) has margin, while a wrong formula is off by O(|g|)
        cases[c].reference.forEach((g, k) => g.forEach((v, i) => expect(Math.abs(got[k][i] - v)).toBeLessThanOrEqual(1e-4 * (1 + Math.abs(v)))));
      }, 60_000); // gpu.js compiles a kernel the first time it meets a shape: seconds, not a hang
    });
  });
}
