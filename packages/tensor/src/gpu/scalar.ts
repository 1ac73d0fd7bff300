/**
 * The elementwise ops as gpu.js kernel source: the gpu twin of cpu/scalar.ts, with the same
 * semantics (NaN propagation, round half to even, JavaScript's pow) written out where a shader's
 * built-ins differ. Each entry emits statements into a Program and returns the local holding the
 * result.
 */
import type { BinaryOp, UnaryOp } from '../backend.ts';

/** Just what the op sources need from a Program. */
export interface Emitter {
  let(expr: string): string;
  line(code: string): void;
}

/** The largest finite float32 (shaders have no infinity literal to compare with). */
const FLOAT32_MAX = 3.4028234663852886e38;

/** Horner's rule for c[0] + x * (c[1] + x * (...)). */
const horner = (x: string, c: readonly number[]): string =>
  c.reduceRight((inner, ci) => (inner ? `${ci} + ${x} * (${inner})` : `${ci}`), '');

const inverse = (ns: readonly number[]): number[] => ns.map((n) => 1 / n);

/**
 * log(u), given u and u - 1 exactly. A shader's log is only absolutely accurate near 1 (GLSL,
 * Vulkan: 2^-21), useless for small results, so on [0.5, 2] it is the series
 * 2 atanh(s) = 2 (s + s^3/3 + s^5/5 + ...) with s = (u - 1)/(u + 1), |s| <= 1/3.
 */
function ln(p: Emitter, u: string, um1: string): string {
  const s = p.let(`${um1} / (${u} + 1)`);
  const s2 = p.let(`${s} * ${s}`);
  const r = p.let(`Math.log(${u})`);
  p.line(`if (${u} >= 0.5 && ${u} <= 2) { ${r} = 2 * ${s} * (${horner(s2, inverse([1, 3, 5, 7, 9, 11, 13, 15, 17]))}); }`);
  // GL's log is undefined off (0, inf) (SwiftShader's is log|u|, and log 0 is -88): spell out
  // log 0 = -inf, log of a negative = NaN (as sqrt's), log NaN = NaN
  p.line(`if (${u} == 0) { ${r} = -1 / Math.abs(${u}); }`);
  p.line(`if (${u} < 0) { ${r} = Math.sqrt(${u}); }`);
  p.line(`if (${u} != ${u}) { ${r} = ${u}; }`);
  return r;
}

/** exp(x), keeping a NaN that GL's exp would turn into inf. */
function exp(p: Emitter, x: string): string {
  const r = p.let(`Math.exp(${x})`);
  p.line(`if (${x} != ${x}) { ${r} = ${x}; }`);
  return r;
}

/**
 * exp(x) - 1 without cancellation: its Taylor series where |x| < 0.1 (8 terms reach float32
 * precision). Up to u = exp(x) = 2, exp's few ulps of u would be many of u - 1, so there it is
 * Kahan's (u - 1)·x / log u, exact for whatever u the device rounds to, given an accurate log.
 */
function expm1(p: Emitter, x: string): string {
  const u = exp(p, x);
  const um1 = p.let(`${u} - 1`);
  const r = p.let(um1);
  p.line(`if (${u} >= 0.5 && ${u} <= 2 && ${u} != 1) { ${r} = ${um1} * ${x} / ${ln(p, u, um1)}; }`);
  p.line(`if (Math.abs(${x}) < 0.1) { ${r} = ${x} * (${horner(x, inverse([1, 2, 6, 24, 120, 720, 5040, 40320]))}); }`);
  return r;
}

/**
 * sin x (quarter = 0) or cos x = sin(x + π/2) (quarter = 1) to float32 accuracy. A shader's own
 * are only absolutely accurate, and only on [-π, π] (WGSL: 2^-11), useless near a root. So x is
 * reduced to r in [-π/4, π/4] with x = k·π/2 + r, π/2 split in three (Cody–Waite) so that k·P1
 * and k·P2 are exact while |k| <= 2^13, and r goes through Cephes' sinf/cosf polynomials.
 * Beyond |x| = 8192 the split is no longer exact and the built-in takes over.
 */
function trig(p: Emitter, x: string, quarter: 0 | 1): string {
  const k = p.let(`Math.floor(${x} * ${2 / Math.PI} + 0.5)`);
  const r = p.let(`((${x} - ${k} * 1.5703125) - ${k} * 4.837512969970703125e-4) - ${k} * 7.54978995489188216e-8`);
  const z = p.let(`${r} * ${r}`);
  const sin = p.let(`${r} + ${r} * ${z} * (${horner(z, [-1.6666654611e-1, 8.3321608736e-3, -1.9515295891e-4])})`);
  const cos = p.let(`1 - 0.5 * ${z} + ${z} * ${z} * (${horner(z, [4.166664568298827e-2, -1.388731625493765e-3, 2.443315711809948e-5])})`);
  const q = p.let(`${k} + ${quarter} - 4 * Math.floor((${k} + ${quarter}) / 4)`);
  // NaN and ±inf fall through to NaN: their r is NaN
  const y = p.let(`${q} == 0 ? ${sin} : (${q} == 1 ? ${cos} : (${q} == 2 ? -${sin} : -${cos}))`);
  p.line(`if (Math.abs(${x}) > 8192 && Math.abs(${x}) <= ${FLOAT32_MAX}) { ${y} = ${quarter === 0 ? 'Math.sin' : 'Math.cos'}(${x}); }`);
  return y;
}

/**
 * log(1 + x) without cancellation: 1 + x rounds, but x itself is u - 1 exactly enough for ln.
 * Below |x| = 2^-24 it is x (x²/2 is under half its ulp), which also keeps a tiny x from being
 * flushed to 0 on its way through ln's x / (2 + x).
 */
function log1p(p: Emitter, x: string): string {
  const r = ln(p, p.let(`1 + ${x}`), x);
  p.line(`if (Math.abs(${x}) < ${2 ** -24}) { ${r} = ${x}; }`);
  return r;
}

export const UNARY_SOURCE: Record<UnaryOp, (p: Emitter, x: string) => string> = {
  neg: (p, x) => p.let(`-${x}`),
  exp,
  log: (p, x) => ln(p, x, p.let(`${x} - 1`)),
  log1p,
  expm1,
  sqrt: (p, x) => p.let(`Math.sqrt(${x})`),
  abs: (p, x) => p.let(`Math.abs(${x})`),
  // 0 and NaN map to themselves, like Math.sign
  sign: (p, x) => p.let(`${x} > 0 ? 1 : (${x} < 0 ? -1 : ${x})`),
  tanh: (p, x) => {
    // tanh|x| = -m / (m + 2) with m = expm1(-2|x|): no overflow, no cancellation near 0
    const m = expm1(p, `-2 * Math.abs(${x})`);
    const t = p.let(`-${m} / (${m} + 2)`);
    return p.let(`${x} < 0 ? -${t} : ${t}`);
  },
  sigmoid: (p, x) => {
    // split by sign so exp never overflows
    const e = p.let(`Math.exp(-Math.abs(${x}))`);
    return p.let(`${x} >= 0 ? 1 / (1 + ${e}) : ${e} / (1 + ${e})`);
  },
  // NaN stays NaN: tested first, as a shader compiler may turn `x < 0 ? 0 : x` into max(x, 0)
  relu: (p, x) => p.let(`${x} != ${x} ? ${x} : (${x} < 0 ? 0 : ${x})`),
  sin: (p, x) => trig(p, x, 0),
  cos: (p, x) => trig(p, x, 1),
  floor: (p, x) => p.let(`Math.floor(${x})`),
  ceil: (p, x) => p.let(`Math.ceil(${x})`),
  round: (p, x) => {
    // half to even: a tie goes to the even neighbour
    const f = p.let(`Math.floor(${x})`);
    const d = p.let(`${x} - ${f}`);
    const r = p.let(`${d} > 0.5 ? ${f} + 1 : ${f}`);
    p.line(`if (${d} == 0.5) { ${r} = ${f} - 2 * Math.floor(${f} / 2) == 0 ? ${f} : ${f} + 1; }`);
    return r;
  },
  reciprocal: (p, x) => p.let(`1 / ${x}`),
  square: (p, x) => p.let(`${x} * ${x}`),
};

/** JavaScript's Math.pow: x^0 = 1 for every x, and a negative base takes an integer exponent's sign. */
function pow(p: Emitter, a: string, b: string): string {
  const odd = p.let(`Math.floor(${b}) == ${b} && Math.floor(${b} / 2) != ${b} / 2`);
  const r = p.let(`Math.pow(Math.abs(${a}), ${b})`);
  // a finite negative base to a fractional power is NaN; -inf to one is |a|^b
  p.line(`if (${a} < 0) { if (${odd}) { ${r} = -${r}; } else if (Math.floor(${b}) != ${b} && ${a} >= ${-FLOAT32_MAX}) { ${r} = Math.sqrt(${a}); } }`);
  // a shader's pow(0, b < 0) is undefined; JavaScript's is inf, -inf for -0 and an odd b
  p.line(`if (${a} == 0 && ${b} < 0) { ${r} = ${odd} ? 1 / ${a} : 1 / Math.abs(${a}); }`);
  // an integer to a whole power is a whole number, which exp2(b log2 a) may miss by an ulp
  p.line(`if (Math.floor(${a}) == ${a} && Math.floor(${b}) == ${b} && ${b} > 0 && Math.abs(${r}) < 16777216) { ${r} = Math.floor(${r} + 0.5); }`);
  // exp2(b log2 0) is only near 0 where GL clamps log2 0 to -127 or so: 0^b = ±0 for b > 0
  p.line(`if (${a} == 0 && ${b} > 0) { ${r} = ${odd} ? ${a} : 0; }`);
  // a shader may lose a NaN inside pow (WGSL lets it assume there are none): NaN in, NaN out
  p.line(`if (${a} != ${a} || ${b} != ${b}) { ${r} = ${a} + ${b}; }`);
  p.line(`if (${b} == 0) { ${r} = 1; }`);
  return r;
}

/**
 * torch.maximum/minimum: a NaN operand is returned itself (a shader's max may drop it), and of two
 * zeros max is -0 only if both are, min is +0 only if both are (as Math.max/min).
 */
const extreme = (cmp: '>' | '<') => (p: Emitter, a: string, b: string): string => {
  const zeros = cmp === '>' ? `${a} + ${b}` : `-(-${a} - ${b})`;
  return p.let(`${a} != ${a} ? ${a} : (${b} != ${b} ? ${b} : (${a} == 0 && ${b} == 0 ? ${zeros} : (${a} ${cmp} ${b} ? ${a} : ${b})))`);
};

const compare = (op: string) => (p: Emitter, a: string, b: string): string => p.let(`${a} ${op} ${b} ? 1 : 0`);

export const BINARY_SOURCE: Record<BinaryOp, (p: Emitter, a: string, b: string) => string> = {
  add: (p, a, b) => p.let(`${a} + ${b}`),
  sub: (p, a, b) => p.let(`${a} - ${b}`),
  mul: (p, a, b) => p.let(`${a} * ${b}`),
  div: (p, a, b) => p.let(`${a} / ${b}`),
  pow,
  maximum: extreme('>'),
  minimum: extreme('<'),
  eq: compare('=='),
  ne: compare('!='),
  lt: compare('<'),
  le: compare('<='),
  gt: compare('>'),
  ge: compare('>='),
};
