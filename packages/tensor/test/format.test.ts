/** toString prints like PyTorch: reference strings printed by torch 2.x, and properties of any printout. */
import { it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { arange, tensor, zeros } from '../src/index.ts';
import { anyOperandArb, build, refOf, shapeArb } from './arbitraries.ts';
import { count } from './oracle.ts';
import { describeBackends } from './backends.ts';

/** [what we build, what `print(torch_equivalent)` shows], dtype names written without `torch.` */
const PYTORCH_PRINTS: [() => string, string][] = [
  [() => String(tensor([1, 2])), 'tensor([1., 2.])'],
  [() => String(tensor(3.25)), 'tensor(3.2500)'],
  [() => String(tensor([[1, 2.5], [3, 4]])), 'tensor([[1.0000, 2.5000],\n        [3.0000, 4.0000]])'],
  [() => String(tensor([-1.5, 2, 100.25])), 'tensor([ -1.5000,   2.0000, 100.2500])'],
  [() => String(tensor([1e-5, 1])), 'tensor([1.0000e-05, 1.0000e+00])'],
  [() => String(tensor([1, 1e9])), 'tensor([1.0000e+00, 1.0000e+09])'],
  [() => String(tensor([NaN, 1.5, Infinity])), 'tensor([   nan, 1.5000,    inf])'],
  [() => String(tensor([1.5], { dtype: 'float64' })), 'tensor([1.5000], dtype=float64)'],
  [() => String(tensor([1, 2], { dtype: 'int32' })), 'tensor([1, 2], dtype=int32)'],
  [() => String(zeros([0])), 'tensor([])'],
  [() => String(zeros([2, 0])), 'tensor([], size=(2, 0))'],
  [() => String(arange(8, undefined, 1, { dtype: 'float32' }).reshape(2, 2, 2)),
    'tensor([[[0., 1.],\n         [2., 3.]],\n\n        [[4., 5.],\n         [6., 7.]]])'],
  [() => String(arange(30, undefined, 1, { dtype: 'float32' })),
    'tensor([ 0.,  1.,  2.,  3.,  4.,  5.,  6.,  7.,  8.,  9., 10., 11., 12., 13.,\n' +
    '        14., 15., 16., 17., 18., 19., 20., 21., 22., 23., 24., 25., 26., 27.,\n' +
    '        28., 29.])'],
  [() => String(arange(2000, undefined, 1, { dtype: 'float32' })),
    'tensor([0.0000e+00, 1.0000e+00, 2.0000e+00,  ..., 1.9970e+03, 1.9980e+03,\n        1.9990e+03])'],
  [() => String(arange(2000, undefined, 1, { dtype: 'float32' }).reshape(1000, 2)),
    'tensor([[0.0000e+00, 1.0000e+00],\n        [2.0000e+00, 3.0000e+00],\n        [4.0000e+00, 5.0000e+00],\n        ...,\n' +
    '        [1.9940e+03, 1.9950e+03],\n        [1.9960e+03, 1.9970e+03],\n        [1.9980e+03, 1.9990e+03]])'],
];

/** The numbers in a printout, in order (the ellipsis of a summary is skipped). */
const numbersIn = (s: string): number[] =>
  s.replace(/^tensor\(/, '').replace(/,\s+(size|dtype)=.*$/s, '').split(/[\s,[\]()]+/).filter((w) => w !== '' && w !== '...')
    .map((w) => (w === 'nan' ? NaN : w === 'inf' ? Infinity : w === '-inf' ? -Infinity : Number(w)));

describeBackends('format', (b) => {
  // a backend without float64 (gpu) refuses to make the float64 example at all
  const prints = PYTORCH_PRINTS.filter(([, want]) => b.dtypes.includes('float64') || !want.includes('float64'));
  it.each(prints.map(([make, want]) => [want, make]))('prints %s', (want, make) => {
    expect(make()).toBe(want);
  });

  it.prop([anyOperandArb(b.dtypes, shapeArb({ maxRank: 3, maxSize: 12 }).filter((s) => count(s) <= 1000))], { numRuns: 60 })(
    'a printout lists every value to 4 decimals or 5 significant digits, wrapped at 80 columns',
    (r) => {
      const t = build(r);
      const s = t.toString();
      const ref = refOf(r);
      const printed = numbersIn(s);
      expect(printed.length).toBe(ref.data.length);
      // the print rounds to 4 decimals (fixed) or 5 significant digits (scientific): half a unit of the last digit
      printed.forEach((p, i) => {
        const v = ref.data[i];
        if (Number.isNaN(v) || !Number.isFinite(v)) expect(p).toBe(v);
        else expect(Math.abs(p - v)).toBeLessThanOrEqual(5.0001e-5 * Math.max(1, Math.abs(v)));
      });
      // PyTorch fits the entries in 80 columns; the closing brackets and a comma may hang over
      for (const line of s.split('\n')) expect(line.length).toBeLessThanOrEqual(80 + t.ndim + 1);
      expect(s).toBe(t.contiguous().toString());
    },
  );
});
