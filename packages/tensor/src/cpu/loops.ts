/**
 * Strided iteration for the cpu backend. An odometer walks every axis but the last and the
 * innermost axis runs as a plain loop, so no index arrays are allocated per element.
 */
import { coalesce } from '../layout.ts';
import type { Shape } from '../shape.ts';

/**
 * Calls `row(offsets, n, innerStrides)` once per innermost row of `shape`, for several operands at
 * once. Axes are merged first where every operand allows (see layout.ts), so contiguous operands
 * make one long row: the callers' plain inner loops then do all the work.
 */
export function forEachRow(
  fullShape: Shape,
  fullStrides: readonly (readonly number[])[],
  offsets: readonly number[],
  row: (offsets: number[], n: number, inner: number[], outStart: number) => void,
): void {
  if (fullShape.some((d) => d === 0)) return;
  const { shape, strides } = coalesce(fullShape, fullStrides);
  const rank = shape.length;
  const total = shape.reduce((a, b) => a * b, 1);
  if (total === 0) return;
  const k = strides.length;
  const inner = strides.map((s) => (rank === 0 ? 0 : s[rank - 1]));
  const n = rank === 0 ? 1 : shape[rank - 1];
  const pos = offsets.slice();
  const counter = new Array<number>(Math.max(rank - 1, 0)).fill(0);
  for (let outStart = 0; outStart < total; outStart += n) {
    row(pos, n, inner, outStart);
    // advance the odometer over axes rank-2 .. 0
    for (let d = rank - 2; d >= 0; d--) {
      counter[d]++;
      for (let j = 0; j < k; j++) pos[j] += strides[j][d];
      if (counter[d] < shape[d]) break;
      for (let j = 0; j < k; j++) pos[j] -= strides[j][d] * shape[d];
      counter[d] = 0;
    }
  }
}
