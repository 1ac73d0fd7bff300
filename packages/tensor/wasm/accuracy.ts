/**
 * `npx tsx wasm/accuracy.ts [exp|tanh|sigmoid]`: the largest error, in float32 ulps, of the SIMD
 * kernels of wasm/assembly/math.ts over every float32 input where the result is not a constant
 * or x itself (smaller |x| give 1, x or 1/2, larger give inf, 0 or ±1), against Math in float64
 * rounded to float32, with a histogram. Minutes per op (the oracle's Math calls dominate); the
 * README quotes its output, and test/wasm-math.test.ts checks samples of the same on every run.
 */
import { Layout, load } from '../src/wasm/module.ts';

const sigmoid = (v: number): number => (v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v)));
/** Per op: its kernel, the oracle, and the |x| range swept; tanh only for x ≥ 0, as the kernel copies the sign bit. */
const OPS = {
  exp: { kernel: 'expRun', f: Math.exp, lo: 2 ** -26, hi: 104, signs: [1, -1] },
  tanh: { kernel: 'tanhRun', f: Math.tanh, lo: 2 ** -14, hi: 10, signs: [1] },
  sigmoid: { kernel: 'sigmoidRun', f: sigmoid, lo: 2 ** -26, hi: 104, signs: [1, -1] },
} as const;

const at = load();
const bits = new Float32Array(1);
const word = new Int32Array(bits.buffer);
const wordOf = (v: number): number => ((bits[0] = v), word[0]);
/** A float32's place on a line where neighbouring floats are 1 apart. */
const ordinal = (v: number): number => (wordOf(v) < 0 ? -(word[0] & 0x7fffffff) : word[0]);

const CHUNK = 1 << 20;
for (const [name, { kernel, f, lo, hi, signs }] of Object.entries(OPS)) {
  if (process.argv[2] && process.argv[2] !== name) continue;
  const histogram = new Map<number, number>();
  let worst = { ulps: 0, at: 0 };
  const [first, end] = [wordOf(lo), wordOf(hi)];
  for (const sign of signs) {
    for (let w = first; w < end; w += CHUNK) {
      const n = Math.min(CHUNK, end - w);
      const xs = new Float32Array(Int32Array.from({ length: n }, (_, i) => (w + i) | (sign < 0 ? 1 << 31 : 0)).buffer);
      const layout = new Layout(at);
      const p = layout.take(n);
      layout.fits();
      const run = layout.floats(p, n);
      run.set(xs);
      at.kernels[kernel](p, n);
      for (let i = 0; i < n; i++) {
        const ulps = Math.abs(ordinal(run[i]) - ordinal(Math.fround(f(xs[i]))));
        histogram.set(ulps, (histogram.get(ulps) ?? 0) + 1);
        if (ulps > worst.ulps) worst = { ulps, at: xs[i] };
      }
    }
  }
  const counts = [...histogram].sort(([a], [b]) => a - b).map(([u, c]) => `${u} ulp: ${c}`).join(', ');
  console.log(`${name}, |x| in [${lo}, ${hi}]: at most ${worst.ulps} ulps (at x = ${worst.at}); ${counts}`);
}
