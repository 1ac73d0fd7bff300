/**
 * The largest tensor an exercise allocates. Every op of the tensor library asks the current
 * backend for its result's storage, so a backend that passes each request on and notes its
 * size sees every intermediate — a [C, C] Jacobian per row included.
 */
import { type Backend, getBackend, registerBackend, setBackend } from '@gradschool/tensor';

export function peakElements<T>(fn: () => T): { result: T; peak: number } {
  const base = getBackend();
  let peak = 0;
  const metered = new Proxy(base, {
    get(target, key) {
      const member = Reflect.get(target, key) as unknown;
      if (typeof member !== 'function' || key === 'download') return member;
      return (...args: unknown[]) => {
        const out = (member as (...a: unknown[]) => unknown).apply(target, args);
        const length = (out as { length?: unknown } | null)?.length;
        if (typeof length === 'number') peak = Math.max(peak, length);
        return out;
      };
    },
  }) as Backend;
  registerBackend('grading-meter', () => metered);
  registerBackend('grading-restore', () => base);
  setBackend('grading-meter');
  try {
    const result = fn();
    return { result, peak };
  } finally {
    setBackend('grading-restore');
  }
}
