/**
 * float32 sums accumulated in float64, in exactly the order the cpu backend adds (src/cpu/
 * backend.ts), so a sum here is bit for bit the cpu's: float64 adds are correctly rounded in
 * JavaScript and in wasm alike, and only the order could tell them apart.
 *
 * - sumRows: each row of n contiguous values, in four running sums s0..s3 over the lanes of
 *   every group of four (cpu's sumRun), the remainder added to s0, then (s0 + s1) + (s2 + s3).
 *   Lanes 0-1 and 2-3 are two f64x2 sums.
 * - sumFold: the rows of a [k, width] block summed into width float64 accumulators, row after row
 *   (cpu's foldInRowOrder), two lanes at a time.
 */

/** Row r of `rows` rows of n floats at src: its sum, rounded to float32, into dst[r]. */
export function sumRows(src: usize, n: i32, rows: i32, dst: usize): void {
  const whole = <usize>(n - (n & 3)) << 2;
  for (let r = 0; r < rows; r++) {
    const start = src + ((<usize>r * <usize>n) << 2);
    const stop = start + whole;
    let s01 = f64x2.splat(0);
    let s23 = f64x2.splat(0);
    let p = start;
    for (; p < stop; p += 16) {
      const v = v128.load(p);
      s01 = f64x2.add(s01, f64x2.promote_low_f32x4(v));
      s23 = f64x2.add(s23, f64x2.promote_low_f32x4(v128.shuffle<f32>(v, v, 2, 3, 0, 1)));
    }
    let s0 = f64x2.extract_lane(s01, 0);
    const end = start + (<usize>n << 2);
    for (; p < end; p += 4) s0 += <f64>load<f32>(p);
    const total = s0 + f64x2.extract_lane(s01, 1) + (f64x2.extract_lane(s23, 0) + f64x2.extract_lane(s23, 1));
    store<f32>(dst + (<usize>r << 2), <f32>total);
  }
}

/**
 * acc[j] (float64, zeroed by the caller) += src[i][j] for i = 0..k-1 in order, j < width; src is
 * k rows of width floats. Then the sums, rounded to float32, go to dst[j].
 */
export function sumFold(src: usize, k: i32, width: i32, acc: usize, dst: usize): void {
  const pairs = width & ~1;
  for (let i = 0; i < k; i++) {
    const row = src + ((<usize>i * <usize>width) << 2);
    let j = 0;
    for (; j < pairs; j += 2) {
      const at = acc + (<usize>j << 3);
      v128.store(at, f64x2.add(v128.load(at), f64x2.promote_low_f32x4(v128.load64_zero(row + (<usize>j << 2)))));
    }
    if (j < width) {
      const at = acc + (<usize>j << 3);
      store<f64>(at, load<f64>(at) + <f64>load<f32>(row + (<usize>j << 2)));
    }
  }
  for (let j = 0; j < width; j++) store<f32>(dst + (<usize>j << 2), <f32>load<f64>(acc + (<usize>j << 3)));
}
