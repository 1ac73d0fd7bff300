/**
 * Values as data, the only thing that crosses between the grader and the sandboxed runner.
 * Both sides use this file: the grader to send inputs and read results, the runner to read
 * inputs and send results. A Tensor travels as dtype, shape and its bytes; a Generator as its
 * state; numbers exactly (NaN, ±Infinity and -0 included); arrays and plain objects element by
 * element. Anything else (a student's class instance, a function, an autograd Variable) stays
 * where it lives and travels as a reference, `{ $ref }`, which each side resolves through its
 * own `Refs`: the runner keeps the object, the grader gets a handle that can only ask questions.
 */
import { fromHost, Generator, Tensor, type DType, type TypedArray } from '@gradschool/tensor';

/** What JSON carries. */
export type Wire = null | boolean | number | string | Wire[] | { [key: string]: Wire };

/** How each side turns objects that are not data into references and back. */
export interface Refs {
  /** A reference for `value`, or undefined where this side sends no references. */
  toRef(value: object): Wire | undefined;
  /** The object a reference stands for. */
  fromRef(wire: { $ref: number; kind: string; name: string }): unknown;
  /** Generators keep their identity across calls: each side numbers the ones it has seen. */
  generatorId(gen: Generator): number;
  generatorOf(id: number, state: number[], seed: number): Generator;
}

/** A value that has no data form (a Promise, a symbol, a bigint), described in words. */
export class Opaque {
  readonly description: string;
  constructor(description: string) {
    this.description = description;
  }
}

/** Thrown where a value cannot be encoded: the message says why. */
export class EncodeError extends Error {
  override name = 'EncodeError';
}

const MAX_DEPTH = 64;
/** Elements per message, all tensors and arrays together: far above any check's need, far below a crash. */
const MAX_ELEMENTS = 4_000_000;

const TYPED: Record<string, new (b: ArrayBuffer) => TypedArray> = { float32: Float32Array, float64: Float64Array, int32: Int32Array };


function bytesOf(a: TypedArray): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64_INDEX = new Int16Array(128).fill(-1);
for (let i = 0; i < 64; i++) B64_INDEX[B64.charCodeAt(i)] = i;

function toBase64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = (bytes[i] << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    chunk += B64[(n >> 18) & 63] + B64[(n >> 12) & 63] + (i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=') + (i + 2 < bytes.length ? B64[n & 63] : '=');
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  parts.push(chunk);
  return parts.join('');
}

function fromBase64(text: string): Uint8Array {
  if (typeof text !== 'string' || text.length % 4 !== 0) throw new EncodeError('bad base64 data');
  const pad = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const out = new Uint8Array((text.length / 4) * 3 - pad);
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let k = 0; k < 4; k++) {
      const c = text.charCodeAt(i + k);
      const v = c === 61 ? 0 : c < 128 ? B64_INDEX[c] : -1;
      if (v < 0) throw new EncodeError('bad base64 data');
      n = (n << 6) | v;
    }
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

function encodeNumber(n: number): Wire {
  if (Number.isNaN(n)) return { $num: 'NaN' };
  if (n === Infinity) return { $num: 'Infinity' };
  if (n === -Infinity) return { $num: '-Infinity' };
  if (Object.is(n, -0)) return { $num: '-0' };
  return n;
}

export const isPlain = (v: object): boolean => {
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
};

/** Encode `value` for the other side. */
export function encode(value: unknown, refs: Refs): Wire {
  let elements = 0;
  const count = (n: number): void => {
    elements += n;
    if (elements > MAX_ELEMENTS) throw new EncodeError(`more than ${MAX_ELEMENTS} numbers in one result`);
  };
  const seen = new Set<object>();
  const go = (v: unknown, depth: number): Wire => {
    if (depth > MAX_DEPTH) throw new EncodeError(`nested more than ${MAX_DEPTH} levels deep`);
    switch (typeof v) {
      case 'number': return encodeNumber(v);
      case 'string': count(v.length / 8); return v;
      case 'boolean': return v;
      case 'undefined': return { $undef: 1 };
      case 'bigint': return { $other: `the bigint ${String(v).slice(0, 40)}n` };
      case 'symbol': return { $other: 'a symbol' };
    }
    if (v === null) return null;
    const o = v as object;
    if (o instanceof Tensor) {
      const data = o.data();
      count(data.length);
      return { $tensor: [o.dtype, o.shape.map((d) => d), toBase64(bytesOf(data))] };
    }
    if (o instanceof Generator) return { $gen: [refs.generatorId(o), o.getState(), o.seed] };
    const kind = o instanceof Float64Array ? 'float64' : o instanceof Float32Array ? 'float32' : o instanceof Int32Array ? 'int32' : undefined;
    if (kind) {
      count((o as TypedArray).length);
      return { $typed: [kind, toBase64(bytesOf(o as TypedArray))] };
    }
    if (ArrayBuffer.isView(o)) return { $other: `a ${String(o.constructor?.name ?? 'typed array').slice(0, 40)}` };
    const ref = refs.toRef(o);
    if (ref !== undefined) return ref;
    if (typeof o === 'function') throw new EncodeError('a function cannot be sent as data');
    if (seen.has(o)) throw new EncodeError('a structure that contains itself');
    seen.add(o);
    try {
      if (Array.isArray(o)) {
        count(o.length);
        return Array.from({ length: o.length }, (_, i) => go(o[i], depth + 1));
      }
      if (isPlain(o)) {
        const out: Record<string, Wire> = {};
        // defined, not assigned: a key named __proto__ is data like any other
        for (const key of Object.keys(o)) Object.defineProperty(out, key, { value: go((o as Record<string, unknown>)[key], depth + 1), enumerable: true, writable: true, configurable: true });
        return { $obj: out };
      }
      if (o instanceof Promise) return { $other: 'a Promise' };
      return { $other: `a ${String(o.constructor?.name ?? 'object').slice(0, 40)}` };
    } finally {
      seen.delete(o);
    }
  };
  return go(value, 0);
}

/** Decode what the other side encoded. Throws EncodeError on anything malformed. */
export function decode(wire: Wire, refs: Refs): unknown {
  const go = (w: Wire): unknown => {
    if (w === null || typeof w !== 'object') return w;
    if (Array.isArray(w)) return w.map(go);
    const keys = Object.keys(w);
    if (keys.length === 1 || (keys.length === 3 && '$ref' in w)) {
      const tag = keys.find((k) => k.startsWith('$'));
      const body = w[tag ?? ''];
      switch (tag) {
        case '$num': return Number(body);
        case '$undef': return undefined;
        case '$other': return new Opaque(String(body));
        case '$obj': {
          const out: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(body as Record<string, Wire>)) {
            Object.defineProperty(out, k, { value: go(v), enumerable: true, writable: true, configurable: true });
          }
          return out;
        }
        case '$tensor': {
          const [dtype, shape, data] = body as [DType, number[], string];
          const values = typedOf(dtype, data);
          if (!Array.isArray(shape) || !shape.every((d) => Number.isInteger(d) && d >= 0) || shape.reduce((a, d) => a * d, 1) !== values.length) {
            throw new EncodeError('a tensor whose shape does not match its data');
          }
          return fromHost(values, shape);
        }
        case '$typed': {
          const [kind, data] = body as [string, string];
          return typedOf(kind, data);
        }
        case '$gen': {
          const [id, state, seed] = body as [number, number[], number];
          return refs.generatorOf(id, state, seed);
        }
        case '$ref': return refs.fromRef(w as { $ref: number; kind: string; name: string });
      }
    }
    throw new EncodeError(`unknown data ${JSON.stringify(w).slice(0, 80)}`);
  };
  return go(wire);
}

function typedOf(kind: string, data: string): TypedArray {
  const Type = Object.hasOwn(TYPED, kind) ? TYPED[kind] : undefined;
  if (!Type) throw new EncodeError(`unknown element type '${kind}'`);
  const bytes = fromBase64(data);
  if (bytes.length % (kind === 'float64' ? 8 : 4) !== 0) throw new EncodeError('bad typed array length');
  const copy = new ArrayBuffer(bytes.length);
  new Uint8Array(copy).set(bytes);
  return new Type(copy);
}
