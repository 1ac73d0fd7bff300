/** What a graded check is, and the two ways one can end badly on purpose. */

/** One property of one exercise, worth some points. `M` is the exercise module's type. */
export interface Check<M> {
  /** What it checks, in words a student understands; unique within its exercise. */
  readonly name: string;
  readonly points: number;
  /** Hard limit for one run of `run`; checks that train a network need more than the default. */
  readonly timeoutMs?: number;
  /** Throws (a CheckFailure, in plain words) unless the implementation has the property. */
  readonly run: (impl: M) => void | Promise<void>;
}

/** A check of any exercise (its `run` is called with a module the catalogue resolved). */
export type AnyCheck = Check<never>;

export const DEFAULT_TIMEOUT_MS = 10_000;

/** Freeze a list of checks so exercise code that imports it cannot change names, points or runs. */
export function defineChecks<M>(list: Check<M>[]): readonly Check<M>[] {
  const names = new Set<string>();
  for (const check of list) {
    if (names.has(check.name)) throw new Error(`defineChecks: two checks are named '${check.name}'`);
    if (!(check.points > 0)) throw new Error(`defineChecks: check '${check.name}' must be worth some points`);
    names.add(check.name);
    Object.freeze(check);
  }
  return Object.freeze(list);
}

/** A wrong answer, explained in plain words: the report shows its message and no stack. */
export class CheckFailure extends Error {
  override name = 'CheckFailure';
}

/** The exercise stub's error (exercises/not-implemented.ts), recognised by name across processes. */
export function isNotImplemented(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'NotImplementedError';
}
