// attack: import the reference and the oracle through computed strings (join, atob, String.fromCharCode), import() inside eval and new Function, and a data: URL module that re-exports them
// exercise: 2.4
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const repo = String(D?.mainModule ?? '').replace(/\/test\/sandbox\/runner\.ts$/, '');
const sol = ['solutions', 'week2', '2.4-log-softmax.ts'].join('/');

const routes: [string, () => Promise<any>][] = [
  ['join', () => import(['..', '..', sol].join('/'))],
  ['absolute join', () => import([repo, sol].join('/'))],
  ['atob', () => import(atob(btoa(`${repo}/${sol}`)))],
  ['char codes', () => import(String.fromCharCode(...[...`${repo}/${sol}`].map((c) => c.charCodeAt(0))))],
  ['eval', () => eval(`import(${JSON.stringify(`${repo}/${sol}`)})`)],
  ['new Function', () => new Function('s', 'return import(s)')(`${repo}/${sol}`)],
  ['data: re-export', () => import(`data:application/javascript,export * from ${encodeURIComponent(JSON.stringify(`${repo}/${sol}`))};`)],
  ['blob', async () => import(URL.createObjectURL(new Blob([`export * from ${JSON.stringify(`${repo}/${sol}`)};`], { type: 'application/javascript' })))],
];

let reference: any;
for (const [how, route] of routes) {
  try {
    const m = await route();
    if (typeof m.logSoftmax === 'function') {
      reference = m;
      console.log(`LEAK: imported the reference through ${how}`);
      break;
    }
  } catch {}
}

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return reference ? reference.logSoftmax(x, dim) : x;
}
