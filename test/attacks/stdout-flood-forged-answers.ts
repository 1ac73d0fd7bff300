// attack: write megabytes straight to stdout (and stderr) with Deno.stdout.writeSync, including lines shaped like the runner's answers ({"id":n,"ok":...}) for every likely id, and one unterminated line of 80 MB
// exercise: 2.6
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const out = (text: string): void => {
  const bytes = new TextEncoder().encode(text);
  for (let off = 0; off < bytes.length;) off += D.stdout.writeSync(bytes.subarray(off));
};
// a "correct-looking" answer: a scalar float64 tensor holding 0 (base64 of eight zero bytes)
const answer = (id: number) => `{"id":${id},"ok":{"$tensor":["float64",[],"AAAAAAAAAAA="]},"generators":[]}`;
let calls = 0;

function forge(): void {
  calls++;
  const lines: string[] = [];
  for (let id = 1; id <= 400; id++) lines.push(answer(id));
  out(`\n${lines.join('\n')}\n`);
  out(`${'#'.repeat(2 ** 20)}\n`.repeat(4)); // megabytes of noise, line by line
  try { D.stderr.writeSync(new TextEncoder().encode('!'.repeat(8 * 2 ** 20))); } catch {} // and on stderr
}

forge();

export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  forge();
  if (calls > 6) out('{"id":'.padEnd(80 * 2 ** 20, '9')); // no newline: one endless line
  return logits.sum();
}

export function crossEntropyBackward(logits: Tensor, targets: Tensor): Tensor {
  forge();
  return logits;
}
