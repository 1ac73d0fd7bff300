// attack: a memory bomb: allocate ever more arrays (plain arrays at load, then typed arrays in a call) until the process dies, hoping to take the grader with it
// exercise: 7.3
// run: alone
import type { Tensor } from '@gradschool/tensor';

const hog: unknown[] = [];

export function lloydStep(y: Tensor, w: Tensor): Tensor {
  for (;;) hog.push(new Array(1_000_000).fill(Math.random())); // plain arrays: the JS heap, until V8 gives up
}

export function kmeans(y: Tensor, w: Tensor, maxSteps: number): unknown {
  // typed arrays live outside the JS heap; this one stops at 2 GB so that the suite cannot take down the machine it runs on
  for (let total = 0; total < 2 * 2 ** 30; total += 100 * 2 ** 20) hog.push(new Float64Array(100 * 2 ** 17).fill(1));
  return { w, steps: 0, energies: [], converged: true };
}
