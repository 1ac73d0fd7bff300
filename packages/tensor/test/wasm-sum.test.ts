/**
 * The wasm backend's float32 sums (wasm/assembly/sum.ts: float64 sums in the order the cpu backend
 * adds) against the cpu backend, bit for bit: zero tolerance. Shapes of up to four dims with
 * size-1 axes, a reduced axis that is innermost (rows of any length, tails of 0-3 past each
 * group of four) or not (folds of an inner block of any width, odd ones too), values spanning
 * float32's range (spread so widely within a tensor that float64 sums round, and the order of the
 * adds shows) with NaN, ±inf, ±0 and subnormals, and sums that must round to float32 or overflow.
 */
import { fc, it } from '@fast-check/vitest';
import { expect } from 'vitest';
import { setBackend, tensor } from '../src/index.ts';

const SPECIAL = [NaN, Infinity, -Infinity, 0, -0, 1e-45, -1e-45, 3.4028235e38, -3.4028235e38, 1, -1, 0.1, 1 / 3];

const caseArb = fc.tuple(
  fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 4 }).filter((s) => s.reduce((a, b) => a * b, 1) <= 40_000),
  fc.nat(),
  fc.integer({ min: -60, max: 60 }),
  fc.array(fc.constantFrom(...SPECIAL), { maxLength: 4 }),
  fc.nat(),
);

it.prop([caseArb], { numRuns: 150 })(
  'a float32 sum along any dim gives the cpu backend\'s values bit for bit, NaN, ±inf, ±0 and subnormals too',
  ([shape, at, exponent, specials, seed]) => {
    // at least 4096 elements takes the SIMD sums (SUM_FROM); fewer, cpu's loops on both
    const full = shape.length === 1 && shape[0] < 4096 ? [shape[0], Math.ceil(4096 / shape[0])] : shape;
    const count = full.reduce((a, b) => a * b, 1);
    // magnitudes spread over 2^(exponent ± 30): float64 sums of them round, so the order of the adds shows
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const values = Array.from({ length: count }, () => Math.fround((next() * 2 - 1) * 2 ** (exponent + Math.floor(next() * 61) - 30)));
    // huge values that cancel: what survives of the small ones beside them depends on when each is added
    const huge = Math.fround(2 ** Math.min(127, exponent + 50));
    for (let i = 0; i < count / 16; i++) values[Math.floor(next() * count)] = next() < 0.5 ? huge : -huge;
    specials.forEach((v, i) => (values[(i * 7919 + seed) % count] = v));
    const dim = at % full.length;
    const run = () => [...tensor(values, { dtype: 'float32' }).reshape(...full).sum(dim).data()];
    setBackend('cpu');
    const want = run();
    setBackend('wasm');
    const got = run();
    expect(got.length).toBe(want.length);
    got.forEach((v, i) => expect(Object.is(v, want[i]) || (Number.isNaN(v) && Number.isNaN(want[i])), `element ${i}: wasm ${v}, cpu ${want[i]}`).toBe(true));
  },
);
