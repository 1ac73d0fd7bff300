/**
 * float32 exp, tanh and sigmoid over a run of values, four lanes at a time (f32x4), in place.
 * V8 spends ~40 ns on each Math.exp / Math.tanh; these spend a few ns per four values.
 *
 * Every run works on ceil(n/4) whole vectors from p, so the caller's buffer must have room for
 * n rounded up to a multiple of 4 (the loader's Layout rounds every region to 64 bytes). The
 * extra lanes compute garbage that nobody reads; SIMD float ops never trap.
 *
 * The coefficients are Cephes' (expf.c, tanhf.c: minimax fits for float32), whose stated peak
 * relative errors are about 1 ulp; test/wasm-math.test.ts measures these kernels against
 * Math.exp etc. in float64, rounded to float32.
 */

const LOG2E: f32 = 1.44269504;
/** ln 2 in two parts (Cody–Waite): LN2_HI has 9 significant bits, so n·LN2_HI is exact for |n| < 2^15 and x - n·LN2_HI loses nothing. */
const LN2_HI: f32 = 0.693359375;
const LN2_LO: f32 = -2.12194440e-4;
/** Past these, e^x rounds to +inf or to 0 in float32 (e^89 > 2^128; e^-104 < 2^-150, half the least subnormal). */
const EXP_MAX: f32 = 89;
const EXP_MIN: f32 = -104;
/** Below this |x| tanh uses its odd polynomial; above, 1 - 2/(e^2|x| + 1) (Cephes' split). */
const TANH_SMALL: f32 = 0.625;

// @ts-ignore: decorator
@inline
function splat(c: f32): v128 {
  return f32x4.splat(c);
}

/** a·b + c, rounded twice (wasm SIMD has no fused multiply-add outside relaxed-simd, whose rounding varies by machine). */
// @ts-ignore: decorator
@inline
function madd(a: v128, b: v128, c: v128): v128 {
  return f32x4.add(f32x4.mul(a, b), c);
}

/**
 * e^x per lane. x = n·ln2 + r with n = nearest(x·log2e), |r| ≤ ln2/2 (a little more where x·log2e
 * rounds across a half); e^r = 1 + r + r²·P(r), P of degree 5; then 2^n is applied as two
 * factors 2^(n>>1) and 2^(n - n>>1), each a normal float built from its exponent bits, so the
 * product reaches 2^128 (e^88.72 is finite) and falls into the subnormals rounding only once.
 * x is clamped to [-104, 89] first, so n ∈ [-150, 129] and each factor's exponent stays in range:
 * above 88.72 the product overflows to +inf, below -103.97 it rounds to 0, between -103.97 and
 * -87.34 it is subnormal. min and max propagate NaN, which stays NaN to the end.
 */
// @ts-ignore: decorator
@inline
function expv(x: v128): v128 {
  x = f32x4.max(f32x4.min(x, splat(EXP_MAX)), splat(EXP_MIN));
  const n = f32x4.nearest(f32x4.mul(x, splat(LOG2E)));
  const r = f32x4.sub(f32x4.sub(x, f32x4.mul(n, splat(LN2_HI))), f32x4.mul(n, splat(LN2_LO)));
  let p = madd(splat(1.9875691500e-4), r, splat(1.3981999507e-3));
  p = madd(p, r, splat(8.3334519073e-3));
  p = madd(p, r, splat(4.1665795894e-2));
  p = madd(p, r, splat(1.6666665459e-1));
  p = madd(p, r, splat(5.0000001201e-1));
  const er = f32x4.add(madd(f32x4.mul(p, r), r, r), splat(1)); // (P·r)·r + r + 1
  const ni = i32x4.trunc_sat_f32x4_s(n); // NaN lanes give 0: harmless, er is NaN
  const half = i32x4.shr_s(ni, 1);
  const bias = i32x4.splat(127);
  const s1 = i32x4.shl(i32x4.add(half, bias), 23);
  const s2 = i32x4.shl(i32x4.add(i32x4.sub(ni, half), bias), 23);
  return f32x4.mul(f32x4.mul(er, s1), s2);
}

/**
 * tanh per lane, on a = |x| with x's sign bit put back at the end, so tanh(-0) = -0 and the
 * result is exactly odd. For a < 0.625, a + a³·Q(a²): the a³ term falls below half an ulp of a
 * for a < 2^-12, so tiny and subnormal inputs come back unchanged. For a ≥ 0.625,
 * 1 - 2/(e^2a + 1) (= expm1(2a)/(expm1(2a) + 2)): tanh ≥ 0.55 there and 2/(e^2a + 1) ≤ tanh, so
 * its rounding errors cost at most their own size in ulps of the result, without an expm1; it
 * reaches 1 by itself (at a ≈ 9.01, and e^2a = inf past 44.5 gives exactly 1).
 */
// @ts-ignore: decorator
@inline
function tanhv(x: v128): v128 {
  const a = f32x4.abs(x);
  const z = f32x4.mul(a, a);
  let q = madd(splat(-5.70498872745e-3), z, splat(2.06390887954e-2));
  q = madd(q, z, splat(-5.37397155531e-2));
  q = madd(q, z, splat(1.33314422036e-1));
  q = madd(q, z, splat(-3.33332819422e-1));
  const small = madd(f32x4.mul(q, z), a, a);
  const large = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(expv(f32x4.add(a, a)), splat(1))));
  const t = v128.bitselect(small, large, f32x4.lt(a, splat(TANH_SMALL)));
  return v128.or(t, v128.and(x, splat(-0.0))); // -0.0: the sign bit alone
}

/**
 * sigmoid per lane from e = e^-|x| ∈ [0, 1], which never overflows: 1/(1 + e) for x ≥ 0 and
 * e/(1 + e) for x < 0. Both are a quotient of values known to a few ulps, so the relative error
 * stays small in both tails (x → -∞ gives e^x itself, subnormal and then 0; BCE takes its log).
 */
// @ts-ignore: decorator
@inline
function sigmoidv(x: v128): v128 {
  const e = expv(f32x4.neg(f32x4.abs(x)));
  return f32x4.div(v128.bitselect(e, splat(1), f32x4.lt(x, splat(0))), f32x4.add(e, splat(1)));
}

/** p[i] = e^p[i] for i < n, in place. */
export function expRun(p: usize, n: i32): void {
  for (const end = p + (<usize>((n + 3) >> 2) << 4); p < end; p += 16) v128.store(p, expv(v128.load(p)));
}

/** p[i] = tanh(p[i]) for i < n, in place. */
export function tanhRun(p: usize, n: i32): void {
  for (const end = p + (<usize>((n + 3) >> 2) << 4); p < end; p += 16) v128.store(p, tanhv(v128.load(p)));
}

/** p[i] = sigmoid(p[i]) for i < n, in place. */
export function sigmoidRun(p: usize, n: i32): void {
  for (const end = p + (<usize>((n + 3) >> 2) << 4); p < end; p += 16) v128.store(p, sigmoidv(v128.load(p)));
}
