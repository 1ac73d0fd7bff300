/**
 * PyTorch's printing (torch/_tensor_str.py with default print options): 4 decimals, whole floats
 * as `1.`, scientific notation when magnitudes lie far apart, rows wrapped at 80 columns, and
 * tensors of more than 1000 elements summarised by the first and last 3 entries of each axis.
 */
import type { Tensor } from './tensor.ts';

const PRECISION = 4;
const THRESHOLD = 1000;
const EDGE_ITEMS = 3;
const LINE_WIDTH = 80;
const PREFIX = 'tensor(';

/** Python's `{:.4e}`: the exponent has a sign and at least two digits (1.0000e-05). */
function exponential(v: number): string {
  const [mantissa, exponent] = v.toExponential(PRECISION).split('e');
  const sign = exponent.startsWith('-') ? '-' : '+';
  return `${mantissa}e${sign}${exponent.replace(/^[+-]/, '').padStart(2, '0')}`;
}

const nonFinite = (v: number): string => (Number.isNaN(v) ? 'nan' : v > 0 ? 'inf' : '-inf');

interface Formatter { width: number; format(v: number): string }

/** One notation and width for every entry, chosen from the entries shown (PyTorch's _Formatter). */
function formatter(shown: readonly number[], isInt: boolean): Formatter {
  if (isInt) {
    const width = Math.max(1, ...shown.map((v) => String(v).length));
    return { width, format: (v) => String(v).padStart(width) };
  }
  const values = shown.filter((v) => Number.isFinite(v) && v !== 0);
  const magnitudes = values.map(Math.abs);
  const [lo, hi] = [Math.min(...magnitudes), Math.max(...magnitudes)];
  const whole = values.every(Number.isInteger);
  const sci = values.length > 0 && (hi / lo > 1000 || hi > 1e8 || (!whole && lo < 1e-4));
  const text = (v: number): string => {
    if (!Number.isFinite(v)) return nonFinite(v);
    if (sci) return exponential(v);
    return whole ? `${v.toFixed(0)}.` : v.toFixed(PRECISION);
  };
  // nan and inf do not count towards the width, as in PyTorch
  const width = Math.max(1, ...values.map((v) => text(v).length));
  return { width, format: (v) => text(v).padStart(width) };
}

/** Entries separated by ", ", as many per line as fit in LINE_WIDTH. */
function vectorString(items: readonly string[], indent: number, width: number): string {
  const perLine = Math.max(1, Math.floor((LINE_WIDTH - indent) / (width + 2)));
  const lines: string[] = [];
  for (let i = 0; i < items.length; i += perLine) lines.push(items.slice(i, i + perLine).join(', '));
  return `[${lines.join(`,\n${' '.repeat(indent + 1)}`)}]`;
}

/** `, size=...` and `, dtype=...`, moved to a new line when the last line would pass LINE_WIDTH. */
function addSuffixes(body: string, suffixes: readonly string[]): string {
  let out = body;
  let lastLine = body.length - body.lastIndexOf('\n') + 1;
  for (const s of suffixes) {
    if (lastLine + s.length + 2 > LINE_WIDTH) {
      out += `,\n${' '.repeat(PREFIX.length)}${s}`;
      lastLine = PREFIX.length + s.length;
    } else {
      out += `, ${s}`;
      lastLine += s.length + 2;
    }
  }
  return `${out})`;
}

export function formatTensor(t: Tensor): string {
  const data = t.data();
  const rank = t.ndim;
  const strides = t.shape.map((_, d) => t.shape.slice(d + 1).reduce((a, b) => a * b, 1));
  const summarise = t.size > THRESHOLD;
  // -1 marks the ellipsis between the first and last EDGE_ITEMS entries
  const picks = (n: number): number[] => summarise && n > 2 * EDGE_ITEMS
    ? [...Array(EDGE_ITEMS).keys(), -1, ...Array.from({ length: EDGE_ITEMS }, (_, i) => n - EDGE_ITEMS + i)]
    : [...Array(n).keys()];

  const shown: number[] = [];
  const collect = (dim: number, at: number): void => {
    if (dim === rank) shown.push(data[at]);
    else for (const i of picks(t.shape[dim])) if (i >= 0) collect(dim + 1, at + i * strides[dim]);
  };
  collect(0, 0);
  const f = formatter(shown, t.dtype === 'int32');

  const render = (dim: number, at: number, indent: number): string => {
    if (dim === rank) return f.format(data[at]);
    const idx = picks(t.shape[dim]);
    if (dim === rank - 1) return vectorString(idx.map((i) => (i < 0 ? ' ...' : f.format(data[at + i * strides[dim]]))), indent, f.width);
    const slices = idx.map((i) => (i < 0 ? '...' : render(dim + 1, at + i * strides[dim], indent + 1)));
    return `[${slices.join(`,${'\n'.repeat(rank - dim - 1)}${' '.repeat(indent + 1)}`)}]`;
  };

  const suffixes: string[] = [];
  if (t.size === 0 && rank !== 1) suffixes.push(`size=(${t.shape.join(', ')})`);
  if (t.dtype !== 'float32') suffixes.push(`dtype=${t.dtype}`);
  return addSuffixes(PREFIX + (t.size === 0 ? '[]' : render(0, 0, PREFIX.length)), suffixes);
}
