/**
 * The backends every property runs on, and how close each must come to the float64 oracle.
 * A new backend joins the whole suite by adding one entry to `backendsUnderTest`.
 */
import { beforeAll, describe } from 'vitest';
import { type BackendOptions, type DType, setBackend } from '../src/index.ts';

export interface BackendUnderTest {
  name: string;
  options?: BackendOptions;
  /** The dtypes its kernels compute in (the design's gpu backend is float32 only). */
  dtypes: readonly DType[];
  /** Multiplies every float tolerance, for kernels whose intrinsics are a few ulps off. */
  slack: number;
  /** The largest |int32| it holds exactly: all on cpu (overflow wraps, as in PyTorch); 2^24 on gpu, which keeps int32 in float32 and refuses to read back more. */
  int32Exact: number;
}

const CPU: BackendUnderTest = { name: 'cpu', dtypes: ['float32', 'float64', 'int32'], slack: 1, int32Exact: Infinity };

/**
 * gpu.js modes to run the suite on. Under Node: its WebAssembly and cpu modes. Under Deno:
 * webgpu, but only when GRADSCHOOL_BACKEND asks for gpu: each WebGPU readback in Deno waits
 * about 11 ms (its mapAsync polls every 10 ms) and the suite reads thousands of results, which
 * takes minutes; test/gpu.test.ts checks every webgpu kernel in each Deno run instead.
 * Slack: webasm and gpu.js's cpu mode compute in float32 with exact intrinsics; WebGPU's exp,
 * log and pow may be several ulps off (Vulkan allows 3 + 2|x| ulp for exp).
 */
const GPU_MODES: readonly { mode: string; slack: number }[] = 'Deno' in globalThis
  ? (readEnv('GRADSCHOOL_BACKEND')?.startsWith('gpu') ? [{ mode: 'webgpu', slack: 16 }] : [])
  : [{ mode: 'webasm', slack: 2 }, { mode: 'cpu', slack: 2 }];

/** Backends that start here: a gpu mode with no device on this machine is left out, not failed. */
function available(): BackendUnderTest[] {
  const gpus = GPU_MODES.flatMap(({ mode, slack }): BackendUnderTest[] => {
    try {
      setBackend('gpu', { mode });
    } catch {
      return [];
    }
    return [{ name: 'gpu', options: { mode }, dtypes: ['float32', 'int32'], slack, int32Exact: 2 ** 24 }];
  });
  setBackend('cpu');
  return [CPU, ...wasmUnderTest(), ...gpus];
}

/**
 * wasm is the default backend, so every property runs on it as on the cpu reference: its own
 * kernels are float32 matmul, exp, tanh and sigmoid (test/wasm*.test.ts hold their bounds) and
 * fused elementwise chains (bit for bit the cpu's); `wasm:single` in GRADSCHOOL_BACKEND keeps it
 * to one thread. Its float32 sums are float32 like the gpu's: no slack.
 */
function wasmUnderTest(): BackendUnderTest[] {
  const [name, mode] = (readEnv('GRADSCHOOL_BACKEND') ?? '').split(':');
  return [{ name: 'wasm', options: name === 'wasm' && mode ? { mode } : undefined, dtypes: CPU.dtypes, slack: 1, int32Exact: Infinity }];
}

/** All available backends, or only the one GRADSCHOOL_BACKEND names (as `gpu` or `gpu:webasm`). */
export function backendsUnderTest(): BackendUnderTest[] {
  const all = (cached ??= available());
  const env = readEnv('GRADSCHOOL_BACKEND');
  if (!env) return all;
  const [name, mode] = env.split(':');
  return all.filter((b) => b.name === name && (mode === undefined || b.options?.mode === mode));
}
let cached: BackendUnderTest[] | undefined;

function readEnv(key: string): string | undefined {
  const g = globalThis as { process?: { env: Record<string, string | undefined> }; Deno?: { env: { get(k: string): string | undefined } } };
  return g.process?.env[key] ?? g.Deno?.env.get(key);
}

let active: BackendUnderTest = backendsUnderTest()[0];

/** One describe block per backend, with that backend selected for its tests. */
export function describeBackends(title: string, body: (backend: BackendUnderTest) => void): void {
  for (const backend of backendsUnderTest()) {
    describe(`${title} [${backend.name}]`, () => {
      beforeAll(() => {
        setBackend(backend.name, backend.options);
        active = backend;
      });
      body(backend);
    });
  }
}

/**
 * Relative error allowed for a result that folds `terms` values, measured against a scale the
 * test picks (|expected| elementwise, the sum of |terms| for sums and matrix products).
 * - float32: naive summation of n terms errs by at most (n - 1)·u·Σ|x| with u = 2^-24 (Higham,
 *   Accuracy and Stability, §4.2), plus one rounding to storage; the factor 8 covers exp/log/pow
 *   that are a few ulps off and an oracle that adds in another order.
 * - float64: 1e-12. The suite folds at most a few hundred terms, so n·u stays below 1e-13;
 *   anything above 1e-12 is a wrong formula, not rounding.
 * - int32: exact.
 */
export function tolerance(dtype: DType, terms = 1): number {
  if (dtype === 'int32') return 0;
  if (dtype === 'float64') return 1e-12 * active.slack;
  return 8 * (terms + 1) * 2 ** -24 * active.slack;
}

/** Below the smallest normal number a kernel may flush to zero (GPUs do), so that much absolute error is allowed. */
export const flushFloor = (dtype: DType): number => (dtype === 'float32' ? 2 ** -126 : dtype === 'float64' ? 2 ** -1022 : 0);
