/**
 * Row loops for the elementwise ops, generated from the expressions in scalar.ts: each op gets its
 * own loop with the expression inlined, so there is no call per element, and V8 sees one op per
 * loop instead of every op through one shared call site (which it cannot inline). A row is
 * `n` elements read at offset `p` with stride `s` and written to out[o ..]; contiguous data
 * (stride 1) and a broadcast scalar (stride 0) get loops without the stride multiply.
 */
import type { BinaryOp, UnaryOp } from '../backend.ts';
import type { TypedArray } from '../dtype.ts';
import { BINARY_EXPR, compile, UNARY_EXPR } from './scalar.ts';

export type UnaryRow = (out: TypedArray, o: number, x: TypedArray, p: number, s: number, n: number) => void;
export type BinaryRow = (
  out: TypedArray, o: number, xa: TypedArray, pa: number, sa: number, xb: TypedArray, pb: number, sb: number, n: number,
) => void;

/** How operand `x` is read in a loop over i for one stride case: stride 0 reads once, before the loop. */
const read = (x: string, stride: 0 | 1 | 's') => ({
  before: stride === 0 ? `const ${x} = x${x}[p${x}];` : '',
  inLoop: stride === 0 ? '' : `const ${x} = x${x}[p${x} + ${stride === 1 ? 'i' : `i * s${x}`}];`,
});

/** One loop over the row for each stride case, picked by the `if` conditions in order. */
function loops(expr: string, names: string[], cases: [cond: string, strides: (0 | 1 | 's')[]][]): string {
  return cases
    .map(([cond, strides]) => {
      const reads = names.map((x, j) => read(x, strides[j]));
      const body = `${reads.map((r) => r.before).join(' ')}
        for (let i = 0; i < n; i++) { ${reads.map((r) => r.inLoop).join(' ')} out[o + i] = ${expr}; }`;
      return `if (${cond}) { ${body} return; }`;
    })
    .join('\n');
}

/** Build each op's loop on first use and keep it. */
function perOp<K, F>(make: (op: K) => F): (op: K) => F {
  const made = new Map<K, F>();
  return (op) => {
    if (!made.has(op)) made.set(op, make(op));
    return made.get(op) as F;
  };
}

export const unaryRow = perOp((op: UnaryOp) =>
  compile<UnaryRow>(`(out, o, xv, pv, sv, n) => { ${loops(UNARY_EXPR[op], ['v'], [['sv === 1', [1]], ['true', ['s']]])} }`),
);

export const binaryRow = perOp((op: BinaryOp) => {
  const body = loops(BINARY_EXPR[op], ['a', 'b'], [
    ['sa === 1 && sb === 1', [1, 1]],
    ['sa === 1 && sb === 0', [1, 0]],
    ['sa === 0 && sb === 1', [0, 1]],
    ['true', ['s', 's']],
  ]);
  return compile<BinaryRow>(`(out, o, xa, pa, sa, xb, pb, sb, n) => { ${body} }`);
});
