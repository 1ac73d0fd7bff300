/**
 * Matrix products, [...batch, m, k] @ [...batch, k, n] -> [...batch, m, n], in three plans:
 *
 * - `simple`: one output per thread, a loop over k; two reads per multiply-add. What gpu.js's
 *   webasm and cpu modes run (they read host memory, where a read costs little).
 * - `texels` (webgl2, webgl, headlessgl): a GL read costs a texture fetch plus an integer division
 *   (gpu.js turns a flat index into texel coordinates), so values are fetched four at a time.
 *   A's rows and B's columns are first packed as vec4s along k (gpu.js `Array(4)` results, one
 *   texel each, a texture row per matrix row); each thread then computes a 2 x 2 block of C from
 *   4 fetches per 4 steps of k, 16 multiply-adds, where `simple` does 8 fetches for 4. That loop
 *   is GLSL (blockProduct), fetching texels by their 2-D coordinates with no division. The block
 *   comes out as one texel and a last kernel unpacks it into the flat layout every kernel reads.
 * - `floats` (webgpu): buffers hold plain floats (gpu.js reads no vec4s from them, and its kernel
 *   language has no workgroup memory), so each thread computes a 2 x 2 block of C, k unrolled by
 *   4: each value read serves 2 multiply-adds. The 4 results leave as one `Array(4)`; a last
 *   kernel puts them in row-major order.
 *
 * Packing and unpacking cost O(mk + kn + mn) against the product's O(mnk), so small products
 * keep `simple`, one kernel (see BLOCKED_MIN_WORK).
 */
import { coalesce } from '../layout.ts';
import { sizeOf } from '../shape.ts';
import type { Operand } from './kernels.ts';
import { type KernelCall, type NativeFunction, Program } from './program.ts';

export type MatmulPlan = 'simple' | 'texels' | 'floats';

/** Runs an intermediate kernel and hands back its result, which the caller frees after the last one. */
export type Step<A> = (call: KernelCall<A>) => A;

/**
 * Below this many multiply-adds the extra kernels of a blocked plan cost more than they save
 * (measured on SwiftShader and llvmpipe: see src/gpu/README.md).
 */
export const BLOCKED_MIN_WORK = 32 ** 3;

interface Dims {
  batch: { shape: number[]; strides: number[][] };
  m: number;
  k: number;
  n: number;
}

function dims<A>(a: Operand<A>, b: Operand<A>): Dims {
  const r = a.shape.length;
  const batch = coalesce(a.shape.slice(0, r - 2), [a.strides.slice(0, r - 2), b.strides.slice(0, r - 2)]);
  return { batch, m: a.shape[r - 2], k: a.shape[r - 1], n: b.shape[r - 1] };
}

/**
 * `texels` packs A and B into textures k / 4 texels wide and a row per row of A or column of B
 * (batches stacked). WebGL 2 guarantees only 2048 texels a side; 4096 is what gpu.js itself needs
 * for a tensor of 2^24 elements, so past it a product keeps `simple`.
 */
const MAX_TEXTURE_SIDE = 4096;

/** The plan for a product of this size on a device that prefers `blocked`. */
export function choosePlan(blocked: MatmulPlan, a: Operand<unknown>, b: Operand<unknown>): MatmulPlan {
  const { batch, m, k, n } = dims(a, b);
  const count = sizeOf(batch.shape);
  if (blocked === 'texels' && Math.max(k / 4, count * (m + 1), count * (n + 1)) > MAX_TEXTURE_SIDE) return 'simple';
  return count * m * n * k >= BLOCKED_MIN_WORK ? blocked : 'simple';
}

/** The product by `plan`; intermediate kernels go through `step`, the last is returned to run. */
export function matmul<A>(plan: MatmulPlan, a: Operand<A>, b: Operand<A>, int: boolean, step: Step<A>): KernelCall<A> {
  const d = dims(a, b);
  switch (plan) {
    case 'simple': return simple(a, b, d, int);
    case 'texels': return texels(a, b, d, int, step);
    case 'floats': return floats(a, b, d, int, step);
  }
}

/** Start of batch element `bi`'s matrix in each operand, and the batch element count. */
function batchStarts<A>(p: Program<A>, a: Operand<A>, b: Operand<A>, d: Dims, bi: string): [string, string] {
  const coords = p.coords(d.batch.shape, bi);
  return [p.position(a.offset, d.batch.strides[0], coords), p.position(b.offset, d.batch.strides[1], coords)];
}

const strides2 = <A>(x: Operand<A>): [number, number] => [x.strides[x.strides.length - 2], x.strides[x.strides.length - 1]];

function simple<A>(a: Operand<A>, b: Operand<A>, d: Dims, int: boolean): KernelCall<A> {
  const p = new Program<A>();
  const [na, nb] = [p.array(a.data), p.array(b.data)];
  const [ai, ak] = strides2(a);
  const [bk, bj] = strides2(b);
  const [bi, i, j] = p.coords([sizeOf(d.batch.shape), d.m, d.n]);
  const [startA, startB] = batchStarts(p, a, b, d, bi);
  const rowA = p.let(`${startA} + ${i} * ${p.scalar(ai)}`);
  const colB = p.let(`${startB} + ${j} * ${p.scalar(bj)}`);
  const [sak, sbk] = [p.scalar(ak), p.scalar(bk)];
  const acc = p.let('0');
  const kk = p.loop(d.k);
  p.line(`${acc} = ${acc} + ${na}[${rowA} + ${kk} * ${sak}] * ${nb}[${colB} + ${kk} * ${sbk}];`);
  p.line('}');
  return p.build(acc, sizeOf(d.batch.shape) * d.m * d.n, int);
}

/**
 * Rows of a matrix as vec4s along its columns: [batch, rows2, ceil(cols / 4)], rows padded to an
 * even count and columns past the end read as 0, so a 2 x 2 block never reads outside.
 * `which` picks the operand's batch strides; `strides` are its row and column strides.
 */
function pack<A>(x: Operand<A>, d: Dims, which: 0 | 1, rowsCols: [number, number], strides: [number, number]): KernelCall<A> {
  const [rowCount, cols] = rowsCols;
  const texels = Math.ceil(cols / 4);
  const p = new Program<A>(texels);
  const nx = p.array(x.data);
  const [bi, r, q] = p.coords([sizeOf(d.batch.shape), 2 * Math.ceil(rowCount / 2), texels]);
  const start = p.position(x.offset, d.batch.strides[which], p.coords(d.batch.shape, bi));
  // a padding row repeats the last real one: its results are never unpacked
  const row = p.let(`${r} < ${p.scalar(rowCount)} ? ${r} : ${p.scalar(rowCount - 1)}`);
  const base = p.let(`${start} + ${row} * ${p.scalar(strides[0])}`);
  const cs = p.scalar(strides[1]);
  const c = p.let(`${q} * 4`);
  const n = p.scalar(cols);
  const values = [0, 1, 2, 3].map((t) => {
    const v = p.let('0');
    p.line(`if (${c} + ${t} < ${n}) { ${v} = ${nx}[${base} + (${c} + ${t}) * ${cs}]; }`);
    return v;
  });
  return p.build(values, sizeOf(d.batch.shape) * 2 * Math.ceil(rowCount / 2) * texels, false);
}

/** 2 x 2 blocks of C from packed A rows and B columns; then unpacked into [...batch, m, n]. */
function texels<A>(a: Operand<A>, b: Operand<A>, d: Dims, int: boolean, step: Step<A>): KernelCall<A> {
  const [ai, ak] = strides2(a);
  const [bk, bj] = strides2(b);
  const packedA = step(pack(a, d, 0, [d.m, d.k], [ai, ak]));
  const packedB = step(pack(b, d, 1, [d.n, d.k], [bj, bk]));
  const [m2, n2, k4, batch] = [Math.ceil(d.m / 2), Math.ceil(d.n / 2), Math.ceil(d.k / 4), sizeOf(d.batch.shape)];

  const p = new Program<A>();
  const [na, nb] = [p.array(packedA), p.array(packedB)];
  const [bi, i2, j2] = p.coords([batch, m2, n2]);
  const rowA = p.let(`${bi} * ${p.scalar(2 * m2)} + 2 * ${i2}`);
  const rowB = p.let(`${bi} * ${p.scalar(2 * n2)} + 2 * ${j2}`);
  p.glsl(blockProduct(na, nb), k4);
  const sums = p.let(`blockProduct(${rowA}, ${rowB}, ${p.scalar(k4)})`);
  const blocks = step(p.build([0, 1, 2, 3].map((t) => `${sums}[${t}]`), batch * m2 * n2, false));

  return unpack(blocks, [batch, d.m, d.n], int, (u, [b0, i, j]) => {
    const [i0, j0] = [u.let(`Math.floor(${i} / 2)`), u.let(`Math.floor(${j} / 2)`)];
    return [`(${b0} * ${u.scalar(m2)} + ${i0}) * ${u.scalar(n2)} + ${j0}`, `(${i} - 2 * ${i0}) * 2 + ${j} - 2 * ${j0}`];
  });
}

/**
 * The 2 x 2 block of C from rows `rowA`, `rowA + 1` of packed A (array `a`) and `rowB`, `rowB + 1`
 * of packed B, in GLSL. A gpu.js read turns a flat index into texel coordinates with an integer
 * division and samples at normalised coordinates; the packed arrays are textures exactly k4
 * texels wide (pack), so here step q of row r is texel (q, r), fetched as is on WebGL 2.
 */
function blockProduct(a: string, b: string): NativeFunction {
  const [ta, tb] = [`user_${a}`, `user_${b}`];
  const rows: [string, string, string][] = [['x0', ta, 'ra'], ['x1', ta, 'ra + 1'], ['y0', tb, 'rb'], ['y1', tb, 'rb + 1']];
  const source = [
    'vec4 blockProduct(float rowA, float rowB, float k4) {',
    '  int n = int(k4);',
    '  int ra = int(rowA);',
    '  int rb = int(rowB);',
    '  vec4 sum = vec4(0.0);',
    // GLSL ES 1 (WebGL 1) loops need a constant bound
    '  for (int q = 0; q < LOOP_MAX; q++) {',
    '    if (q >= n) break;',
    ...rows.map(([x, t, r]) => [
      '#if __VERSION__ >= 300',
      `    vec4 ${x} = texelFetch(${t}, ivec2(q, ${r}), 0);`,
      '#else',
      `    vec4 ${x} = texture2D(${t}, (vec2(q, ${r}) + 0.5) / vec2(${t}Size));`,
      '#endif',
    ]).flat(),
    '    sum += vec4(dot(x0, y0), dot(x0, y1), dot(x1, y0), dot(x1, y1));',
    '  }',
    '  return sum;',
    '}',
  ].join('\n');
  return { name: 'blockProduct', source, returnType: 'Array(4)' };
}

/**
 * 2 x 2 blocks of C from plain reads, k unrolled by 4; then put in row-major order. Per 4 steps of
 * k a thread reads 4 consecutive values of each of its 2 rows of A and 2 columns of B, 16 reads for
 * 16 multiply-adds (4 rows of one column, the plan before this, read 20), with the loop's test and
 * index updates once per 4 steps. Where the blocks tile 8 x 8 exactly, threads run as rows of
 * n / 2: on a 2-D output gpu.js's webgpu mode runs 8 x 8 workgroups, which share 16 rows of A and
 * 16 columns of B (a 1-D output runs 64 threads along a row of C: 2 rows and 128 columns); each
 * thread still sees its flat index.
 */
function floats<A>(a: Operand<A>, b: Operand<A>, d: Dims, int: boolean, step: Step<A>): KernelCall<A> {
  const [ai, ak] = strides2(a);
  const [bk, bj] = strides2(b);
  const [m2, n2, batch] = [Math.ceil(d.m / 2), Math.ceil(d.n / 2), sizeOf(d.batch.shape)];

  // a partial 8 x 8 group would idle most of its lanes (7 in 8 for a matrix times a vector), and a
  // 2-D dispatch is not folded past WebGPU's 65535 groups a side, so other shapes stay 1-D
  const tiled = n2 % 8 === 0 && (batch * m2) % 8 === 0 && batch * m2 <= 8 * 65535;
  const p = new Program<A>(tiled ? n2 : undefined);
  const [na, nb] = [p.array(a.data), p.array(b.data)];
  const [bi, i2, j2] = p.coords([batch, m2, n2]);
  const [startA, startB] = batchStarts(p, a, b, d, bi);
  // a row or column past the end repeats the last one, so every read stays inside A and B; its results are never unpacked
  const edge = (start: string, at: string, t: number, last: number, stride: number): string =>
    p.let(`${start} + (2 * ${at} + ${t} < ${p.scalar(last)} ? 2 * ${at} + ${t} : ${p.scalar(last)}) * ${p.scalar(stride)}`);
  // positions of step k's values, advanced as k goes (float32 sums of integers, exact below 2^24)
  const rowA = [0, 1].map((t) => edge(startA, i2, t, d.m - 1, ai));
  const colB = [0, 1].map((t) => edge(startB, j2, t, d.n - 1, bj));
  const [offA, offB] = [[0, 1, 2, 3].map((t) => p.scalar(t * ak)), [0, 1, 2, 3].map((t) => p.scalar(t * bk))];
  const [stepA, stepB] = [p.scalar(4 * ak), p.scalar(4 * bk)];
  const sums = [0, 1, 2, 3].map(() => p.let('0'));
  const advance = (byA: string, byB: string): void => {
    rowA.forEach((row) => p.line(`${row} = ${row} + ${byA};`));
    colB.forEach((col) => p.line(`${col} = ${col} + ${byB};`));
  };
  const k4 = Math.floor(d.k / 4);
  p.loop(k4);
  const x = rowA.map((row) => offA.map((o) => p.let(`${na}[${row} + ${o}]`)));
  const y = colB.map((col) => offB.map((o) => p.let(`${nb}[${col} + ${o}]`)));
  sums.forEach((s, t) => {
    const [r, c] = [t >> 1, t & 1];
    p.line(`${s} = ${s} + ${[0, 1, 2, 3].map((q) => `${x[r][q]} * ${y[c][q]}`).join(' + ')};`);
  });
  advance(stepA, stepB);
  p.line('}');
  // the last k % 4 steps
  p.loop(d.k - 4 * k4);
  const [x1, y1] = [rowA.map((row) => p.let(`${na}[${row}]`)), colB.map((col) => p.let(`${nb}[${col}]`))];
  sums.forEach((s, t) => p.line(`${s} = ${s} + ${x1[t >> 1]} * ${y1[t & 1]};`));
  advance(offA[1], offB[1]);
  p.line('}');
  const blocks = step(p.build(sums, batch * m2 * n2, false));

  // `blocks` is flat here: an Array(4) result on webgpu is 4 consecutive floats per thread (device.ts)
  return unpack(blocks, [batch, d.m, d.n], int, (u, [b0, i, j]) => {
    const [i0, j0] = [u.let(`Math.floor(${i} / 2)`), u.let(`Math.floor(${j} / 2)`)];
    return [`((${b0} * ${u.scalar(m2)} + ${i0}) * ${u.scalar(n2)} + ${j0}) * 4 + (${i} - 2 * ${i0}) * 2 + ${j} - 2 * ${j0}`, null];
  });
}

/**
 * C in row-major order from a blocked result: `locate` gives, for coordinates [batch, i, j], the
 * index to read and, where that read is a vec4 (GL), which of its components.
 */
function unpack<A>(blocked: A, shape: [number, number, number], int: boolean, locate: (p: Program<A>, coords: string[]) => [string, string | null]): KernelCall<A> {
  const p = new Program<A>();
  const name = p.array(blocked);
  const [at, component] = locate(p, p.coords(shape));
  if (component === null) return p.build(p.let(`${name}[${at}]`), sizeOf(shape), int);
  const v = p.let(`${name}[${at}]`);
  const c = p.let(component);
  return p.build(p.let(`${c} == 0 ? ${v}[0] : (${c} == 1 ? ${v}[1] : (${c} == 2 ? ${v}[2] : ${v}[3]))`), sizeOf(shape), int);
}
