/**
 * The gpu-parity checks, bundled for a browser by run.ts, on the modes that exist only there:
 * webgl2 and webgl on the page, webgpu in a worker (its reads block on Atomics.wait, which a
 * page may not). `runParity(seed, numRuns, modes)` returns a line per check and never rejects:
 * a failure, a mode that cannot start included, is reported, not lost.
 */
import fc from 'fast-check';
import { type GpuBackend, type GpuMode, startWebgpu } from '../../src/gpu/index.ts';
import { setBackend } from '../../src/index.ts';
import { cases, PROPERTIES } from '../gpu-parity.ts';

export interface Outcome {
  name: string;
  error?: string;
}

function attempt(name: string, f: () => void): Outcome {
  try {
    f();
    return { name };
  } catch (e) {
    // fast-check's error tells the counterexample; its cause, what went wrong with it
    const cause = e instanceof Error && e.cause instanceof Error ? `\nCaused by: ${e.cause.message}` : '';
    return { name, error: (e instanceof Error ? e.message : String(e)) + cause };
  } finally {
    setBackend('cpu');
  }
}

/** Why `mode` could not start, if it could not. webgpu must start before the first blocking read (see startWebgpu). */
async function startFails(mode: GpuMode): Promise<string | undefined> {
  try {
    if (mode === 'webgpu') {
      const [first, second] = await Promise.all([startWebgpu(), startWebgpu()]);
      if (first !== second) throw new Error('two startWebgpu() calls at once opened two backends');
    }
    return undefined;
  } catch (e) {
    return `${mode} did not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

/** Before startWebgpu, opening webgpu would block before its worker could start: it must be refused at once, and auto must pass it by. */
function webgpuNeedsStart(): void {
  let message = '';
  try {
    setBackend('gpu', { mode: 'webgpu' });
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  if (!message.includes('await startWebgpu()')) throw new Error(`setBackend('gpu', { mode: 'webgpu' }) should be refused, naming startWebgpu; got ${message ? `"${message}"` : 'no error'}`);
  const auto = setBackend('gpu') as GpuBackend;
  if (auto.mode === 'webgpu') throw new Error('auto picked webgpu before startWebgpu');
}

async function runParity(seed: number, numRuns: number, modes: readonly GpuMode[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  if (modes.includes('webgl2')) {
    outcomes.push(attempt("auto picks webgl2 on a page's main thread (webgpu would block it)", () => {
      const auto = setBackend('gpu') as GpuBackend;
      if (auto.mode !== 'webgl2') throw new Error(`auto picked ${auto.mode}`);
    }));
  }
  if (modes.includes('webgpu')) outcomes.push(attempt('webgpu: before startWebgpu(), setBackend refuses it at once and auto passes it by', webgpuNeedsStart));
  for (const mode of modes) {
    const notStarted = await startFails(mode);
    const check = (name: string, f: () => void) => outcomes.push(notStarted === undefined ? attempt(`${mode}: ${name}`, f) : { name: `${mode}: ${name}`, error: notStarted });
    // WGSL lets Chromium's WebGPU assume no NaN (src/gpu/README.md, Limits): NaN is left out there
    for (const c of cases({ nan: mode !== 'webgpu' })) check(c.name, () => c.run(mode));
    for (const p of PROPERTIES) {
      check(p.name, () => {
        const examples = p.examples.map((e) => [e] as [unknown]);
        fc.assert(fc.property(p.arbitrary, (value) => p.run(mode, value)), { seed, numRuns, examples });
      });
    }
  }
  return outcomes;
}

(globalThis as { runParity?: typeof runParity }).runParity = runParity;
