/**
 * The gpu-parity checks, bundled for a browser page by run.ts: each on webgl2 and webgl, the
 * modes that exist only in a browser. The page calls `runParity(seed)`, which returns a line
 * per check and never throws: a failure is reported, not lost.
 */
import fc from 'fast-check';
import { GPU_MODES } from '../../src/gpu/index.ts';
import { setBackend } from '../../src/index.ts';
import { CASES, PROPERTIES } from '../gpu-parity.ts';

export interface Outcome {
  name: string;
  error?: string;
}

const BROWSER_MODES = GPU_MODES.filter((mode) => mode === 'webgl2' || mode === 'webgl');

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

function runParity(seed: number, numRuns: number): Outcome[] {
  return BROWSER_MODES.flatMap((mode) => [
    ...CASES.map((c) => attempt(`${mode}: ${c.name}`, () => c.run(mode))),
    ...PROPERTIES.map((p) => attempt(`${mode}: ${p.name}`, () => {
      const examples = p.examples.map((e) => [e] as [unknown]);
      fc.assert(fc.property(p.arbitrary, (value) => p.run(mode, value)), { seed, numRuns, examples });
    })),
  ]);
}

(globalThis as { runParity?: typeof runParity }).runParity = runParity;
