/**
 * Tables of mistakes (errors.test.ts here, in autograd and in models): each call must throw an
 * error of exactly one class with exactly one message, naming the function the caller wrote.
 */
import { expect } from 'vitest';
import type { ShapeError } from '../src/index.ts';

export type ErrorKind = ErrorConstructor | typeof ShapeError;
/** What the caller did, the call, the error class it must throw, and its message. */
export type Mistake = [string, () => unknown, ErrorKind, string | RegExp];

/** `run` throws an error of exactly this kind with exactly this message. */
export function expectError(run: () => unknown, kind: ErrorKind, message: string | RegExp): void {
  let error: unknown;
  try {
    run();
  } catch (e) {
    error = e;
  }
  expect(error, 'no error was thrown').toBeInstanceOf(kind);
  if (typeof message === 'string') expect((error as Error).message).toBe(message);
  else expect((error as Error).message).toMatch(message);
}
