/** The outcome of a grading run: per check, per exercise, in total. */

/** `skipped`: not run, because the exercise falls back to the reference. */
export type CheckStatus = 'passed' | 'failed' | 'not-implemented' | 'timed-out' | 'error' | 'skipped';

export interface CheckOutcome {
  readonly name: string;
  readonly points: number;
  readonly status: CheckStatus;
  /** Why it did not pass, in plain words. */
  readonly message?: string;
  readonly durationMs?: number;
  /** Set when the grader's own code failed rather than judged (a check that did not expect such an answer). */
  readonly internal?: boolean;
}

/** `reference`: the exercise fell back to the reference solution and is not graded. */
export type ExerciseStatus = 'passed' | 'partial' | 'failed' | 'not-implemented' | 'reference';

export interface ExerciseResult {
  readonly id: string;
  readonly title: string;
  readonly chapter: string;
  /** The file graded, relative to the target folder. */
  readonly file: string;
  readonly points: number;
  readonly earned: number;
  readonly status: ExerciseStatus;
  readonly checks: readonly CheckOutcome[];
  /** The exercise's brief, from its doc comment. */
  readonly brief: string;
  /** Where its guide is (from the doc comment's Guide: line), if given. */
  readonly guide?: string;
  /** Exercises whose files this one imports (its own earlier work it builds on). */
  readonly uses: readonly string[];
  /** Whether the file differs from its stub: a stub that still throws is "not started", an edited one "in progress". */
  readonly edited?: boolean;
  /** What the exercise code printed while it was graded. */
  readonly output: readonly string[];
}

export interface GradeReport {
  /** 'exercises', 'solutions' or the folder graded. */
  readonly target: string;
  readonly seed: number;
  readonly fallback: readonly string[];
  readonly exercises: readonly ExerciseResult[];
  readonly earned: number;
  readonly points: number;
  readonly durationMs: number;
}

export function exerciseStatus(checks: readonly CheckOutcome[]): ExerciseStatus {
  if (checks.every((c) => c.status === 'passed')) return 'passed';
  if (checks.every((c) => c.status === 'not-implemented')) return 'not-implemented';
  return checks.some((c) => c.status === 'passed') ? 'partial' : 'failed';
}

export const total = (xs: readonly { readonly points: number; readonly earned: number }[]) => ({
  earned: xs.reduce((a, x) => a + x.earned, 0),
  points: xs.reduce((a, x) => a + x.points, 0),
});
