/**
 * Every exercise stub throws this. The grader reads it as "not implemented yet": the checks of
 * that exercise score 0 and say so, without a stack trace. Replace each
 * `throw new NotImplementedError('2.x')` with your code.
 */
export class NotImplementedError extends Error {
  override name = 'NotImplementedError';
  readonly exercise: string;
  /** The function or method that still throws, so a half-done exercise says what is left. */
  readonly what: string;

  constructor(exercise: string, what = '') {
    super(`exercise ${exercise} is not implemented yet${what ? ` (${what})` : ''}`);
    this.exercise = exercise;
    this.what = what;
  }
}
