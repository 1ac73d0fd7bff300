// attack: reach the network: fetch to 127.0.0.1 and a public host, Deno.connect, Deno.listen, WebSocket, a UDP socket (to fetch answers or report the inputs)
// exercise: 2.9
import type { Generator, Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const attempts: [string, () => Promise<unknown>][] = [
  ['fetch 127.0.0.1', () => fetch('http://127.0.0.1:8080/answers.json').then((r) => r.text())],
  ['fetch public', () => fetch('https://example.com/').then((r) => r.status)],
  ['Deno.connect', () => D.connect({ hostname: '127.0.0.1', port: 22 })],
  ['Deno.listen', async () => D.listen({ port: 0 })],
  ['Deno.listenDatagram', async () => D.listenDatagram({ port: 0, transport: 'udp' })],
  ['Deno.resolveDns', () => D.resolveDns('example.com', 'A')],
  ['WebSocket', () => new Promise((res, rej) => { const ws = new WebSocket('ws://127.0.0.1:9229'); ws.onopen = res; ws.onerror = rej; })],
  ['Deno.serve', async () => D.serve({ port: 0, onListen() {} }, () => new Response('hi'))],
];
for (const [what, attempt] of attempts) {
  try {
    await Promise.race([attempt(), new Promise((_, rej) => setTimeout(() => rej(new Error('slow')), 500))]);
    console.log(`LEAK: ${what} worked`);
  } catch {}
}

export function standardize(x: Tensor, stats?: unknown): unknown {
  return { x, mean: x, std: x };
}

export function heInit(fanIn: number, fanOut: number, gen: Generator): Tensor {
  throw new Error('later');
}

export function minibatches(n: number, batchSize: number, gen: Generator): number[][] {
  return [];
}
