/**
 * 2.2 — activation backward. Oracles in float64 written to be exact at every scale:
 * σ′(x) = e^−|x| / (1 + e^−|x|)² and tanh′(x) = 1 / cosh²(x) never form ∞/∞, so x = ±1000 has
 * a true answer (0) to compare with. At x = 0 exactly ReLU has no derivative; any subgradient
 * t·g with t in [0, 1] is accepted there (PyTorch picks 0). Inputs are float64, and so must the
 * gradients be.
 */
import fc from 'fast-check';
import type * as Activations from '#target/week2/2.2-activations.ts';
import { finite, moderate, ndArb, ndOf, shapes } from '../harness/arbitraries.ts';
import { call, describeCall, expectTensor } from '../harness/call.ts';
import { defineChecks } from '../harness/check.ts';
import { expectClose, type Tolerance } from '../harness/compare.ts';
import { type Nd, nd, toTensor } from '../harness/nd.ts';
import { forAll } from '../harness/property.ts';

type M = typeof Activations;
type Name = 'reluBackward' | 'sigmoidBackward' | 'tanhBackward';

/** Rank 0 to 3, empty axes included: these are elementwise, any shape goes. */
const cases: fc.Arbitrary<{ x: Nd; g: Nd }> = ndArb(shapes({ minRank: 0, maxRank: 3, minSize: 0 }), finite(1000)).chain((x) =>
  ndOf(x.shape, moderate()).map((g) => ({ x, g })),
);

/** The shapes the guide names as edge cases: a scalar (rank 0) and an empty tensor. */
const EDGES = [{ x: nd([], [-0.5]), g: nd([], [2]) }, { x: nd([0, 3]), g: nd([0, 3]) }];

/** Values of x where a careless formula overflows, with an upstream gradient of 1; then the edge shapes. */
const traps = (...xs: number[]) => [{ x: nd([xs.length], xs), g: nd([xs.length], xs.map(() => 1)) }, ...EDGES];

/** One product g·f′(x) per element: float64 gives ~1e-16 relative; 1e-6 leaves room for float32 intermediates. */
const TOLERANCE: Tolerance = { abs: 1e-12, rel: 1e-6 };

function sigmoidPrime(x: number): number {
  const e = Math.exp(-Math.abs(x));
  return e / (1 + e) ** 2;
}

const tanhPrime = (x: number): number => 1 / Math.cosh(x) ** 2;

function checkBackward(impl: M, name: Name, derivative: (x: number) => number, c: { x: Nd; g: Nd }, kinkAtZero = false): void {
  const args = [
    { name: 'x', value: toTensor(c.x) },
    { name: 'gradOutput', value: toTensor(c.g) },
  ];
  const label = describeCall(name, args);
  const got = expectTensor(label, call(label, args, () => impl[name](args[0].value, args[1].value)), c.x.shape, 'a Tensor', 'float64');
  const values = got.data();
  const want = nd(c.x.shape, c.x.data.map((x, i) => {
    const g = c.g.data[i];
    const exact = g * derivative(x);
    if (!kinkAtZero || x !== 0) return exact;
    // at the kink, accept whatever the student chose between the one-sided derivatives 0 and 1
    return Math.min(0, g) <= values[i] && values[i] <= Math.max(0, g) ? values[i] : exact;
  }));
  expectClose(label, got, want, TOLERANCE);
}

export const checks = defineChecks<M>([
  {
    name: 'reluBackward passes the gradient where x > 0 and blocks it elsewhere',
    points: 3,
    run: (impl) =>
      forAll(cases, (c) => checkBackward(impl, 'reluBackward', (x) => (x > 0 ? 1 : 0), c, true), {
        examples: [{ x: nd([4], [-2, 0, 3, 1000]), g: nd([4], [5, -1, -2, 0.5]) }, ...EDGES],
      }),
  },
  {
    name: 'sigmoidBackward is g·σ(x)(1 − σ(x)), finite even for x = ±1000',
    points: 3,
    run: (impl) => forAll(cases, (c) => checkBackward(impl, 'sigmoidBackward', sigmoidPrime, c), { examples: traps(-1000, 0, 1000) }),
  },
  {
    name: 'tanhBackward is g·(1 − tanh²(x)), finite even for x = ±1000',
    points: 3,
    run: (impl) => forAll(cases, (c) => checkBackward(impl, 'tanhBackward', tanhPrime, c), { examples: traps(-1000, 0.5, 1000) }),
  },
]);
