import { describe, expect, it } from 'vitest';
import { loadMnist, MNIST_PIXELS } from '../../src/week7/mnist.ts';

// Facts read from the package's JSON files with an independent script (Python's json module):
// the first digit of class 0 has its first lit pixel at 127 (value 0.2), its last at 657
// (0.145), 176 lit pixels and a total intensity of 121.921; the second digit of class 3 has its
// first lit pixel at 123 (0.165) and total 111.951.
describe('loadMnist', () => {
  it('reads real digits, cycling through the classes', async () => {
    const { images, labels } = await loadMnist({ count: 25 });
    expect(images.shape).toEqual([25, MNIST_PIXELS]);
    expect(images.dtype).toBe('float32');
    expect(Array.from(labels.data())).toEqual(Array.from({ length: 25 }, (_, i) => i % 10));
    const px = images.data();
    const digit = (i: number) => Array.from(px.subarray(i * MNIST_PIXELS, (i + 1) * MNIST_PIXELS));
    const zero = digit(0);
    const lit = zero.flatMap((v, i) => (v > 0 ? [i] : []));
    expect([lit[0], lit.at(-1), lit.length]).toEqual([127, 657, 176]);
    expect(zero[127]).toBeCloseTo(0.2, 6);
    expect(zero[657]).toBeCloseTo(0.145, 6);
    expect(zero.reduce((s, v) => s + v, 0)).toBeCloseTo(121.921, 3);
    const three = digit(13); // the second 3
    expect(three.findIndex((v) => v > 0)).toBe(123);
    expect(three.reduce((s, v) => s + v, 0)).toBeCloseTo(111.951, 3);
    expect(Math.min(...px)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...px)).toBeLessThanOrEqual(1);
  });

  it('splits by position: start continues the same order', async () => {
    const all = await loadMnist({ count: 30, dtype: 'float64' });
    const tail = await loadMnist({ count: 12, start: 18, dtype: 'float64' });
    expect(tail.images.toArray()).toEqual(all.images.slice(0, 18).toArray());
    expect(Array.from(tail.labels.data())).toEqual(Array.from(all.labels.data()).slice(18));
  });

  it('draws from the classes asked for, and knows how many there are', async () => {
    const { labels } = await loadMnist({ digits: [5, 1], count: 5 });
    expect(Array.from(labels.data())).toEqual([5, 1, 5, 1, 5]);
    const fives = await loadMnist({ digits: [5], start: 860 });
    expect(fives.images.shape).toEqual([3, MNIST_PIXELS]); // the package holds 863 fives
  });

  it('explains what it cannot do', async () => {
    await expect(loadMnist({ digits: [3, 3] })).rejects.toThrow('loadMnist: digits must be distinct integers in 0..9, got [3,3]');
    await expect(loadMnist({ digits: [5], count: 900 })).rejects.toThrow(
      'loadMnist: asked for 900 digits from position 0, but classes [5] hold 863 digits in all');
  });
});
