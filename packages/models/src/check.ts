/** Argument checks shared by the package: each names the op and the value it refused. */

export function checkCount(op: string, name: string, value: number, min = 0): number {
  if (!Number.isInteger(value) || value < min) {
    throw new RangeError(`${op}: ${name} must be an integer >= ${min}, got ${value}`);
  }
  return value;
}

export function checkNonNegative(op: string, name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`${op}: ${name} must be a finite number >= 0, got ${value}`);
  }
  return value;
}

export function checkFraction(op: string, name: string, value: number): number {
  if (!(value >= 0 && value <= 1)) {
    throw new RangeError(`${op}: ${name} must lie in [0, 1], got ${value}`);
  }
  return value;
}
