/**
 * The data codec between the grader and the runner (sandbox/codec.ts): every value a check sends
 * or reads back survives the trip exactly — tensors of every dtype with NaN, ±Infinity, −0 and
 * subnormals, numbers, strings, nested arrays and plain objects, generators with their state —
 * and what cannot travel as data is refused or described, never mangled.
 */
import { fc, test } from '@fast-check/vitest';
import { Generator, type Tensor, tensor } from '@gradschool/tensor';
import { describe, expect } from 'vitest';
import { decode, EncodeError, encode, Opaque, type Refs, type Wire } from '../sandbox/codec.ts';

/** Refs for one side talking to itself: no references, generators numbered as the runner does. */
function loopback(): Refs {
  const ids = new Map<Generator, number>();
  const gens = new Map<number, Generator>();
  return {
    toRef: () => undefined,
    fromRef: () => {
      throw new Error('no references here');
    },
    generatorId: (g) => {
      if (!ids.has(g)) {
        ids.set(g, ids.size + 1);
        gens.set(ids.size, g);
      }
      return ids.get(g)!;
    },
    generatorOf: (id, state, seed) => {
      const g = gens.get(id) ?? new Generator(seed);
      g.setState(state);
      return g;
    },
  };
}

/** Through JSON, as the line protocol carries it. */
const roundTrip = (value: unknown, refs = loopback()): unknown => decode(JSON.parse(JSON.stringify(encode(value, refs))) as Wire, refs);

const special = fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, 5e-324, -5e-324, 1.7976931348623157e308, 2 ** -126, 1e-40);
const number = fc.oneof(fc.double(), special);
const shape = fc.array(fc.integer({ min: 0, max: 4 }), { maxLength: 4 });

const tensors: fc.Arbitrary<Tensor> = fc
  .tuple(shape, fc.constantFrom('float64', 'float32', 'int32') as fc.Arbitrary<'float64' | 'float32' | 'int32'>)
  .chain(([s, dtype]) => {
    const size = s.reduce((a, b) => a * b, 1);
    const values = dtype === 'int32' ? fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }) : number;
    return fc.array(values, { minLength: size, maxLength: size }).map((v) => tensor(v, { shape: s, dtype }));
  });

const sameBits = (a: Tensor, b: Tensor): void => {
  expect([b.dtype, b.shape]).toEqual([a.dtype, a.shape]);
  const [x, y] = [a.data(), b.data()];
  for (let i = 0; i < x.length; i++) expect(Object.is(x[i], y[i]), `element ${i}: ${x[i]} vs ${y[i]}`).toBe(true);
};

describe('the codec', () => {
  test.prop([tensors])('a tensor comes back with its dtype, its shape and every bit of its values', (t) => {
    sameBits(t, roundTrip(t) as Tensor);
  });

  test.prop([fc.array(number, { maxLength: 20 })])('numbers come back exactly, NaN, ±Infinity and −0 included', (xs) => {
    const back = roundTrip(xs) as number[];
    expect(back.length).toBe(xs.length);
    xs.forEach((x, i) => expect(Object.is(back[i], x), `${x} came back as ${back[i]}`).toBe(true));
  });

  test.prop([fc.jsonValue()])('JSON-like data comes back equal', (value) => {
    expect(roundTrip(value)).toEqual(value);
  });

  test('keys that look special — __proto__, $tensor, $ref — are data like any other', () => {
    const tricky = { ['__proto__']: 1, $tensor: 'not a tensor', $ref: 2, nested: [{ $num: 'NaN' }] };
    const back = roundTrip(JSON.parse(JSON.stringify(tricky))) as Record<string, unknown>;
    expect(Object.getPrototypeOf(back)).toBe(Object.prototype);
    expect(Object.keys(back).sort()).toEqual(Object.keys(JSON.parse(JSON.stringify(tricky))).sort());
    expect(back.$tensor).toBe('not a tensor');
  });

  test.prop([fc.integer(), fc.nat({ max: 40 })])('a generator keeps its place in the stream, and its identity on the side that sent it', (seed, draws) => {
    const refs = loopback();
    const g = new Generator(seed);
    for (let i = 0; i < draws; i++) g.uniform();
    const back = roundTrip(g, refs) as Generator;
    expect(back).toBe(g);
    const fresh = decode(JSON.parse(JSON.stringify(encode(g, loopback()))), loopback()) as Generator;
    expect(fresh).not.toBe(g);
    expect(fresh.uniform()).toBe(g.uniform());
  });

  test('what has no data form is described or refused, never sent half-way', () => {
    expect(roundTrip(Promise.resolve(1))).toEqual(new Opaque('a Promise'));
    expect(roundTrip(10n)).toEqual(new Opaque('the bigint 10n'));
    expect(roundTrip(new Map())).toEqual(new Opaque('a Map'));
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => encode(cyclic, loopback())).toThrow(EncodeError);
    expect(() => encode(() => 1, loopback())).toThrow(EncodeError);
    let deep: unknown = 1;
    for (let i = 0; i < 100; i++) deep = [deep];
    expect(() => encode(deep, loopback())).toThrow(/nested more than/);
  });

  test('malformed data is refused: a shape that does not match its bytes, an unknown tag, bad base64', () => {
    const refs = loopback();
    expect(() => decode({ $tensor: ['float64', [3], 'AAAAAAAAAAA='] }, refs)).toThrow(EncodeError);
    expect(() => decode({ $tensor: ['constructor', [1], 'AAAAAAAAAAA='] }, refs)).toThrow(EncodeError);
    expect(() => decode({ $whatever: 1 }, refs)).toThrow(EncodeError);
    expect(() => decode({ $typed: ['float32', 'AA=!'] }, refs)).toThrow(EncodeError);
  });
});
