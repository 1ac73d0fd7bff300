/** Shapes, strides and broadcasting: the index arithmetic every op shares. */
export type Shape = readonly number[];

/** A shape mistake: the message names the op and the shapes involved. */
export class ShapeError extends Error {
  override name = 'ShapeError';
}

export const fmt = (shape: Shape): string => `[${shape.join(',')}]`;

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/** Row-major strides: the last axis moves fastest. */
export function contiguousStrides(shape: Shape): number[] {
  const strides = new Array<number>(shape.length);
  let step = 1;
  for (let i = shape.length - 1; i >= 0; i--) {
    strides[i] = step;
    step *= shape[i];
  }
  return strides;
}

/**
 * A value of the wrong kind, as an error message names it: `a boolean (true)`, `a string ('4')`,
 * `undefined`, `an array`, `a Variable` (an instance by its class), `an object`.
 */
export function describeValue(v: unknown): string {
  if (v === undefined || v === null) return String(v);
  if (typeof v === 'boolean' || typeof v === 'bigint') return `a ${typeof v} (${String(v)})`;
  if (typeof v === 'string') return `a string ('${v}')`;
  if (Array.isArray(v)) return 'an array';
  if (typeof v !== 'object') return `a ${typeof v}`;
  const name = (v as object).constructor?.name;
  if (!name || name === 'Object') return 'an object';
  // 'an' before a vowel sound: an Int32Array, an Object, but a Uint8Array (said 'you')
  return `${/^([AEIO]|U(?!int))/.test(name) ? 'an' : 'a'} ${name}`;
}

/** How many elements a reduction over `dims` (normalized) folds into each result; a 0-d tensor's dim 0 folds its one element. */
export const reducedCount = (shape: Shape, dims: readonly number[]): number =>
  (shape.length === 0 ? 1 : sizeOf(dims.map((d) => shape[d])));

export function checkShape(op: string, shape: Shape): number[] {
  if (!Array.isArray(shape)) {
    const hint = typeof shape === 'number' ? ` (for ${shape} elements in one dim, write [${shape}])` : '';
    throw new TypeError(`${op}: the shape must be an array of sizes such as [2, 3], got ${describeValue(shape)}${hint}`);
  }
  shape.forEach((d, i) => {
    if (!Number.isInteger(d) || d < 0) {
      const what = typeof d === 'number' ? `has size ${d}` : `is ${describeValue(d)}`;
      throw new ShapeError(`${op}: shape ${fmt(shape)} must hold non-negative integers, but dim ${i} ${what}`);
    }
  });
  return [...shape];
}

/** NumPy broadcasting: align on the right; each pair of sizes must match or one must be 1. */
export function broadcastShapes(op: string, ...shapes: Shape[]): number[] {
  const rank = Math.max(0, ...shapes.map((s) => s.length));
  const out = new Array<number>(rank).fill(1);
  for (const s of shapes) {
    for (let i = 0; i < s.length; i++) {
      const j = rank - s.length + i;
      const d = s[i];
      if (out[j] === 1) out[j] = d;
      else if (d !== 1 && d !== out[j]) {
        throw new ShapeError(`${op}: shapes ${shapes.map(fmt).join(' and ')} cannot be broadcast together`);
      }
    }
  }
  return out;
}

/** Strides that read a tensor of `shape`/`strides` as if it had `target` shape (stride 0 on broadcast axes). */
export function broadcastStrides(shape: Shape, strides: readonly number[], target: Shape): number[] {
  const out = new Array<number>(target.length).fill(0);
  const lead = target.length - shape.length;
  for (let i = 0; i < shape.length; i++) {
    out[lead + i] = shape[i] === 1 && target[lead + i] !== 1 ? 0 : strides[i];
  }
  return out;
}

/** A dim may be negative (counted from the end), as in PyTorch. */
export function normalizeDim(op: string, dim: number, rank: number, shape?: Shape): number {
  if (typeof dim !== 'number') throw new TypeError(`${op}: dim must be an integer, got ${describeValue(dim)}`);
  if (!Number.isInteger(dim)) throw new RangeError(`${op}: dim must be an integer, got ${dim}${shape ? ` (for a tensor of shape ${fmt(shape)})` : ''}`);
  const lo = -Math.max(rank, 1);
  const hi = Math.max(rank, 1) - 1;
  if (dim < lo || dim > hi) {
    const where = shape ? ` of shape ${fmt(shape)}` : '';
    throw new RangeError(`${op}: dim ${dim} is out of range for a tensor of rank ${rank}${where} (expected ${lo}..${hi})`);
  }
  return dim < 0 ? dim + Math.max(rank, 1) : dim;
}

export function normalizeDims(op: string, dims: number | readonly number[] | undefined | null, rank: number, shape?: Shape): number[] {
  if (dims === undefined || dims === null) return [...Array(rank).keys()];
  if (typeof dims !== 'number' && !Array.isArray(dims)) {
    throw new TypeError(`${op}: dim must be an integer or an array of integers, got ${describeValue(dims)}`);
  }
  const list = (typeof dims === 'number' ? [dims] : dims).map((d) => normalizeDim(op, d, rank, shape));
  if (new Set(list).size !== list.length) throw new RangeError(`${op}: dims ${fmt(dims as number[])} repeat an axis`);
  return list.sort((a, b) => a - b);
}

export const sameShape = (a: Shape, b: Shape): boolean => a.length === b.length && a.every((d, i) => d === b[i]);

/** Ops that pick along a dim (gather, slice, ...) need one: a 0-d tensor's dim 0 is only for reductions. */
export function checkHasDims(op: string, what: string, shape: Shape): void {
  if (shape.length === 0) throw new ShapeError(`${op}: ${what} of shape [] has no dim to index; reshape it to [1] first`);
}
