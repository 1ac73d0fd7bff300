// attack: block the runner's thread for ever with Atomics.wait on a SharedArrayBuffer nobody will notify (in a call), and stop its own process with SIGSTOP
// exercise: 7.1
import type { Tensor } from '@gradschool/tensor';

const cell = new Int32Array(new SharedArrayBuffer(4));

export function kmeansEnergy(y: Tensor, w: Tensor): Tensor {
  Atomics.wait(cell, 0, 0); // never notified
  return y;
}

export function kmeansInfer(y: Tensor, w: Tensor): { z: Tensor; energy: Tensor } {
  const D = (globalThis as any).Deno;
  try { D.kill(D.pid, 'SIGSTOP'); } catch {}
  Atomics.wait(cell, 0, 0);
  return { z: y, energy: y };
}
