/**
 * What the grading reporter (in the vitest process) tells the grader, over Node's IPC channel.
 * Which check is running is not among them: the worker reports that itself (COURSE_PROGRESS),
 * because vitest's own events are batched and a stuck worker never sends them.
 */

export interface SerializedError {
  readonly name: string;
  readonly message: string;
  readonly stack?: string;
}

export type GradingMessage =
  | { readonly type: 'result'; readonly exercise: string; readonly check: string; readonly state: string; readonly errors: SerializedError[]; readonly durationMs: number }
  /** Errors outside any check: the exercise file failed to load, or the test file itself. */
  | { readonly type: 'errors'; readonly exercise: string; readonly errors: SerializedError[] }
  | { readonly type: 'log'; readonly content: string }
  | { readonly type: 'end'; readonly errors: SerializedError[] };

export const exerciseOfSuite = (suiteName: string): string => suiteName.split(' ')[0];
