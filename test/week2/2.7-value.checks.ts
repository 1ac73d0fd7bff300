/**
 * 2.7 — scalar autograd. Oracle: forward-mode differentiation with dual numbers (value,
 * derivative) in float64, an independent method from the student's reverse mode. Random
 * programs reuse earlier results freely, so their graphs have shared nodes and diamonds:
 * gradients must accumulate, and each node must run its backward step exactly once, in order.
 * Operands may be Values or plain numbers (a.sub(2)), and both are tried for every binary operation.
 */
import fc from 'fast-check';
import type * as Engine from '#target/week2/2.7-value.ts';
import { moderate } from '../harness/arbitraries.ts';
import { call } from '../harness/call.ts';
import { CheckFailure, defineChecks } from '../harness/check.ts';
import { type Tolerance, within } from '../harness/compare.ts';
import { forAll } from '../harness/property.ts';
import { num, numPair } from '../harness/show.ts';

type M = typeof Engine;
type Value = InstanceType<M['Value']>;

/** The operations a program may use, each built only from the Value API. */
interface Algebra<T> {
  add(a: T, b: T): T;
  mul(a: T, b: T): T;
  sub(a: T, b: T): T;
  /** a / b for b ≠ 0 */
  div(a: T, b: T): T;
  addConst(a: T, c: number): T;
  mulConst(a: T, c: number): T;
  pow(a: T, k: number): T;
  neg(a: T): T;
  exp(a: T): T;
  log(a: T): T;
  tanh(a: T): T;
  relu(a: T): T;
}

/** Composite steps keep every operation inside its domain: log of a²+1, division by b²+1, exp of tanh. */
const STEPS = {
  add: (A, a, b) => A.add(a, b),
  mul: (A, a, b) => A.mul(a, b),
  sub: (A, a, b) => A.sub(a, b),
  div: (A, a, b) => A.div(a, A.addConst(A.mul(b, b), 1)),
  addConst: (A, a, _b, c) => A.addConst(a, c),
  mulConst: (A, a, _b, c) => A.mulConst(a, c),
  square: (A, a) => A.pow(a, 2),
  cube: (A, a) => A.pow(a, 3),
  sqrt: (A, a) => A.pow(A.addConst(A.mul(a, a), 1), 0.5),
  neg: (A, a) => A.neg(a),
  exp: (A, a) => A.exp(A.tanh(a)),
  log: (A, a) => A.log(A.addConst(A.mul(a, a), 1)),
  tanh: (A, a) => A.tanh(a),
  relu: (A, a) => A.relu(a),
} satisfies Record<string, <T>(A: Algebra<T>, a: T, b: T, c: number) => T>;
type StepName = keyof typeof STEPS;
const BINARY: Partial<Record<StepName, true>> = { add: true, mul: true, sub: true, div: true };

interface Program {
  leaves: number[];
  steps: { step: StepName; a: number; b: number; c: number }[];
}

const programs: fc.Arbitrary<Program> = fc.record({
  leaves: fc.array(moderate(2), { minLength: 1, maxLength: 4 }),
  steps: fc.array(
    fc.record({
      step: fc.constantFrom(...(Object.keys(STEPS) as StepName[])),
      a: fc.nat(),
      b: fc.nat(),
      c: moderate(3),
    }),
    { minLength: 1, maxLength: 10 },
  ),
});

/** Run a program; each step's operands are any earlier results, so nodes get reused. */
function evaluate<T>(p: Program, A: Algebra<T>, leaves: T[]): T[] {
  const nodes = [...leaves];
  for (const s of p.steps) nodes.push(STEPS[s.step](A, nodes[s.a % nodes.length], nodes[s.b % nodes.length], s.c));
  return nodes;
}

const programText = (p: Program): string => {
  const names = p.leaves.map((v, i) => `x${i} = ${num(v)}`);
  const steps = p.steps.map((s, k) => {
    const n = p.leaves.length + k;
    const at = (i: number) => (i % n < p.leaves.length ? `x${i % n}` : `v${i % n}`);
    return `v${n} = ${s.step}(${at(s.a)}${s.step in BINARY ? `, ${at(s.b)}` : ''}${s.step.endsWith('Const') ? `, ${num(s.c)}` : ''})`;
  });
  return `the program ${[...names, ...steps].join('; ')}`;
};

/** A number with its derivative along one direction: forward-mode differentiation. */
interface Dual {
  v: number;
  d: number;
}

/** Duals in float64; `kinks` counts relus evaluated exactly at 0, where no derivative exists. */
function dualAlgebra(): Algebra<Dual> & { kinks: number } {
  const A = {
    kinks: 0,
    add: (a: Dual, b: Dual) => ({ v: a.v + b.v, d: a.d + b.d }),
    mul: (a: Dual, b: Dual) => ({ v: a.v * b.v, d: a.d * b.v + a.v * b.d }),
    sub: (a: Dual, b: Dual) => ({ v: a.v - b.v, d: a.d - b.d }),
    div: (a: Dual, b: Dual) => ({ v: a.v / b.v, d: (a.d * b.v - a.v * b.d) / (b.v * b.v) }),
    addConst: (a: Dual, c: number) => ({ v: a.v + c, d: a.d }),
    mulConst: (a: Dual, c: number) => ({ v: a.v * c, d: a.d * c }),
    pow: (a: Dual, k: number) => ({ v: a.v ** k, d: k * a.v ** (k - 1) * a.d }),
    neg: (a: Dual) => ({ v: -a.v, d: -a.d }),
    exp: (a: Dual) => ({ v: Math.exp(a.v), d: Math.exp(a.v) * a.d }),
    log: (a: Dual) => ({ v: Math.log(a.v), d: a.d / a.v }),
    tanh: (a: Dual) => ({ v: Math.tanh(a.v), d: (1 - Math.tanh(a.v) ** 2) * a.d }),
    relu: (a: Dual) => {
      if (a.v === 0) A.kinks++;
      return { v: Math.max(a.v, 0), d: a.v > 0 ? a.d : 0 };
    },
  };
  return A;
}

function valueAlgebra(): Algebra<Value> {
  return {
    add: (a, b) => a.add(b),
    mul: (a, b) => a.mul(b),
    sub: (a, b) => a.sub(b),
    div: (a, b) => a.div(b),
    addConst: (a, c) => a.add(c),
    mulConst: (a, c) => a.mul(c),
    pow: (a, k) => a.pow(k),
    neg: (a) => a.neg(),
    exp: (a) => a.exp(),
    log: (a) => a.log(),
    tanh: (a) => a.tanh(),
    relu: (a) => a.relu(),
  };
}

/** Chains of a dozen float64 operations: a few ulps of drift, amplified a little by the derivatives. */
const TOLERANCE: Tolerance = { abs: 1e-9, rel: 1e-7 };

/** The exact gradient of the program's last node with respect to each leaf, or null where none exists. */
function leafGradients(p: Program): number[] | null {
  const grads: number[] = [];
  for (let i = 0; i < p.leaves.length; i++) {
    const A = dualAlgebra();
    const out = evaluate(p, A, p.leaves.map((v, j) => ({ v, d: i === j ? 1 : 0 }))).at(-1)!;
    // no derivative at a relu kink; huge values make the comparison meaningless
    if (A.kinks > 0 || !Number.isFinite(out.d) || !(Math.abs(out.v) < 1e8)) return null;
    grads.push(out.d);
  }
  return grads;
}

/** One primitive, its value and its partial derivatives, for the per-operation checks. */
interface Primitive {
  text: string;
  apply: (a: Value, b: Value) => Value;
  value: (a: number, b: number) => number;
  da: (a: number, b: number) => number;
  db: (a: number, b: number) => number;
  /** Which inputs the operation may take. */
  domain: (a: number, b: number) => boolean;
  /** For a binary operation: the same with b given as a plain number (the signature takes `Value | number`). */
  withNumber?: (a: Value, b: number) => Value;
}

const PRIMITIVES: Primitive[] = [
  { text: 'a.add(b)', apply: (a, b) => a.add(b), withNumber: (a, b) => a.add(b), value: (a, b) => a + b, da: () => 1, db: () => 1, domain: () => true },
  { text: 'a.mul(b)', apply: (a, b) => a.mul(b), withNumber: (a, b) => a.mul(b), value: (a, b) => a * b, da: (_a, b) => b, db: (a) => a, domain: () => true },
  { text: 'a.sub(b)', apply: (a, b) => a.sub(b), withNumber: (a, b) => a.sub(b), value: (a, b) => a - b, da: () => 1, db: () => -1, domain: () => true },
  { text: 'a.div(b)', apply: (a, b) => a.div(b), withNumber: (a, b) => a.div(b), value: (a, b) => a / b, da: (_a, b) => 1 / b, db: (a, b) => -a / (b * b), domain: (_a, b) => Math.abs(b) > 0.1 },
  { text: 'a.pow(3)', apply: (a) => a.pow(3), value: (a) => a ** 3, da: (a) => 3 * a * a, db: () => 0, domain: () => true },
  { text: 'a.pow(-0.5)', apply: (a) => a.pow(-0.5), value: (a) => a ** -0.5, da: (a) => -0.5 * a ** -1.5, db: () => 0, domain: (a) => a > 0.1 },
  { text: 'a.neg()', apply: (a) => a.neg(), value: (a) => -a, da: () => -1, db: () => 0, domain: () => true },
  { text: 'a.exp()', apply: (a) => a.exp(), value: (a) => Math.exp(a), da: (a) => Math.exp(a), db: () => 0, domain: () => true },
  { text: 'a.log()', apply: (a) => a.log(), value: (a) => Math.log(a), da: (a) => 1 / a, db: () => 0, domain: (a) => a > 0.1 },
  { text: 'a.tanh()', apply: (a) => a.tanh(), value: (a) => Math.tanh(a), da: (a) => 1 - Math.tanh(a) ** 2, db: () => 0, domain: () => true },
  { text: 'a.relu()', apply: (a) => a.relu(), value: (a) => Math.max(a, 0), da: (a) => (a > 0 ? 1 : 0), db: () => 0, domain: (a) => a !== 0 },
];

const pairs = fc.tuple(moderate(4), moderate(4));
/** Always tried: a = 0 (a.pow(3)'s derivative 3a² written as 3·out/a is 0/0 there), and negative operands. */
const PAIR_EXAMPLES: [number, number][] = [[0, 1.5], [-1.25, -0.5]];

/** `got; expected want`, with enough digits to tell them apart. */
const differ = (got: unknown, want: number): string => {
  if (typeof got !== 'number') return `${String(got)}; expected ${num(want)}`;
  const [a, b] = numPair(got, want);
  return `${a}; expected ${b}`;
};
const named = (text: string, a: number, b: number): string => `${text} with a = Value(${num(a)}), b = Value(${num(b)})`;

export const checks = defineChecks<M>([
  {
    name: 'each operation computes the right value, as a new Value, leaving its operands alone',
    points: 3,
    run: (impl) =>
      forAll(pairs, ([x, y]) => {
        for (const p of PRIMITIVES.filter((q) => q.domain(x, y))) {
          const label = named(p.text, x, y);
          const [a, b] = [new impl.Value(x), new impl.Value(y)];
          const out = call(label, [], () => p.apply(a, b));
          if (!within(out?.data, p.value(x, y), TOLERANCE)) throw new CheckFailure(`${label} gave data ${differ(out?.data, p.value(x, y))}`);
          if (a.data !== x || b.data !== y || a.grad !== 0 || b.grad !== 0) {
            throw new CheckFailure(`${label} changed an operand: now a = (data ${num(a.data)}, grad ${num(a.grad)}), b = (data ${num(b.data)}, grad ${num(b.grad)}). Operations make a new Value and leave their inputs alone.`);
          }
        }
        // operands may be plain numbers: b given as a number, for every binary operation
        for (const p of PRIMITIVES.filter((q) => q.withNumber && q.domain(x, y))) {
          const label = `${p.text.replace('(b)', `(${num(y)})`)} with a = Value(${num(x)})`;
          const a = new impl.Value(x);
          const out = call(label, [], () => p.withNumber!(a, y));
          if (!within(out?.data, p.value(x, y), TOLERANCE)) throw new CheckFailure(`${label} gave data ${differ(out?.data, p.value(x, y))}`);
        }
        const label = `Value(${num(x)}).add(${num(y)}).mul(2)`;
        const out = call(label, [], () => new impl.Value(x).add(y).mul(2));
        if (!within(out?.data, (x + y) * 2, TOLERANCE)) throw new CheckFailure(`${label} gave data ${differ(out?.data, (x + y) * 2)}`);
      }, { examples: PAIR_EXAMPLES }),
  },
  {
    name: 'each operation backpropagates its local derivative',
    points: 3,
    run: (impl) =>
      forAll(pairs, ([x, y]) => {
        for (const p of PRIMITIVES.filter((q) => q.domain(x, y))) {
          const a = new impl.Value(x);
          const b = new impl.Value(y);
          const label = `after c = ${named(p.text, x, y)}; c.backward()`;
          call(label, [], () => p.apply(a, b).backward());
          for (const [name, got, want] of [['a', a.grad, p.da(x, y)], ['b', b.grad, p.db(x, y)]] as const) {
            if (!within(got, want, TOLERANCE)) throw new CheckFailure(`${label}, ${name}.grad is ${differ(got, want)} (∂c/∂${name})`);
          }
          if (!p.withNumber) continue;
          // the same with b a plain number: a still receives ∂c/∂a
          const c = new impl.Value(x);
          const withNumber = `after c = ${p.text.replace('(b)', `(${num(y)})`)} with a = Value(${num(x)}); c.backward()`;
          call(withNumber, [], () => p.withNumber!(c, y).backward());
          if (!within(c.grad, p.da(x, y), TOLERANCE)) throw new CheckFailure(`${withNumber}, a.grad is ${differ(c.grad, p.da(x, y))} (∂c/∂a)`);
        }
      }, { examples: PAIR_EXAMPLES }),
  },
  {
    name: 'gradients accumulate over every use of a value (x·x, x + x, x·y + x)',
    points: 2,
    run: (impl) =>
      forAll(pairs, ([x, y]) => {
        const cases: [string, (a: Value, b: Value) => Value, number][] = [
          ['a.mul(a)', (a) => a.mul(a), 2 * x],
          ['a.add(a)', (a) => a.add(a), 2],
          ['a.mul(b).add(a)', (a, b) => a.mul(b).add(a), y + 1],
          ['t = a.tanh(); t.mul(t).add(t)', (a) => { const t = a.tanh(); return t.mul(t).add(t); }, (2 * Math.tanh(x) + 1) * (1 - Math.tanh(x) ** 2)],
        ];
        for (const [text, build, want] of cases) {
          const a = new impl.Value(x);
          const label = `after c = ${named(text, x, y)}; c.backward()`;
          call(label, [], () => build(a, new impl.Value(y)).backward());
          if (!within(a.grad, want, TOLERANCE)) {
            throw new CheckFailure(`${label}, a.grad is ${differ(a.grad, want)}: a value used twice collects gradient from both uses (+=, not =)`);
          }
        }
      }),
  },
  {
    name: 'backward through random graphs with shared nodes matches forward-mode derivatives',
    points: 4,
    run: (impl) =>
      forAll(programs, (p) => {
        const want = leafGradients(p);
        fc.pre(want !== null);
        const leaves = p.leaves.map((v) => new impl.Value(v));
        const label = `after ${programText(p)}; then backward() on its last value`;
        call(label, [], () => evaluate(p, valueAlgebra(), leaves).at(-1)!.backward());
        leaves.forEach((leaf, i) => {
          if (!within(leaf.grad, want![i], TOLERANCE)) throw new CheckFailure(`${label}: x${i}.grad is ${differ(leaf.grad, want![i])}`);
        });
      }, { numRuns: 60 }),
  },
  {
    name: 'topologicalSort lists every node once, children before parents, root last',
    points: 3,
    run: (impl) =>
      forAll(programs, (p) => {
        // the graph is made with the constructor alone, its edges recorded here: this checks the sort, not the operations
        const nodes = p.leaves.map((v) => new impl.Value(v));
        const edges = new Map<Value, Value[]>(nodes.map((n) => [n, []]));
        for (const s of p.steps) {
          const kids = [nodes[s.a % nodes.length], nodes[s.b % nodes.length]].slice(0, s.step in BINARY ? 2 : 1);
          const node = new impl.Value(0, kids, s.step);
          edges.set(node, kids);
          nodes.push(node);
        }
        const root = nodes.at(-1)!;
        const graph = `the graph ${programText(p)}`;
        const label = `topologicalSort(v${nodes.length - 1}) for ${graph}`;
        const order = call(label, [], () => impl.topologicalSort(root));
        if (!Array.isArray(order)) throw new CheckFailure(`${label} returned ${typeof order}; expected an array of Values`);
        const reachable = new Set<Value>();
        const visit = (v: Value): void => {
          if (reachable.has(v)) return;
          reachable.add(v);
          edges.get(v)!.forEach(visit);
        };
        visit(root);
        const position = new Map<Value, number>();
        order.forEach((v, i) => {
          if (position.has(v)) throw new CheckFailure(`${label} lists one node twice (at ${position.get(v)} and ${i}); a node's backward step must run exactly once`);
          position.set(v, i);
        });
        if (position.size !== reachable.size || [...reachable].some((v) => !position.has(v))) {
          throw new CheckFailure(`${label} lists ${position.size} nodes; ${reachable.size} are reachable from the root`);
        }
        if (order.at(-1) !== root) throw new CheckFailure(`${label} does not end with the root`);
        const name = (v: Value) => (nodes.indexOf(v) < p.leaves.length ? 'x' : 'v') + nodes.indexOf(v);
        for (const v of order) {
          for (const child of edges.get(v)!) {
            if (position.get(child)! > position.get(v)!) throw new CheckFailure(`${label} puts ${name(v)} before its child ${name(child)}`);
          }
        }
      }),
  },
]);
