// attack: overwrite its own exercise file (and add a new one) inside the submission folder while being graded, so that a later run loads a different answer
// exercise: 2.5
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const here = new URL('.', import.meta.url);

const ANSWER = `import type { Tensor } from '@gradschool/tensor';
export const softmaxBackward = (y: Tensor, g: Tensor, dim = -1) => y.mul(g.sub(y.mul(g).sum(dim, { keepdim: true })));
export const logSoftmaxBackward = (y: Tensor, g: Tensor, dim = -1) => g.sub(y.exp().mul(g.sum(dim, { keepdim: true })));
`;

function scribble(): void {
  for (const [file, text] of [
    [new URL('2.5-softmax-backward.ts', here), ANSWER],
    [new URL('gradschool-attack-pwned.ts', here), '// written by exercise code\n'],
    [new URL('../gradschool-attack-pwned.txt', here), 'pwned\n'],
    [new URL('../../gradschool-attack-pwned.txt', here), 'pwned\n'],
  ] as const) {
    try { D.writeTextFileSync(file, text); } catch {}
  }
  try { D.mkdirSync(new URL('gradschool-attack-pwned-dir', here)); } catch {}
}

scribble();

export function softmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  scribble();
  return gradOutput;
}

export function logSoftmaxBackward(y: Tensor, gradOutput: Tensor, dim = -1): Tensor {
  scribble();
  return gradOutput;
}
