/**
 * Whether ops record the graph. Off inside `noGrad` (optimizer steps, evaluation) and while a
 * plain `backward()` runs, so that computing gradients does not itself build a graph.
 */
import { describeValue } from '@gradschool/tensor';

let enabled = true;

export const isGradEnabled = (): boolean => enabled;

/** Run `fn` with recording switched on or off, restoring the previous mode even if it throws. */
export function withGradMode<T>(on: boolean, fn: () => T): T {
  const previous = enabled;
  enabled = on;
  try {
    return fn();
  } finally {
    enabled = previous;
  }
}

/** Run `fn` without recording: results have no history and `requiresGrad` false. */
export function noGrad<T>(fn: () => T): T {
  if (typeof fn !== 'function') throw new TypeError(`noGrad: expects a function to run without recording, as in noGrad(() => model.forward(x)), got ${describeValue(fn)}`);
  return withGradMode(false, fn);
}
