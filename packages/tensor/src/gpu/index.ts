/**
 * `setBackend('gpu', { mode })`: gpu.js kernels in one of its modes. `auto` (the default) takes
 * the first that works here: webgpu where navigator.gpu gives an adapter (Deno, browsers),
 * webgl2 in a browser, headlessgl in Node when the optional `gl` package is installed, then
 * gpu.js's WebAssembly mode, then its cpu mode. `getBackend().mode` says which was chosen.
 */
import { type BackendOptions, registerBackend } from '../backend.ts';
import { GPU } from 'gpu.js';
import { createGpuBackend, type GpuBackend, MATMUL_CHOICES, type MatmulChoice } from './backend.ts';
import { GPU_MODES, type GpuMode, LocalDevice } from './device.ts';
import { canBlock, WorkerDevice } from './worker-device.ts';

export { type GpuBackend, type MatmulChoice } from './backend.ts';
export { GPU_MODES, type GpuMode } from './device.ts';

/** Whether gpu.js can run `mode` here, judged without starting it (webgpu still needs an adapter). */
function supported(mode: GpuMode): boolean {
  switch (mode) {
    case 'webgpu': return GPU.isWebGPUSupported && canBlock();
    case 'webgl2': return GPU.isWebGL2Supported;
    case 'webgl': return GPU.isWebGLSupported;
    case 'headlessgl': return GPU.isHeadlessGLSupported;
    case 'webasm': return GPU.isWebAssemblySupported;
    case 'cpu': return true;
  }
}

/** One backend per mode, kept: selecting a mode again reuses its kernels, its worker and the tensors on it. */
const opened = new Map<GpuMode, GpuBackend>();

function refuseUnsupported(mode: GpuMode): void {
  if (!supported(mode)) {
    const why = mode === 'webgpu' && GPU.isWebGPUSupported
      ? 'it needs SharedArrayBuffer and a thread that may block (Deno, or a browser worker)'
      : 'gpu.js cannot run it on this platform';
    throw new Error(`setBackend: gpu mode '${mode}' is not available here (${why}); available: ${GPU_MODES.filter(supported).join(', ')}`);
  }
}

/** Deno starts a worker at once; a browser only once the thread that made it returns to its event loop. */
const startsWorkersAtOnce = (): boolean => 'Deno' in globalThis;

function open(mode: GpuMode): GpuBackend {
  const known = opened.get(mode);
  if (known) return known;
  refuseUnsupported(mode);
  if (mode === 'webgpu' && !startsWorkersAtOnce()) {
    throw new Error("setBackend: gpu mode 'webgpu' must be opened with `await startWebgpu()` first here: its worker cannot start while this thread waits for it (in a browser, a worker starts once its maker returns to the event loop)");
  }
  const backend = mode === 'webgpu' ? createGpuBackend(new WorkerDevice()) : createGpuBackend(new LocalDevice(mode));
  opened.set(mode, backend);
  return backend;
}

function openAuto(): GpuBackend {
  // webgpu in a browser worker joins only once startWebgpu() has opened it
  const candidates = GPU_MODES.filter((mode) => supported(mode) && (mode !== 'webgpu' || startsWorkersAtOnce() || opened.has(mode)));
  for (const mode of candidates) {
    try {
      return open(mode);
    } catch {
      // e.g. navigator.gpu without an adapter: try the next mode
    }
  }
  return open('cpu');
}

/**
 * Opens the webgpu mode without blocking, for a browser worker: there the webgpu worker starts
 * only once this thread returns to its event loop, so `await startWebgpu()` comes first; then
 * setBackend('gpu', { mode: 'webgpu' }) (or 'auto') uses it. Deno needs no such step.
 */
export function startWebgpu(): Promise<GpuBackend> {
  const known = opened.get('webgpu');
  if (known) return Promise.resolve(known);
  // calls made while the worker starts share it
  starting ??= (async () => {
    refuseUnsupported('webgpu');
    const backend = createGpuBackend(await WorkerDevice.start());
    opened.set('webgpu', backend);
    return backend;
  })().finally(() => {
    starting = null;
  });
  return starting;
}
let starting: Promise<GpuBackend> | null = null;

/**
 * Stop every gpu backend opened so far. Under Deno the webgpu worker keeps the process alive
 * until this is called (or Deno.exit); the next setBackend('gpu') starts afresh.
 */
export function disposeGpu(): void {
  for (const backend of opened.values()) backend.dispose();
  opened.clear();
}

export function createGpu(options: BackendOptions = {}): GpuBackend {
  const { mode = 'auto', matmul = 'auto' } = options;
  if (!(MATMUL_CHOICES as readonly unknown[]).includes(matmul)) {
    throw new Error(`setBackend: unknown gpu matmul choice '${String(matmul)}'; expected one of ${MATMUL_CHOICES.join(', ')}`);
  }
  if (mode !== 'auto' && !(GPU_MODES as readonly unknown[]).includes(mode)) {
    throw new Error(`setBackend: unknown gpu mode '${String(mode)}'; expected 'auto' or one of ${GPU_MODES.join(', ')}`);
  }
  const backend = mode === 'auto' ? openAuto() : open(mode as GpuMode);
  backend.matmulChoice = matmul as MatmulChoice;
  return backend;
}

registerBackend('gpu', createGpu);
