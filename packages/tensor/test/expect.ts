/** Assertions shared by the suite: closeness to the oracle, and inputs left untouched. */
import { expect } from 'vitest';
import { type Tensor, getBackend } from '../src/index.ts';
import { flushFloor, tolerance } from './backends.ts';
import type { Ref } from './oracle.ts';

export interface CloseOptions {
  /** How many values each result folds together (reduction length, inner matmul size). */
  terms?: number;
  /** Per-element error scale (e.g. the sum of |terms|); defaults to |expected|. */
  scale?: Ref;
}

/** Same shape, and every element within tolerance(dtype, terms) · scale; NaN matches NaN, inf matches inf. */
export function expectClose(actual: Tensor, expected: Ref, { terms = 1, scale }: CloseOptions = {}): void {
  expect(actual.shape).toEqual(expected.shape);
  const got = actual.data();
  const tol = tolerance(actual.dtype, terms);
  const floor = flushFloor(actual.dtype);
  const bad: string[] = [];
  expected.data.forEach((want, i) => {
    const v = got[i];
    const s = scale ? scale.data[i] : Math.abs(want);
    const ok = Number.isNaN(want)
      ? Number.isNaN(v)
      : !Number.isFinite(want)
        ? v === want
        : Math.abs(v - want) <= tol * s + floor;
    if (!ok && bad.length < 5) bad.push(`element ${i}: got ${v}, expected ${want} (allowed error ${tol * s + floor})`);
  });
  expect(bad.join('\n'), `${actual.dtype} result differs from the float64 oracle`).toBe('');
}

/** Every byte of each input's storage (padding included) is the same after `run`. */
export function expectUnchanged<T>(inputs: readonly Tensor[], run: () => T): T {
  const bytes = (t: Tensor) => {
    const a = getBackend().download(t.storage);
    return new Uint8Array(a.buffer, a.byteOffset, a.byteLength).slice();
  };
  const before = inputs.map(bytes);
  const result = run();
  inputs.forEach((t, i) => expect(bytes(t), `input ${i} was mutated`).toEqual(before[i]));
  return result;
}
