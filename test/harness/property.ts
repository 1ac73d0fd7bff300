/**
 * Properties over generated inputs, with failures in plain words. fast-check shrinks a failing
 * input to a small one; the message the predicate threw for that small input (a CheckFailure
 * naming the call, what it gave and what was expected) becomes the check's message, followed by
 * the seed and path that replay it.
 */
import fc from 'fast-check';
import { CheckFailure, isNotImplemented } from './check.ts';
import { RunnerStopped } from '../sandbox/session.ts';
import { nextSeed } from './seed.ts';

export interface PropertyOptions<T> {
  /** How many generated inputs to try; the suite stays fast with a few dozen. */
  numRuns?: number;
  /** Inputs always tried first: the classic traps (softmax of [1000, 1000], ...). */
  examples?: T[];
}

export function forAll<T>(inputs: fc.Arbitrary<T>, predicate: (input: T) => void, options: PropertyOptions<T> = {}): void {
  const seed = nextSeed();
  let stub: unknown;
  const guarded = (input: T): void => {
    // once the stub has thrown (or the runner was stopped), there is nothing to shrink: fail fast on every later run
    if (stub) throw stub;
    try {
      predicate(input);
    } catch (error) {
      if (isNotImplemented(error) || error instanceof RunnerStopped) stub = error;
      throw error;
    }
  };
  const details = fc.check(fc.property(inputs, guarded), {
    seed,
    numRuns: options.numRuns ?? 40,
    examples: (options.examples ?? []).map((e) => [e] as [T]),
  });
  if (!details.failed) return;
  const error = details.errorInstance;
  if (isNotImplemented(error) || error instanceof RunnerStopped) throw error;
  const message = error instanceof CheckFailure ? error.message : `${(error as Error)?.name}: ${(error as Error)?.message}`;
  throw new CheckFailure(`${message}\n(fast-check seed ${details.seed}, path "${details.counterexamplePath}")`);
}
