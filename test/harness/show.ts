/** Values written the way the report shows them to students: short, exact where it matters. */
import { Tensor } from '@gradschool/tensor';
import { handleInfo, Opaque } from '../sandbox/session.ts';
import type { Nd } from './nd.ts';

/** Elements shown before a long tensor is cut short with '…'. */
const SHOWN_ELEMENTS = 24;

/** Integers exactly; other numbers to 6 significant digits without trailing zeros. */
export function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  if (Number.isInteger(v) && Math.abs(v) < 1e15) return String(v);
  const s = v.toPrecision(6);
  const [mantissa, exponent] = s.split('e');
  const trimmed = mantissa.includes('.') ? mantissa.replace(/\.?0+$/, '') : mantissa;
  return exponent === undefined ? trimmed : `${trimmed}e${exponent}`;
}

/** Two numbers that differ, with enough digits that they also look different. */
export function numPair(a: number, b: number): [string, string] {
  if (num(a) !== num(b)) return [num(a), num(b)];
  const precise = (v: number) => (Number.isFinite(v) ? String(Number(v.toPrecision(15))) : num(v));
  return [precise(a), precise(b)];
}

export const shapeText = (shape: readonly number[]): string => `[${shape.join(',')}]`;

/** Row-major nested brackets, stopping after `limit` elements. */
function nested(data: ArrayLike<number>, shape: readonly number[], limit: number): string {
  let shown = 0;
  const walk = (dim: number, offset: number): string => {
    if (dim === shape.length) {
      shown++;
      return num(data[offset]);
    }
    const step = shape.slice(dim + 1).reduce((a, b) => a * b, 1);
    const parts: string[] = [];
    for (let i = 0; i < shape[dim]; i++) {
      if (shown >= limit) {
        parts.push('…');
        break;
      }
      parts.push(walk(dim + 1, offset + i * step));
    }
    return `[${parts.join(', ')}]`;
  };
  return walk(0, 0);
}

function showArray(data: ArrayLike<number>, shape: readonly number[]): string {
  const size = shape.reduce((a, b) => a * b, 1);
  const text = nested(data, shape, SHOWN_ELEMENTS);
  return size > SHOWN_ELEMENTS || (size === 0 && shape.length > 1) ? `${text} (shape ${shapeText(shape)})` : text;
}

const isNd = (v: unknown): v is Nd =>
  typeof v === 'object' && v !== null && (v as Nd).data instanceof Float64Array && Array.isArray((v as Nd).shape);

/** An object that stayed in the runner, named as the runner named it (no question is asked to show it). */
function showHandle(value: unknown): string | undefined {
  const info = handleInfo(value);
  if (!info) return undefined;
  if (info.kind === 'variable') return 'a Variable';
  return info.kind === 'function' ? `the function ${info.name}` : `a ${info.name}`;
}

/** Any value a check passes or gets back, in one line. */
export function show(value: unknown): string {
  const handle = showHandle(value);
  if (handle) return handle;
  if (value instanceof Opaque) return value.description;
  if (typeof value === 'number') return num(value);
  if (value instanceof Tensor) return showArray(value.data(), value.shape);
  if (isNd(value)) return showArray(value.data, value.shape);
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    const arr = value as unknown as ArrayLike<number>;
    return showArray(arr, [arr.length]);
  }
  if (Array.isArray(value)) {
    const items = value.slice(0, SHOWN_ELEMENTS).map(show);
    if (value.length > SHOWN_ELEMENTS) items.push(`… (${value.length} items)`);
    return `[${items.join(', ')}]`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  if (value === undefined || value === null) return String(value);
  if (typeof value === 'object') {
    const name = value.constructor?.name;
    return name && name !== 'Object' ? `a ${name}` : `{${Object.keys(value).join(', ')}}`;
  }
  return String(value);
}

/** What kind of thing a value is, for "returned X; expected a Tensor". */
export function kindOf(value: unknown): string {
  const handle = showHandle(value);
  if (handle) return handle;
  if (value instanceof Opaque) return value.description;
  if (value === null) return 'null';
  if (value instanceof Tensor) return `a Tensor of shape ${shapeText(value.shape)}`;
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return value instanceof Promise ? 'a Promise' : show(value);
  return `${typeof value === 'undefined' ? 'undefined' : `the ${typeof value} ${show(value)}`}`;
}
