/** PyTorch-like printing: `tensor([[1.0000, 2.5000], ...])`, with the dtype named when it is not the default. */
import type { Tensor } from './tensor.ts';

const MAX_SHOWN = 1000; // above this, print the first and last 3 entries of each axis, like PyTorch

function formatter(values: ArrayLike<number>, isInt: boolean): (v: number) => string {
  const finite = Array.from(values).filter(Number.isFinite);
  const allWhole = finite.every(Number.isInteger);
  const big = Math.max(0, ...finite.map(Math.abs));
  const small = Math.min(Infinity, ...finite.filter((v) => v !== 0).map(Math.abs));
  const sci = !allWhole && (big >= 1e8 || small < 1e-4);
  const plain = (v: number): string => {
    if (Number.isNaN(v)) return 'nan';
    if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
    if (isInt) return String(v);
    if (allWhole) return `${v}.`;
    return sci ? v.toExponential(4) : v.toFixed(4);
  };
  const width = Math.max(0, ...Array.from(values, (v) => plain(v).length));
  return (v) => plain(v).padStart(width);
}

export function formatTensor(t: Tensor): string {
  const data = t.data();
  const fmtValue = formatter(data, t.dtype === 'int32');
  const summarise = t.size > MAX_SHOWN;
  const strides = t.shape.map((_, i) => t.shape.slice(i + 1).reduce((a, b) => a * b, 1));
  const render = (dim: number, at: number, indent: string): string => {
    if (dim === t.ndim) return fmtValue(data[at]);
    const n = t.shape[dim];
    const idx = summarise && n > 6 ? [0, 1, 2, -1, n - 3, n - 2, n - 1] : [...Array(n).keys()];
    const parts = idx.map((i) => (i < 0 ? '...' : render(dim + 1, at + i * strides[dim], indent + ' ')));
    const sep = dim === t.ndim - 1 ? ', ' : ',' + '\n'.repeat(t.ndim - dim - 1) + indent + ' ';
    return `[${parts.join(sep)}]`;
  };
  const dtype = t.dtype === 'float32' ? '' : `, dtype=${t.dtype}`;
  const empty = t.size === 0 ? `, size=[${t.shape.join(', ')}]` : '';
  return `tensor(${render(0, 0, '       ')}${empty}${dtype})`;
}
