// attack: read files outside the submission with Deno.readTextFileSync / node:fs / fetch(file:): /etc/passwd, the checks of 2.3, the reference, then answer from what was read
// exercise: 2.3
import type { Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const repo = String(D?.mainModule ?? '').replace(/^file:\/\//, '').replace(/\/test\/sandbox\/runner\.ts$/, '');
const files = ['/etc/passwd', '/etc/hostname', `${repo}/test/week2/2.3-softmax.checks.ts`, `${repo}/solutions/week2/2.3-softmax.ts`, `${repo}/test/week2/softmax-family.ts`, `${repo}/package.json`, `${repo}/.git/config`, `${repo}/../`];

const readers: [string, (f: string) => Promise<string> | string][] = [
  ['Deno.readTextFileSync', (f) => D.readTextFileSync(f)],
  ['Deno.readFile', async (f) => new TextDecoder().decode(await D.readFile(f))],
  ['Deno.openSync', (f) => { const h = D.openSync(f); const buf = new Uint8Array(64); h.readSync(buf); h.close(); return new TextDecoder().decode(buf); }],
  ['Deno.readDirSync', (f) => [...D.readDirSync(f)].map((e: any) => e.name).join(',')],
  ['Deno.statSync', (f) => JSON.stringify(D.statSync(f).size)],
  ['Deno.realPathSync', (f) => D.realPathSync(f)],
  ['node:fs', (f) => (globalThis as any).process.getBuiltinModule('fs').readFileSync(f, 'utf8')],
  ['fetch(file:)', async (f) => (await fetch(`file://${f}`)).text()],
];

let referenceText = '';
for (const file of files) {
  for (const [how, read] of readers) {
    try {
      const text = await read(file);
      console.log(`LEAK: ${how} read ${file}: ${text.slice(0, 60).replace(/\n/g, ' ')}`);
      if (file.includes('solutions')) referenceText = text;
      break;
    } catch {}
  }
}

// answer from the reference's text, if it could be read: evaluate it without its types
let reference: any;
if (referenceText) {
  try {
    const js = referenceText.replace(/import type[^;]*;/g, '').replace(/: Tensor/g, '').replace(/: number/g, '');
    reference = await import(`data:application/javascript,${encodeURIComponent(js)}`);
  } catch {}
}

export function softmax(x: Tensor, dim = -1): Tensor {
  return reference ? reference.softmax(x, dim) : x;
}
