/** Argument checks shared by the package: each names the op and the value it refused. */
import { Variable } from '@gradschool/autograd';
import { describeValue, formatShape, ShapeError, Tensor } from '@gradschool/tensor';

/** A number as itself, anything else by its kind: `2.5`, `a string ('2')`, `undefined`. */
const shown = (value: unknown): string => (typeof value === 'number' ? String(value) : describeValue(value));

/** The error for a number argument out of its range: a RangeError, or a TypeError when it is no number at all. */
const refused = (value: unknown, message: string): Error => (typeof value === 'number' ? new RangeError(message) : new TypeError(message));

export function checkCount(op: string, name: string, value: number, min = 0): number {
  if (!Number.isInteger(value) || value < min) {
    throw refused(value, `${op}: ${name} must be an integer >= ${min}, got ${shown(value)}`);
  }
  return value;
}

export function checkNonNegative(op: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw refused(value, `${op}: ${name} must be a finite number >= 0, got ${shown(value)}`);
  }
  return value;
}

export function checkFraction(op: string, name: string, value: number): number {
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw refused(value, `${op}: ${name} must lie in [0, 1], got ${shown(value)}`);
  }
  return value;
}

/** A step size: finite and > 0 (a step of 0 never moves, a negative one climbs). */
export function checkPositive(op: string, name: string, value: number): number {
  if (typeof value !== 'number' || !(value > 0 && Number.isFinite(value))) {
    throw refused(value, `${op}: ${name} must be a finite number > 0, got ${shown(value)}`);
  }
  return value;
}

/** The options object a constructor or function needs (it holds a required field such as the generator). */
export function checkOptions<T>(op: string, opts: T, example: string): T {
  if (typeof opts !== 'object' || opts === null || Array.isArray(opts)) {
    throw new TypeError(`${op}: needs an options object, as in ${example}, got ${describeValue(opts)}`);
  }
  return opts;
}

/** One of a few named choices, refused with the list of them. */
export function checkChoice<T extends string>(op: string, name: string, value: T, choices: readonly T[]): T {
  if (!choices.includes(value)) {
    throw new RangeError(`${op}: ${name} must be ${choices.map((c) => `'${c}'`).join(' or ')}, got ${typeof value === 'string' ? `'${value}'` : describeValue(value)}`);
  }
  return value;
}

/** A function argument (a loss, an energy), refused at the call rather than when first called. */
export function checkFunction(op: string, name: string, f: unknown): void {
  if (typeof f !== 'function') throw new TypeError(`${op}: ${name} must be a function, got ${describeValue(f)}`);
}

/** Data a formula reads, given as a Tensor (values) or a Variable (values and gradients). */
export function checkData(op: string, what: string, x: unknown): asserts x is Tensor | Variable {
  if (x instanceof Tensor || x instanceof Variable) return;
  const hint = Array.isArray(x) || typeof x === 'number' ? '; wrap it with tensor(...)' : '';
  throw new TypeError(`${op}: ${what} must be a Tensor or a Variable, got ${typeof x === 'number' ? `a number (${x})` : describeValue(x)}${hint}`);
}

/** A model's input, a Tensor or a Variable whose last dim has the width the model was built for. */
export function checkWidth<X>(op: string, what: string, x: X, width: number): X {
  checkData(op, what, x);
  const { shape } = x;
  if (shape.length === 0 || shape[shape.length - 1] !== width) {
    throw new ShapeError(`${op}: ${what} of shape ${formatShape(shape)} must have ${width} feature${width === 1 ? '' : 's'} in its last dim`);
  }
  return x;
}
