/**
 * Calling a student's function. Whatever it does — throw, return the wrong kind of thing,
 * write into its arguments — becomes a CheckFailure whose message names the call; only the
 * stub's NotImplementedError, and the news that the runner was stopped, pass through.
 */
import { type DType, Tensor } from '@gradschool/tensor';
import { type Mutation, Opaque, RunnerStopped, takeMutations } from '../sandbox/session.ts';
import { CheckFailure, isNotImplemented } from './check.ts';
import { kindOf, show, shapeText } from './show.ts';
import { unravel } from './nd.ts';

/** One argument of a call: its name (as the exercise's signature has it) and value. */
export interface Arg {
  readonly name: string;
  readonly value: unknown;
}

const LINE = 100;

/** `softmax([1000, 1000], dim=-1)`, or `softmax(x, dim=-1) with x = …` when the values are long. */
export function describeCall(fn: string, args: readonly Arg[]): string {
  const inline = `${fn}(${args.map((a) => (typeof a.value === 'number' ? `${a.name}=${show(a.value)}` : show(a.value))).join(', ')})`;
  if (inline.length <= LINE) return inline;
  const big = args.filter((a) => typeof a.value !== 'number');
  const head = `${fn}(${args.map((a) => (typeof a.value === 'number' ? `${a.name}=${show(a.value)}` : a.name)).join(', ')})`;
  return `${head} with ${big.map((a) => `${a.name} = ${show(a.value)}`).join(', ')}`;
}

/** Where in the exercise files an error came from, if its stack says: `exercises/week2/2.3-softmax.ts:14`. */
function origin(error: unknown): string {
  const stack = error instanceof Error ? (error.stack ?? '') : '';
  const m = /((?:[\w.-]+\/)?(?:week\d+|fixtures\/[\d.]+)\/[\w.-]+\.ts):(\d+)/.exec(stack);
  return m ? ` (at ${m[1]}:${m[2]})` : '';
}

/** The stub's error and a stopped runner pass through a call untouched: they are not the answer's fault alone. */
const passesThrough = (error: unknown): boolean => isNotImplemented(error) || error instanceof RunnerStopped;

/** Which argument a write went into: the one the check passed, by identity, else its position. */
function described(m: Mutation, args: readonly Arg[]): { name: string; shape: readonly number[] } {
  const arg = args.find((a) => a.value === m.value);
  const shape = m.value instanceof Tensor ? m.value.shape : [Array.isArray(m.value) ? m.value.length : 1];
  return { name: arg?.name ?? 'one of its arguments', shape };
}

/**
 * Call `fn`, which calls the exercise (in the runner), turning anything but a normal return into
 * a CheckFailure about `label`: a throw, a Promise, or a write into an argument (the runner
 * compares every argument before and after each call and reports what changed).
 */
export function call<T>(label: string, args: readonly Arg[], fn: () => T): T {
  takeMutations();
  let out: T;
  try {
    out = fn();
  } catch (error) {
    if (passesThrough(error)) throw error;
    const e = error as { name?: string; message?: string };
    throw new CheckFailure(`${label} threw ${e?.name ?? 'an error'}: ${e?.message ?? String(error)}${origin(error)}`);
  }
  const [first] = takeMutations();
  if (first) {
    const { name, shape } = described(first, args);
    throw new CheckFailure(
      `${label} changed ${name === 'one of its arguments' ? name : `its argument ${name}`}: the element at ${shapeText(unravel(first.index, shape))} was ${show(first.before)} and is now ${show(first.after)}. ` +
        'Exercises must leave their inputs untouched; build new tensors instead of writing into old ones.',
    );
  }
  if (out instanceof Promise || (out instanceof Opaque && out.description === 'a Promise')) {
    throw new CheckFailure(`${label} returned a Promise; the exercise is synchronous (no async/await)`);
  }
  return out;
}

/** The value must be a Tensor of exactly this shape. */
export function expectTensor(label: string, value: unknown, shape: readonly number[], what = 'a Tensor', dtype?: DType): Tensor {
  if (!(value instanceof Tensor)) {
    throw new CheckFailure(`${label} returned ${kindOf(value)}; expected ${what} of shape ${shapeText(shape)}`);
  }
  if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
    throw new CheckFailure(`${label} returned shape ${shapeText(value.shape)}; expected ${what} of shape ${shapeText(shape)}`);
  }
  if (dtype !== undefined && value.dtype !== dtype) {
    const why = dtype === 'int32' ? 'indices are int32' : 'keep the dtype you are given: the checks compare with float64 arithmetic, and float32 work would lose all but 7 digits';
    throw new CheckFailure(`${label} returned a ${value.dtype} Tensor; expected ${dtype} (${why})`);
  }
  return value;
}

/** The value must be a JavaScript number (NaN and Infinity included: the comparison judges those). */
export function expectNumber(label: string, value: unknown): number {
  if (typeof value !== 'number') throw new CheckFailure(`${label} returned ${kindOf(value)}; expected a number`);
  return value;
}
