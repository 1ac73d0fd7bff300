// attack: localStorage and the Cache API persist on disk outside the sandbox: one runner (2.3) leaves a message, another (2.4) picks it up — another exercise, or another student's submission in bulk grading
// exercises: 2.3, 2.4
// this file: the receiving end: read what another runner left in localStorage or the Cache API, from its own global or a Worker's (and remove it)
// jobs: 1
import type { Tensor } from '@gradschool/tensor';

try {
  const got = (globalThis as any).localStorage.getItem('gradschool-attack-pwned');
  if (got) console.log(`LEAK: localStorage carried a message from another process: ${got.slice(0, 80)}`);
  (globalThis as any).localStorage.removeItem('gradschool-attack-pwned');
} catch {}
try {
  const cache = await (globalThis as any).caches.open('gradschool-attack-pwned');
  const hit = await cache.match('https://answers.invalid/2.3');
  if (hit) console.log(`LEAK: the Cache API carried a message from another process: ${(await hit.text()).slice(0, 80)}`);
  await (globalThis as any).caches.delete('gradschool-attack-pwned');
} catch {}

const RECEIVE = `
let got = '';
try {
  const hit = await (await caches.open('gradschool-attack-pwned')).match('https://answers.invalid/2.3');
  if (hit) got = await hit.text();
  await caches.delete('gradschool-attack-pwned');
} catch {}
postMessage(got);`;
try {
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(RECEIVE)}`, { type: 'module' });
  const got = await Promise.race([
    new Promise<string>((resolve) => { worker.onmessage = (e) => resolve(String(e.data)); worker.onerror = (e) => { e.preventDefault(); resolve(''); }; }),
    new Promise<string>((r) => setTimeout(() => r(''), 2_000)),
  ]);
  worker.terminate();
  if (got) console.log(`LEAK: a Worker's Cache API carried a message from another process: ${got.slice(0, 80)}`);
} catch {}

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  return x;
}
