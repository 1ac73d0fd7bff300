// attack: answers too big to handle: a tensor of 50 million numbers, a plain array of 50 million, a string of 200 MB, a deeply nested array
// exercise: 2.3
import { type Tensor, zeros } from '@gradschool/tensor';

let calls = 0;

export function softmax(x: Tensor, dim = -1): Tensor {
  switch (calls++ % 4) {
    case 0: return zeros([50_000_000], { dtype: 'float64' });
    case 1: return new Array(50_000_000).fill(0.5) as any;
    case 2: return 'x'.repeat(200 * 2 ** 20) as any;
    default: {
      let nested: unknown[] = [];
      for (let i = 0; i < 100_000; i++) nested = [nested];
      return nested as any;
    }
  }
}
