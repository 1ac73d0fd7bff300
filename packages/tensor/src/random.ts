/**
 * Seeded randomness with no global state: every random op takes a Generator, so a run is
 * reproduced by its seed. xoshiro128** (seeded through splitmix32) is small, fast and well tested.
 */
import { allocate, checkDType, type DType } from './dtype.ts';
import { checkShape, describeValue, sizeOf } from './shape.ts';
import type { Tensor } from './tensor.ts';
import { upload } from './ops/create.ts';

export class Generator {
  readonly seed: number;
  #s = new Uint32Array(4);

  constructor(seed: number) {
    if (typeof seed !== 'number') throw new TypeError(`Generator: seed must be a finite number, got ${describeValue(seed)}`);
    if (!Number.isFinite(seed)) throw new RangeError(`Generator: seed must be a finite number, got ${seed}`);
    this.seed = seed;
    let x = Math.floor(seed) >>> 0;
    for (let i = 0; i < 4; i++) {
      x = (x + 0x9e3779b9) >>> 0;
      let z = x;
      z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
      z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
      this.#s[i] = (z ^ (z >>> 16)) >>> 0;
    }
  }

  /**
   * The stream's position: 128 bits as four unsigned 32-bit words. `setState` puts a generator
   * back there (PyTorch's get_state/set_state), so a stream can be handed to another process and
   * continued where that one left it.
   */
  getState(): number[] {
    return Array.from(this.#s);
  }

  setState(state: readonly number[]): void {
    if (state.length !== 4 || state.some((w) => !Number.isInteger(w) || w < 0 || w > 0xffffffff) || state.every((w) => w === 0)) {
      throw new RangeError(`Generator.setState: expected 4 unsigned 32-bit words, not all 0, got [${state.join(', ')}]`);
    }
    this.#s.set(state);
  }

  /** The next 32 random bits. */
  nextUint32(): number {
    const s = this.#s;
    const result = Math.imul(rotl(Math.imul(s[1], 5) >>> 0, 7), 9) >>> 0;
    const t = (s[1] << 9) >>> 0;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl(s[3], 11);
    return result;
  }

  /** Uniform in [0, 1) with 53 random bits. */
  uniform(): number {
    const hi = this.nextUint32() >>> 5;
    const lo = this.nextUint32() >>> 6;
    return (hi * 67108864 + lo) / 9007199254740992;
  }

  /** Standard normal (Box–Muller). */
  normal(): number {
    const u = 1 - this.uniform(); // (0, 1], so log(u) is finite
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * this.uniform());
  }

  /** Uniform integer in [low, high). */
  int(low: number, high: number): number {
    checkBounds(low, high);
    return low + Math.floor(this.uniform() * (high - low));
  }

  /** A random ordering of 0..n-1 (Fisher–Yates). */
  permutation(n: number): number[] {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`permutation: n must be a non-negative integer, got ${n}`);
    const p = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = this.int(0, i + 1);
      [p[i], p[j]] = [p[j], p[i]];
    }
    return p;
  }

  /** An independent generator derived from this one (for giving a sub-task its own stream). */
  fork(): Generator {
    return new Generator(this.nextUint32());
  }
}

function checkBounds(low: number, high: number): void {
  if (!Number.isInteger(low) || !Number.isInteger(high) || high <= low) {
    throw new RangeError(`randint: need integers low < high, got low=${low}, high=${high}`);
  }
}

const rotl = (x: number, k: number): number => ((x << k) | (x >>> (32 - k))) >>> 0;

/** All randomness is seeded: a random op needs a Generator, not a seed or nothing. */
export function checkGenerator(op: string, generator: unknown): asserts generator is Generator {
  if (generator instanceof Generator) return;
  const hint = typeof generator === 'number' ? ` (to draw from seed ${generator}, pass new Generator(${generator}))` : '; pass new Generator(seed)';
  throw new TypeError(`${op}: the generator must be a Generator, got ${typeof generator === 'number' ? 'a number' : describeValue(generator)}${hint}`);
}

function fill(op: string, shape: readonly number[], dtype: DType, draw: () => number): Tensor {
  const s = checkShape(op, shape);
  const data = allocate(checkDType(op, dtype), sizeOf(s));
  for (let i = 0; i < data.length; i++) data[i] = draw();
  return upload(op, data, s);
}

export interface RandomOptions { dtype?: DType }

/** The largest float32 below 1: a float64 draw just under 1 would otherwise round up to 1 in float32 storage. */
const FLOAT32_BELOW_ONE = 1 - 2 ** -24;

/** Uniform in [0, 1). */
export function rand(shape: readonly number[], generator: Generator, opts: RandomOptions = {}): Tensor {
  checkGenerator('rand', generator);
  const dtype = opts.dtype ?? 'float32';
  return fill('rand', shape, dtype, () => (dtype === 'float32' ? Math.min(generator.uniform(), FLOAT32_BELOW_ONE) : generator.uniform()));
}

/** Standard normal. */
export function randn(shape: readonly number[], generator: Generator, opts: RandomOptions = {}): Tensor {
  checkGenerator('randn', generator);
  return fill('randn', shape, opts.dtype ?? 'float32', () => generator.normal());
}

/** Integers in [low, high), int32 by default. */
export function randint(low: number, high: number, shape: readonly number[], generator: Generator, opts: RandomOptions = {}): Tensor {
  checkBounds(low, high);
  checkGenerator('randint', generator);
  return fill('randint', shape, opts.dtype ?? 'int32', () => generator.int(low, high));
}
