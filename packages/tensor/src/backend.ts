/**
 * The kernel interface. Every tensor op is built from these few kernels, so a backend
 * implements only them (as in MiniTorch's map/zip/reduce/matmul and tinygrad's primitive ops).
 *
 * Kernels read strided views and always write a fresh contiguous result, so inputs are never
 * mutated and broadcasting costs no copies (a broadcast axis has stride 0).
 */
import type { DType, TypedArray } from './dtype.ts';
import type { Shape } from './shape.ts';

/** Memory owned by a backend: a typed array on cpu, a buffer or texture on a gpu. */
export interface Storage {
  readonly backend: string;
  readonly dtype: DType;
  readonly length: number;
}

/** How a tensor reads its storage: element i0..ik lives at offset + sum(i_d * strides[d]). */
export interface View {
  readonly storage: Storage;
  readonly shape: Shape;
  readonly strides: readonly number[];
  readonly offset: number;
}

/**
 * The elementwise kernels, each with what its result is: `float` even for integer input (exp of
 * an int32 tensor is float32), or the input's dtype. One line per op here, and the compiler asks
 * every backend and every table keyed by op for the rest.
 */
const UNARY_RESULT = {
  neg: 'input', exp: 'float', log: 'float', log1p: 'float', expm1: 'float', sqrt: 'float', abs: 'input', sign: 'input',
  tanh: 'float', sigmoid: 'float', relu: 'input', sin: 'float', cos: 'float', floor: 'input', ceil: 'input',
  round: 'input', reciprocal: 'float', square: 'input',
} as const satisfies Record<string, 'float' | 'input'>;
export type UnaryOp = keyof typeof UNARY_RESULT;
export const UNARY_OPS = Object.keys(UNARY_RESULT) as readonly UnaryOp[];
export const floatResult = (op: UnaryOp): boolean => UNARY_RESULT[op] === 'float';

/** Binary kernels: arithmetic on the promoted dtype, or a comparison giving a 0/1 mask. */
const BINARY_KIND = {
  add: 'arithmetic', sub: 'arithmetic', mul: 'arithmetic', div: 'arithmetic', pow: 'arithmetic',
  maximum: 'arithmetic', minimum: 'arithmetic',
  eq: 'comparison', ne: 'comparison', lt: 'comparison', le: 'comparison', gt: 'comparison', ge: 'comparison',
} as const satisfies Record<string, 'arithmetic' | 'comparison'>;
export type BinaryOp = keyof typeof BINARY_KIND;
export const BINARY_OPS = Object.keys(BINARY_KIND) as readonly BinaryOp[];
export const isComparison = (op: BinaryOp): boolean => BINARY_KIND[op] === 'comparison';

/** argmax/argmin return the first index of the extreme value; NaN counts as the extreme (as in PyTorch). */
export type ReduceOp = 'sum' | 'prod' | 'max' | 'min' | 'argmax' | 'argmin';

export interface Backend {
  readonly name: string;
  /** How the backend runs, where it has modes (gpu: 'webgpu', 'webgl2', 'webasm', 'cpu', ...). */
  readonly mode?: string;
  /** Adopt host data (the array is not copied; callers pass arrays they own); `op` is the op its errors name. */
  upload(data: TypedArray, op?: string): Storage;
  /** The whole storage as a host array (may be the backend's own array: do not mutate). */
  download(storage: Storage): TypedArray;
  /** Whether it can use another backend's storage as it is (cpu and wasm share typed arrays), so tensors need not be copied over. */
  adopts?(storage: Storage): boolean;
  /** Contiguous copy of a view, converted to `dtype`. */
  copy(x: View, dtype: DType): Storage;
  unary(op: UnaryOp, x: View, dtype: DType): Storage;
  /** `a` and `b` are already broadcast to `shape` (stride-0 axes). */
  binary(op: BinaryOp, a: View, b: View, shape: Shape, dtype: DType): Storage;
  /** cond != 0 ? a : b, all three broadcast to `shape`. */
  where(cond: View, a: View, b: View, shape: Shape, dtype: DType): Storage;
  /** Reduce one axis; the result has that axis kept with size 1. */
  reduce(op: ReduceOp, x: View, dim: number, dtype: DType): Storage;
  /** [...batch, m, k] @ [...batch, k, n], batch axes already broadcast to the same shape. */
  matmul(a: View, b: View, dtype: DType): Storage;
  /** out[..., i_dim, ...] = x[..., index[..., i_dim, ...], ...]; the result has index's shape. */
  gather(x: View, dim: number, index: View, dtype: DType): Storage;
  /** zeros(shape) then out[..., index[...], ...] += src[...]; index and src share a shape. */
  scatterAdd(shape: Shape, dim: number, index: View, src: View, dtype: DType): Storage;
  /** Join views along `dim` (all other axes equal). */
  concat(xs: readonly View[], dim: number, dtype: DType): Storage;
}

export type BackendOptions = Record<string, unknown>;
const registry = new Map<string, (options: BackendOptions) => Backend>();
let current: Backend | undefined;

/** Backends register a factory; nothing is built until it is selected. */
export function registerBackend(name: string, factory: (options: BackendOptions) => Backend): void {
  registry.set(name, factory);
}

/** Select the backend every later op runs on; tensors made earlier move over when next used. */
export function setBackend(name: string, options: BackendOptions = {}): Backend {
  const factory = registry.get(name);
  if (!factory) {
    throw new Error(`setBackend: unknown backend '${name}'; registered: ${[...registry.keys()].join(', ')}`);
  }
  current = factory(options);
  return current;
}

/**
 * Without GRADSCHOOL_BACKEND, the first of these that starts here: the WebAssembly kernels where
 * the runtime has WebAssembly SIMD (Node, Deno and every current browser do), else the plain
 * TypeScript one. The cpu backend stays the reference every other backend is tested against.
 */
const PREFERRED = ['wasm', 'cpu'];

/** The backend ops run on; the first call selects GRADSCHOOL_BACKEND's (`cpu`, `wasm`, `gpu:webasm`, ...), else the fastest that starts. */
export function getBackend(): Backend {
  if (!current) {
    const chosen = chosenBackendName();
    if (chosen) {
      const [name, mode] = chosen.split(':');
      current = setBackend(name, mode ? { mode } : {});
    } else {
      current = startFirst(PREFERRED.filter((name) => registry.has(name)));
    }
  }
  return current;
}

function startFirst(names: string[]): Backend {
  for (const [i, name] of names.entries()) {
    try {
      return setBackend(name);
    } catch (error) {
      if (i === names.length - 1) throw error;
    }
  }
  throw new Error('getBackend: no backend is registered');
}

function chosenBackendName(): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const deno = (globalThis as { Deno?: { env: { get(k: string): string | undefined } } }).Deno;
  let name: string | undefined;
  try {
    name = env?.GRADSCHOOL_BACKEND ?? deno?.env.get('GRADSCHOOL_BACKEND');
  } catch {
    name = undefined; // Deno without --allow-env
  }
  return name && name.length > 0 ? name : undefined;
}
