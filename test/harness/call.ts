/**
 * Calling a student's function. Whatever it does — throw, return the wrong kind of thing,
 * write into its arguments — becomes a CheckFailure whose message names the call; only the
 * stub's NotImplementedError passes through untouched.
 */
import { Tensor } from '@gradschool/tensor';
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

type Snapshot = { readonly arg: Arg; readonly data: ArrayLike<number>; readonly shape: readonly number[] };

function snapshot(args: readonly Arg[]): Snapshot[] {
  const out: Snapshot[] = [];
  for (const arg of args) {
    if (arg.value instanceof Tensor) out.push({ arg, data: arg.value.data(), shape: arg.value.shape });
    else if (Array.isArray(arg.value) && arg.value.every((v) => typeof v === 'number')) {
      out.push({ arg, data: [...(arg.value as number[])], shape: [arg.value.length] });
    }
  }
  return out;
}

function current(s: Snapshot): ArrayLike<number> {
  return s.arg.value instanceof Tensor ? s.arg.value.data() : (s.arg.value as number[]);
}

/** Call `fn`, turning anything but a normal return into a CheckFailure about `label`. */
export function call<T>(label: string, args: readonly Arg[], fn: () => T): T {
  const before = snapshot(args);
  let out: T;
  try {
    out = fn();
  } catch (error) {
    if (isNotImplemented(error)) throw error;
    const e = error as { name?: string; message?: string };
    throw new CheckFailure(`${label} threw ${e?.name ?? 'an error'}: ${e?.message ?? String(error)}${origin(error)}`);
  }
  for (const s of before) {
    const now = current(s);
    for (let i = 0; i < Math.max(s.data.length, now.length); i++) {
      if (!Object.is(now[i], s.data[i])) {
        const at = shapeText(unravel(i, s.shape));
        throw new CheckFailure(
          `${label} changed its argument ${s.arg.name}: the element at ${at} was ${show(s.data[i])} and is now ${show(now[i])}. ` +
            'Exercises must leave their inputs untouched; build new tensors instead of writing into old ones.',
        );
      }
    }
  }
  if (out instanceof Promise) throw new CheckFailure(`${label} returned a Promise; the exercise is synchronous (no async/await)`);
  return out;
}

/** The value must be a Tensor of exactly this shape. */
export function expectTensor(label: string, value: unknown, shape: readonly number[], what = 'a Tensor'): Tensor {
  if (!(value instanceof Tensor)) {
    throw new CheckFailure(`${label} returned ${kindOf(value)}; expected ${what} of shape ${shapeText(shape)}`);
  }
  if (value.shape.length !== shape.length || value.shape.some((d, i) => d !== shape[i])) {
    throw new CheckFailure(`${label} returned shape ${shapeText(value.shape)}; expected ${what} of shape ${shapeText(shape)}`);
  }
  return value;
}

/** The value must be a JavaScript number (NaN and Infinity included: the comparison judges those). */
export function expectNumber(label: string, value: unknown): number {
  if (typeof value !== 'number') throw new CheckFailure(`${label} returned ${kindOf(value)}; expected a number`);
  return value;
}
