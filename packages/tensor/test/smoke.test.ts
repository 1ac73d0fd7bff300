import { describe, expect, it } from 'vitest';
import { tensor } from '../src/index.ts';

describe('tensor smoke', () => {
  it('multiplies a non-square pair', () => {
    const a = tensor([[1, 2, 3], [4, 5, 6]]);
    const b = tensor([[1], [0], [-1]]);
    expect(a.matmul(b).toArray()).toEqual([[-2], [-2]]);
  });
});
