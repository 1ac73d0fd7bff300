// attack: write into /tmp (a cache of answers between runs, a file for a helper to pick up) with Deno and node:fs, and make a temp dir
// exercise: 2.6
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;

for (const write of [
  () => D.writeTextFileSync('/tmp/gradschool-attack-pwned-deno.txt', 'pwned'),
  () => D.makeTempDirSync({ prefix: 'gradschool-attack-pwned-' }),
  () => D.makeTempFileSync({ prefix: 'gradschool-attack-pwned-' }),
  () => (globalThis as any).process.getBuiltinModule('fs').writeFileSync('/tmp/gradschool-attack-pwned-node.txt', 'pwned'),
  () => (globalThis as any).process.getBuiltinModule('fs').mkdtempSync('/tmp/gradschool-attack-pwned-'),
  () => localStorage.setItem('gradschool-attack-pwned', 'pwned'),
]) {
  try { write(); } catch {}
}

export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  return logits.sum();
}

export function crossEntropyBackward(logits: Tensor, targets: Tensor): Tensor {
  return logits;
}
