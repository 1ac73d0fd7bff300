// attack: a Worker started with deno: { permissions: 'inherit' } (or 'none'/'allow-all'), hoping it gets more than the runner, and asking it to read the reference
// exercise: 7.1
import type { Tensor } from '@gradschool/tensor';

const repo = String((globalThis as any).Deno?.mainModule ?? '').replace(/^file:\/\//, '').replace(/\/test\/sandbox\/runner\.ts$/, '');
const source = `self.onmessage = () => { try { postMessage(Deno.readTextFileSync(${JSON.stringify(`${repo}/solutions/week7/7.1-kmeans.ts`)})); } catch (e) { postMessage('') } };`;

for (const permissions of ['inherit', { read: true, write: true, run: true }]) {
  try {
    const worker = new Worker(`data:application/javascript,${encodeURIComponent(source)}`, { type: 'module', deno: { permissions } } as any);
    const text = await new Promise<string>((resolve) => {
      worker.onmessage = (e) => resolve(String(e.data));
      worker.onerror = (e) => { e.preventDefault(); resolve(''); };
      worker.postMessage('go');
    });
    worker.terminate();
    if (text) console.log(`LEAK: a worker read the reference: ${text.slice(0, 60)}`);
  } catch {}
}

export const kmeansEnergy = (y: Tensor, w: Tensor): Tensor => y;
export const kmeansInfer = (y: Tensor, w: Tensor): { z: Tensor; energy: Tensor } => ({ z: y, energy: y });
