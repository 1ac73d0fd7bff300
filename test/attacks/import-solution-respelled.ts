// attack: import the reference under another spelling of its path (a doubled slash, percent-encoded letters, /./, a trailing query) so that no import-map prefix matches it
// exercise: 2.3
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const repo = String(D?.mainModule ?? '').replace(/^file:\/\//, '').replace(/\/test\/sandbox\/runner\.ts$/, '');
const parts = repo.split('/').filter(Boolean);
const respell = (f: (p: string[]) => string) => `file://${f(parts)}/solutions/week2/2.3-softmax.ts`;

const specs = [
  respell((p) => `/${p.join('//')}`),
  respell((p) => `//${p.join('/')}`),
  respell((p) => `/${p.map((s) => s.replace(/^./, (c) => `%${c.charCodeAt(0).toString(16)}`)).join('/')}`),
  respell((p) => `/${p.join('/./')}`),
  `file://${repo}/solutions/./week2/2.3-softmax.ts?v=1`,
  `file://${repo}/solutions//week2//2.3-softmax.ts#x`,
  `file://localhost${repo}/solutions/week2/2.3-softmax.ts`,
];

let reference: any;
for (const spec of specs) {
  try {
    reference = await import(spec);
    console.log(`LEAK: imported the reference as ${spec}`);
    break;
  } catch {}
}

export function softmax(x: Tensor, dim = -1): Tensor {
  return reference ? reference.softmax(x, dim) : x;
}
