/**
 * The gpu backend on each gpu.js mode that starts here (webasm and cpu under Node, webgpu under
 * Deno): the checks of gpu-parity.ts, which browser/parity.ts runs in Chromium on webgl2 and
 * webgl, and how modes are selected. The full property suite runs on gpu modes through
 * backends.ts as well.
 */
import { it } from '@fast-check/vitest';
import { describe, expect, test } from 'vitest';
import { disposeGpu, setBackend, tensor } from '../src/index.ts';
import { GPU_MODES, type GpuBackend } from '../src/gpu/index.ts';
import { cases, gpu, PROPERTIES } from './gpu-parity.ts';

const inDeno = 'Deno' in globalThis;

/** The gpu modes that start on this machine. */
const modes = GPU_MODES.filter((mode) => {
  try {
    setBackend('gpu', { mode });
    return true;
  } catch {
    return false;
  } finally {
    setBackend('cpu');
  }
});

// a Deno WebGPU readback waits ~11 ms (mapAsync polls every 10 ms): fewer cases there
const numRuns = inDeno ? 6 : 25;

// a Deno WebGPU case reads back a dozen results at ~11 ms each: more than vitest's 5 s default on a busy machine
describe.each(modes)('gpu backend, %s mode', { timeout: 60_000 }, (mode) => {
  for (const c of cases()) test(c.name, () => c.run(mode));
  for (const p of PROPERTIES) {
    it.prop([p.arbitrary], { numRuns, examples: p.examples.map((e) => [e]) })(p.name, (value) => p.run(mode, value));
  }
});

describe('gpu backend selection', () => {
  test('auto takes webgpu under Deno (it has an adapter here) and a gpu.js mode that runs otherwise', () => {
    const auto = setBackend('gpu') as GpuBackend;
    expect(auto.mode).toBe(modes[0]);
    if (inDeno) expect(auto.mode).toBe('webgpu');
    setBackend('cpu');
  });

  test('disposeGpu stops every gpu backend; selecting one again starts afresh', () => {
    const first = gpu(modes[0]);
    disposeGpu();
    const again = gpu(modes[0]);
    expect(again).not.toBe(first);
    expect(tensor([1, 2]).add(1).toArray()).toEqual([2, 3]);
    setBackend('cpu');
  });

  test('selecting the same mode again keeps tensors made before usable (one device per mode)', () => {
    gpu(modes[0]);
    const before = tensor([[1, 2], [3, 4]]);
    expect(before.matmul(before).toArray()).toEqual([[7, 10], [15, 22]]);
    setBackend('cpu');
    gpu(modes[0]);
    expect(tensor([[1, 0], [0, 1]]).matmul(before).add(1).toArray()).toEqual([[2, 3], [4, 5]]);
    setBackend('cpu');
  });

  test('an unknown or unavailable mode is a clear error', () => {
    expect(() => setBackend('gpu', { mode: 'cuda' })).toThrow("setBackend: unknown gpu mode 'cuda'; expected 'auto' or one of webgpu, webgl2, webgl, headlessgl, webasm, cpu");
    expect(() => setBackend('gpu', { mode: 'webgl2' })).toThrow(/^setBackend: gpu mode 'webgl2' is not available here \(gpu\.js cannot run it on this platform\); available: .*cpu$/);
  });
});
