/**
 * Every shape, dim, dtype and index mistake throws (never a NaN later) a ShapeError, RangeError
 * or TypeError whose message names the op the caller wrote and the shapes involved.
 */
import { fc, it } from '@fast-check/vitest';
import {
  arange, BINARY_OPS, binary, clamp, concat, dot, type DType, eye, fromHost, full, Generator, indexSelect, linspace, matmul, oneHot, ones, rand, randint, randn, reshape, scatterAdd, setBackend,
  ShapeError, softmax, stack, sum, type Tensor, tensor, unary, variance, where, zeros, zerosLike,
} from '../src/index.ts';
import { shapeArb, sizeArb } from './arbitraries.ts';
import { describeBackends } from './backends.ts';
import { count } from './oracle.ts';
import { expectError, type Mistake } from './mistakes.ts';

const fmt = (shape: readonly number[]) => `[${shape.join(',')}]`;
const ints = (values: number[]) => tensor(values, { dtype: 'int32' });

const MISTAKES: Mistake[] = [
  // shapes
  ['matmul of misfit matrices', () => zeros([3, 4]).matmul(zeros([5, 6])), ShapeError, 'matmul: shapes [3,4] and [5,6] cannot be multiplied (inner sizes 4 and 5 differ)'],
  ['matmul with a 0-d operand', () => tensor(1).matmul(zeros([2])), ShapeError, 'matmul: shapes [] and [2] cannot be multiplied (both operands need at least 1 dim)'],
  ['matmul of clashing batches', () => zeros([2, 3, 4]).matmul(zeros([3, 4, 5])), ShapeError, 'matmul: shapes [2,3,4] and [3,4,5] cannot be multiplied (batch dims do not broadcast)'],
  ['dot of unequal vectors', () => zeros([3]).dot(zeros([4])), ShapeError, 'dot: shapes [3] and [4] must be two vectors of the same length'],
  ['outer of a matrix', () => zeros([2, 2]).outer(zeros([2])), ShapeError, 'outer: shapes [2,2] and [2] must both be vectors'],
  ['add of clashing shapes', () => zeros([2, 3]).add(zeros([4])), ShapeError, 'add: shapes [2,3] and [4] cannot be broadcast together'],
  ['where of clashing shapes', () => where(zeros([2]), zeros([3]), 0), ShapeError, 'where: shapes [2] and [3] and [] cannot be broadcast together'],
  ['reshape to another count', () => zeros([2, 3]).reshape(4), ShapeError, 'reshape: shape [4] is invalid for a tensor of shape [2,3] (6 elements)'],
  ['reshape with two -1', () => zeros([2, 3]).reshape(-1, -1), ShapeError, 'reshape: invalid shape [-1,-1] (sizes must be non-negative integers, with at most one -1)'],
  ['reshape with -1 beside a 0', () => zeros([0, 3]).reshape(0, -1), ShapeError, 'reshape: shape [0,-1] is invalid for a tensor of shape [0,3] (0 elements)'],
  ['view of a transposed matrix', () => zeros([2, 3]).T.view(6), ShapeError, 'view: shape [3,2] with strides [1,3] cannot be viewed as [6] without a copy; use reshape'],
  ['permute with too few dims', () => zeros([2, 3]).permute(0), ShapeError, 'permute: 1 dims [0] given for a tensor of shape [2,3]'],
  ['expand of a size-2 axis', () => zeros([2, 3]).expand(4, 3), ShapeError, 'expand: shape [2,3] cannot be expanded to [4,3]'],
  ['expand to fewer dims', () => zeros([2, 3]).expand(3), ShapeError, 'expand: shape [2,3] cannot be expanded to fewer dims [3]'],
  ['item of many elements', () => zeros([2]).item(), ShapeError, 'item: only a tensor with one element has an item; got shape [2]'],
  ['concat of unequal shapes', () => concat([zeros([2, 3]), zeros([3, 3])], 1), ShapeError, 'concat: shapes [2,3], [3,3] differ outside dim 1'],
  ['concat of 0-d tensors', () => concat([tensor(1), tensor(2)]), ShapeError, 'concat: 0-d tensors (shapes [], []) have no dim to join along; use stack'],
  ['concat of nothing', () => concat([]), ShapeError, 'concat: needs at least one tensor'],
  ['stack of unequal shapes', () => stack([zeros([2]), zeros([3])]), ShapeError, 'stack: shapes [2], [3] must all be equal'],
  ['gather with an index of another rank', () => zeros([2, 3]).gather(0, ints([0])), ShapeError, 'gather: index of shape [1] does not fit input of shape [2,3] along dim 0'],
  ['gather from a 0-d tensor', () => tensor(1).gather(0, ints([0]).reshape([])), ShapeError, 'gather: input of shape [] has no dim to index; reshape it to [1] first'],
  ['indexSelect with a 2-D index', () => zeros([2, 3]).indexSelect(0, ints([0, 1]).reshape(1, 2)), ShapeError, 'indexSelect: index must be 1-D, got shape [1,2]'],
  ['scatterAdd with a wide index', () => scatterAdd([2, 2], 0, ints([0, 1, 1]).reshape(1, 3), zeros([1, 3])), ShapeError, 'scatterAdd: index of shape [1,3] does not fit output of shape [2,2] outside dim 0'],
  ['scatterAdd with unequal index and src', () => scatterAdd([2, 2], 0, ints([0, 1]).reshape(1, 2), zeros([2, 2])), ShapeError, 'scatterAdd: index [1,2] and src [2,2] must have one shape of rank 2'],
  ['tensor from a ragged array', () => tensor([[1, 2], [3]]), ShapeError, 'tensor: nested array is ragged (expected length 2 at depth 1 for shape [2,2])'],
  ['tensor with too few values', () => tensor([1, 2, 3], { shape: [2, 2] }), ShapeError, 'tensor: 3 values cannot fill shape [2,2] (4 elements)'],
  ['zeros with a negative size', () => zeros([2, -1]), ShapeError, 'zeros: shape [2,-1] must hold non-negative integers, but dim 1 has size -1'],
  ['zeros with a fractional size', () => zeros([1.5]), ShapeError, 'zeros: shape [1.5] must hold non-negative integers, but dim 0 has size 1.5'],
  ['eye with a negative size', () => eye(-1), ShapeError, 'eye: shape [-1,-1] must hold non-negative integers, but dim 0 has size -1'],
  ['rand with a NaN size', () => rand([NaN], new Generator(0)), ShapeError, 'rand: shape [NaN] must hold non-negative integers, but dim 0 has size NaN'],
  // dims
  ['sum over a missing dim', () => zeros([2, 3]).sum(2), RangeError, 'sum: dim 2 is out of range for a tensor of rank 2 of shape [2,3] (expected -2..1)'],
  ['sum over a repeated dim', () => zeros([2, 3]).sum([0, -2]), RangeError, 'sum: dims [0,-2] repeat an axis'],
  ['std over a missing dim', () => zeros([2, 3]).std(-3), RangeError, 'std: dim -3 is out of range for a tensor of rank 2 of shape [2,3] (expected -2..1)'],
  ['max over an empty dim', () => zeros([0, 3]).max(0), RangeError, 'max: cannot reduce dim 0 of shape [0,3], which has no elements'],
  ['argmax of an empty tensor', () => zeros([0, 3]).argmax(), RangeError, 'argmax: cannot reduce an empty tensor of shape [0,3]'],
  ['permute with a repeated dim', () => zeros([2, 3]).permute(0, 0), RangeError, 'permute: dims [0,0] repeat an axis'],
  ['transpose of a vector with dim 1', () => zeros([3]).transpose(0, 1), RangeError, 'transpose: dim 1 is out of range for a tensor of rank 1 of shape [3] (expected -1..0)'],
  ['flatten with dims reversed', () => zeros([2, 3]).flatten(1, 0), RangeError, 'flatten: startDim 1 comes after endDim 0 for shape [2,3]'],
  ['slice with step 0', () => zeros([3]).slice(0, 0, 3, 0), RangeError, 'slice: step must be a positive integer, got 0'],
  ['slice with a fractional start', () => zeros([2, 3]).slice(1, 0.5), RangeError, 'slice: start 0.5 and end undefined must be integers (dim 1 of shape [2,3])'],
  ['zeros with a number for a shape', () => zeros(3 as never), TypeError, 'zeros: the shape must be an array of sizes such as [2, 3], got a number (for 3 elements in one dim, write [3])'],
  ['slice of a 0-d tensor', () => zeros([]).slice(0, 0), ShapeError, 'slice: input of shape [] has no dim to index; reshape it to [1] first'],
  ['narrow of a 0-d tensor', () => zeros([]).narrow(0, 0, 0), ShapeError, 'narrow: input of shape [] has no dim to index; reshape it to [1] first'],
  ['narrow past the end', () => zeros([2, 3]).narrow(1, 2, 2), RangeError, 'narrow: start 2 and length 2 do not fit dim 1 of shape [2,3]'],
  // indices and values
  ['gather past the end', () => zeros([2, 3]).gather(1, ints([0, 3]).reshape(1, 2)), RangeError, 'gather: index 3 is out of range for dim 1 of shape [2,3] (size 3)'],
  ['gather at a fraction', () => zeros([2, 3]).gather(1, tensor([[0.5]])), RangeError, 'gather: index 0.5 is not a whole number (dim 1 of shape [2,3])'],
  ['indexSelect past the end', () => zeros([2, 3]).indexSelect(0, [2]), RangeError, 'indexSelect: index 2 is out of range for dim 0 of shape [2,3] (size 2)'],
  ['indexSelect at a fraction in a plain array', () => zeros([2, 3]).indexSelect(1, [0, 1.5]), RangeError, 'indexSelect: index 1.5 is not a whole number (dim 1 of shape [2,3])'],
  ['indexSelect past int32 in a plain array', () => zeros([2, 3]).indexSelect(-1, [2 ** 32]), RangeError, 'indexSelect: index 4294967296 is out of range for dim 1 of shape [2,3] (size 3)'],
  ['oneHot of a class too large', () => oneHot(ints([3]), 3), RangeError, 'oneHot: index 3 is out of range for dim 1 of shape [1,3] (size 3)'],
  ['oneHot with no classes', () => oneHot(ints([0]), 0), RangeError, 'oneHot: numClasses must be a positive integer, got 0'],
  ['arange with step 0', () => arange(0, 3, 0), RangeError, 'arange: step must be a finite non-zero number, got 0'],
  ['arange to NaN', () => arange(0, NaN), RangeError, 'arange: start 0 and end NaN must be finite numbers'],
  ['linspace with negative steps', () => linspace(0, 1, -1), RangeError, 'linspace: steps must be a non-negative integer, got -1'],
  ['randint with an empty range', () => randint(3, 3, [2], new Generator(0)), RangeError, 'randint: need integers low < high, got low=3, high=3'],
  ['a NaN seed', () => new Generator(NaN), RangeError, 'Generator: seed must be a finite number, got NaN'],
  ['clamp with min above max', () => zeros([1]).clamp(2, 1), RangeError, 'clamp: min 2 is greater than max 1'],
  ['an int32 to a negative power', () => ints([2, 3]).pow(ints([1, -1])), RangeError, "pow: an int32 tensor cannot be raised to a negative integer power (exponent shape [2]); convert the base first with .to('float32')"],
  ['int32 plus a number int32 cannot hold', () => ints([1]).add(1e10), RangeError, "add: 10000000000 does not fit the int32 tensor of shape [1]; convert it first with .to('float64')"],
  // types
  ['tensor of booleans', () => tensor([true, false] as never), TypeError, 'tensor: element [0] is a boolean (true), but a tensor holds numbers: write 1 for true and 0 for false, or convert them with .map(Number)'],
  ['tensor with a string inside', () => tensor([[1, 2], [3, '4']] as never), TypeError, "tensor: element [1,1] is a string ('4'), not a number"],
  ['tensor with a hole', () => tensor([1, undefined, 3] as never), TypeError, 'tensor: element [1] is undefined, not a number'],
  ['tensor of an unknown dtype', () => tensor([1], { dtype: 'int8' as DType }), TypeError, "tensor: unknown dtype 'int8'; expected one of float32, float64, int32"],
  ['to an unknown dtype', () => zeros([1]).to('bool' as DType), TypeError, "to: unknown dtype 'bool'; expected one of float32, float64, int32"],
  ['an array operand', () => zeros([3]).mul([1, 2, 3] as unknown as Tensor), TypeError, 'mul: an operand must be a Tensor or a number, got an array; wrap it with tensor(...)'],
  ['an unknown backend', () => setBackend('tpu'), Error, /^setBackend: unknown backend 'tpu'; registered: cpu/],
  // arguments that are not tensors (or not numbers) where one is needed
  ['matmul with a number', () => zeros([2]).matmul(3 as never), TypeError, 'matmul: the second operand must be a Tensor, got a number (3); wrap it with tensor(...)'],
  ['matmul with undefined', () => matmul(zeros([2]), undefined as never), TypeError, 'matmul: the second operand must be a Tensor, got undefined'],
  ['dot of a plain array', () => dot([1, 2] as never, zeros([2])), TypeError, 'dot: the first operand must be a Tensor, got an array; wrap it with tensor(...)'],
  ['outer with an object', () => zeros([2]).outer({} as never), TypeError, 'outer: the second operand must be a Tensor, got an object'],
  ['add of undefined', () => zeros([2]).add(undefined as never), TypeError, 'add: an operand must be a Tensor or a number, got undefined'],
  ['mul by null', () => zeros([2]).mul(null as never), TypeError, 'mul: an operand must be a Tensor or a number, got null'],
  ['gather with a plain array index', () => zeros([2]).gather(0, [0] as never), TypeError, 'gather: index must be a Tensor, got an array; wrap it with tensor(...)'],
  ['sum over a fractional dim', () => zeros([2, 3]).sum(0.5), RangeError, 'sum: dim must be an integer, got 0.5 (for a tensor of shape [2,3])'],
  ['softmax over a NaN dim', () => zeros([2, 3]).softmax(NaN), RangeError, 'softmax: dim must be an integer, got NaN (for a tensor of shape [2,3])'],
  ['sum over a dim given as a string', () => zeros([2]).sum('0' as never), TypeError, "sum: dim must be an integer or an array of integers, got a string ('0')"],
  ['softmax over a dim given as a string', () => zeros([2, 3]).softmax('1' as never), TypeError, "softmax: dim must be an integer, got a string ('1')"],
  ['concat of one tensor, not a list', () => concat(zeros([2]) as never), TypeError, 'concat: expects an array of tensors, as in concat([a, b]), got a Tensor'],
  ['stack with a number in the list', () => stack([zeros([1]), 3 as never]), TypeError, 'stack: element 1 of the list must be a Tensor, got a number (3); wrap it with tensor(...)'],
  ['oneHot of a plain array', () => oneHot([0, 1] as never, 3), TypeError, 'oneHot: indices must be a Tensor, got an array; wrap it with tensor(...)'],
  ['scatterAdd of a plain array', () => scatterAdd([2], 0, ints([0]), [1] as never), TypeError, 'scatterAdd: src must be a Tensor, got an array; wrap it with tensor(...)'],
  ['clamp with a NaN bound', () => zeros([2]).clamp(NaN, 1), RangeError, 'clamp: min is NaN; give a number, or null for no bound'],
  ['clamp with a string bound', () => zeros([2]).clamp(0, '1' as never), TypeError, "clamp: max must be a number (or null for no bound), got a string ('1')"],
  ['rand without a generator', () => rand([2], undefined as never), TypeError, 'rand: the generator must be a Generator, got undefined; pass new Generator(seed)'],
  ['randn with a seed for a generator', () => randn([2], 3 as never), TypeError, 'randn: the generator must be a Generator, got a number (to draw from seed 3, pass new Generator(3))'],
  ['randint with a plain object for a generator', () => randint(0, 3, [2], {} as never), TypeError, 'randint: the generator must be a Generator, got an object; pass new Generator(seed)'],
  ['a string seed', () => new Generator('1' as never), TypeError, "Generator: seed must be a finite number, got a string ('1')"],
  ['permutation of a negative count', () => new Generator(0).permutation(-1), RangeError, 'permutation: n must be a non-negative integer, got -1'],
  ['permutation of a fraction', () => new Generator(0).permutation(2.5), RangeError, 'permutation: n must be a non-negative integer, got 2.5'],
  ['linspace to NaN', () => linspace(0, NaN, 3), RangeError, 'linspace: start 0 and end NaN must be finite numbers'],
  ['full with no fill value', () => full([2], undefined as never), TypeError, 'full: the fill value must be a number, got undefined'],
  ['full with a string fill value', () => full([2], '3' as never), TypeError, "full: the fill value must be a number, got a string ('3')"],
  ['zerosLike of a plain array', () => zerosLike([1, 2] as never), TypeError, 'zerosLike: input must be a Tensor, got an array; wrap it with tensor(...)'],
  ['fromHost of a plain array', () => fromHost([1, 2] as never, [2]), TypeError, 'fromHost: data must be a Float32Array, Float64Array or Int32Array, got an array; for plain numbers use tensor(...)'],
  ['fromHost of bytes (as MNIST ships its pixels)', () => fromHost(new Uint8Array(2) as never, [2]), TypeError,
    'fromHost: data must be a Float32Array, Float64Array or Int32Array, got a Uint8Array; for plain numbers use tensor(...)'],
  ['fromHost of too many values', () => fromHost(new Float32Array(3), [2]), ShapeError, 'fromHost: 3 values cannot fill shape [2] (2 elements)'],
  ['unary of an unknown op', () => unary('gelu' as never, zeros([2])), RangeError, /^unary: unknown op 'gelu'; expected one of neg, exp, log, /],
  ['binary of an unknown op', () => binary('mod' as never, zeros([2]), 2), RangeError, /^binary: unknown op 'mod'; expected one of add, sub, mul, div, /],
  ['binary of a plain array and a number', () => binary('add', [1] as never, 1), TypeError, 'add: an operand must be a Tensor or a number, got an array; wrap it with tensor(...)'],
  ['var with a negative correction', () => zeros([3]).var(0, { correction: -1 }), RangeError, "var: correction must be a finite number >= 0 (1 for the sample variance, 0 for the population's), got -1"],
  ['std with a string correction', () => zeros([3]).std(0, { correction: '1' as never }), TypeError, "std: correction must be a finite number >= 0 (1 for the sample variance, 0 for the population's), got a string ('1')"],
  ['the function form of softmax on a plain array', () => softmax([1, 2, 3] as never), TypeError, 'softmax: input must be a Tensor, got an array; wrap it with tensor(...)'],
  ['the function form of sum on nothing', () => sum(undefined as never), TypeError, 'sum: input must be a Tensor, got undefined'],
  ['the function form of variance on a number', () => variance(3 as never), TypeError, 'variance: input must be a Tensor, got a number (3); wrap it with tensor(...)'],
  ['indexSelect from a plain array', () => indexSelect([1, 2] as never, 0, [0]), TypeError, 'indexSelect: input must be a Tensor, got an array; wrap it with tensor(...)'],
  ['clamp of a plain array', () => clamp([1, 2] as never, 0, 1), TypeError, 'clamp: input must be a Tensor, got an array; wrap it with tensor(...)'],
  ['the function form of reshape on a plain array', () => reshape([1, 2] as never, [2, 1]), TypeError, 'reshape: input must be a Tensor, got an array; wrap it with tensor(...)'],
];

describeBackends('errors', () => {
  it.each(MISTAKES)('%s', (_, mistake, kind, message) => expectError(mistake, kind, message));

  /** Two shapes that clash on one axis where both sizes exceed 1 and differ. */
  const clash = fc.tuple(shapeArb({ maxRank: 3 }), shapeArb({ maxRank: 3 }), fc.integer({ min: 2, max: 5 }), fc.integer({ min: 2, max: 5 }))
    .filter(([, , p, q]) => p !== q)
    .map(([a, bb, p, q]): [number[], number[]] => [[...a, p], [...bb, q]]);

  it.prop([clash, fc.constantFrom(...BINARY_OPS)], { numRuns: 50 })('every binary op names itself and both shapes when they do not broadcast', ([sa, sb], op) => {
    expectError(() => zeros(sa)[op](zeros(sb)), ShapeError, `${op}: shapes ${fmt(sa)} and ${fmt(sb)} cannot be broadcast together`);
  });

  const DIM_OPS: [string, (t: Tensor, dim: number) => unknown][] = [
    ['sum', (t, d) => t.sum(d)], ['mean', (t, d) => t.mean(d)], ['prod', (t, d) => t.prod(d)], ['max', (t, d) => t.max(d)],
    ['min', (t, d) => t.min(d)], ['argmax', (t, d) => t.argmax(d)], ['argmin', (t, d) => t.argmin(d)], ['logsumexp', (t, d) => t.logsumexp(d)],
    ['var', (t, d) => t.var(d)], ['std', (t, d) => t.std(d)], ['softmax', (t, d) => t.softmax(d)], ['logSoftmax', (t, d) => t.logSoftmax(d)],
    ['squeeze', (t, d) => t.squeeze(d)], ['transpose', (t, d) => t.transpose(d, 0)], ['slice', (t, d) => t.slice(d, 0)], ['narrow', (t, d) => t.narrow(d, 0, 0)],
    ['flatten', (t, d) => t.flatten(d)], ['concat', (t, d) => concat([t, t], d)], ['gather', (t, d) => t.gather(d, zeros(t.shape, { dtype: 'int32' }))],
    ['indexSelect', (t, d) => t.indexSelect(d, [])],
  ];
  const badDim = shapeArb({ minRank: 1, maxRank: 3, minSize: 1 }).chain((s) =>
    fc.tuple(fc.constant(s), fc.oneof(fc.integer({ min: s.length, max: s.length + 3 }), fc.integer({ min: -s.length - 3, max: -s.length - 1 }))));

  it.prop([badDim, fc.constantFrom(...DIM_OPS)], { numRuns: 60 })('every op with a dim names itself, the dim and the shape when the dim is out of range', ([shape, dim], [op, call]) => {
    const r = shape.length;
    expectError(() => call(zeros(shape), dim), RangeError, `${op}: dim ${dim} is out of range for a tensor of rank ${r} of shape ${fmt(shape)} (expected ${-r}..${r - 1})`);
  });

  const misfit = fc.tuple(shapeArb({ maxRank: 3 }), fc.array(sizeArb(), { maxLength: 3 })).filter(([a, bb]) => count(a) !== count(bb));
  it.prop([misfit], { numRuns: 50 })('reshape and view name both shapes and the element count when the counts differ', ([from, to]) => {
    for (const op of ['reshape', 'view'] as const) {
      expectError(() => zeros(from)[op](to), ShapeError, `${op}: shape ${fmt(to)} is invalid for a tensor of shape ${fmt(from)} (${count(from)} elements)`);
    }
  });

  /** A shape with one entry that is no size (a fraction, a negative, NaN or infinite) at a random dim. */
  const badShape = fc.tuple(
    fc.array(sizeArb(), { maxLength: 3 }), fc.nat(),
    fc.oneof(fc.double({ noNaN: true }).filter((v) => !(Number.isInteger(v) && v >= 0)), fc.constantFrom(NaN, -1, Infinity)),
  ).map(([sizes, at, bad]): [number[], number, number] => {
    const d = at % (sizes.length + 1);
    return [[...sizes.slice(0, d), bad, ...sizes.slice(d)], d, bad];
  });
  const CREATORS: [string, (shape: number[]) => unknown][] = [
    ['zeros', (s) => zeros(s)], ['ones', (s) => ones(s)], ['full', (s) => full(s, 7)], ['rand', (s) => rand(s, new Generator(0))],
    ['randn', (s) => randn(s, new Generator(0))], ['randint', (s) => randint(0, 3, s, new Generator(0))], ['tensor', (s) => tensor([], { shape: s })],
    ['scatterAdd', (s) => scatterAdd(s, 0, ints([]), zeros([0]))],
  ];

  it.prop([badShape, fc.constantFrom(...CREATORS)], { numRuns: 60 })('a bad shape is refused naming the op, the shape, and the dim and size at fault', ([shape, d, bad], [op, make]) => {
    expectError(() => make(shape), ShapeError, `${op}: shape ${fmt(shape)} must hold non-negative integers, but dim ${d} has size ${bad}`);
  });

  /** Nested arrays of numbers with one element swapped for a boolean, at `where` (row-major flat index). */
  const withBoolean = fc.tuple(shapeArb({ minSize: 1, maxRank: 3 }), fc.nat(), fc.boolean()).map(([shape, at, b]) => {
    const where = at % count(shape);
    let flat = 0;
    const build = (depth: number): unknown =>
      depth === shape.length ? (flat++ === where ? b : flat) : Array.from({ length: shape[depth] }, () => build(depth + 1));
    const position: number[] = [];
    for (let rest = where, i = shape.length - 1; i >= 0; i--) {
      position.unshift(rest % shape[i]);
      rest = Math.floor(rest / shape[i]);
    }
    return { values: build(0), position, b };
  });

  it.prop([withBoolean], { numRuns: 50 })('a boolean among the numbers is refused as a boolean, at its position', ({ values, position, b }) => {
    expectError(() => tensor(values as never), TypeError,
      `tensor: element ${fmt(position)} is a boolean (${b}), but a tensor holds numbers: write 1 for true and 0 for false, or convert them with .map(Number)`);
  });

  const inner = fc.tuple(sizeArb(), sizeArb(), sizeArb(), sizeArb()).filter(([, k, l]) => k !== l);
  it.prop([inner], { numRuns: 50 })('matmul names both shapes and the inner sizes that differ', ([m, k, l, n]) => {
    expectError(() => zeros([m, k]).matmul(zeros([l, n])), ShapeError, `matmul: shapes ${fmt([m, k])} and ${fmt([l, n])} cannot be multiplied (inner sizes ${k} and ${l} differ)`);
  });
});
