/**
 * The gpu-parity checks, bundled for a browser by run.ts, on the modes that exist only there:
 * webgl2 and webgl on the page, webgpu in a worker (its reads block on Atomics.wait, which a
 * page may not). `runParity(seed, numRuns, modes)` returns a line per check and never rejects:
 * a failure, a mode that cannot start included, is reported, not lost.
 */
import fc from 'fast-check';
import { type GpuMode, startWebgpu } from '../../src/gpu/index.ts';
import { setBackend } from '../../src/index.ts';
import { CASES, PROPERTIES } from '../gpu-parity.ts';

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
    if (mode === 'webgpu') await startWebgpu();
    return undefined;
  } catch (e) {
    return `${mode} did not start: ${e instanceof Error ? e.message : String(e)}`;
  }
}

async function runParity(seed: number, numRuns: number, modes: readonly GpuMode[]): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const mode of modes) {
    const notStarted = await startFails(mode);
    const check = (name: string, f: () => void) => outcomes.push(notStarted === undefined ? attempt(`${mode}: ${name}`, f) : { name: `${mode}: ${name}`, error: notStarted });
    for (const c of CASES) check(c.name, () => c.run(mode));
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
