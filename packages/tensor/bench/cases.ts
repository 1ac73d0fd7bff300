/**
 * What the benchmark times: matmul 128-1024, a large elementwise add and a row sum. Shared by the
 * Node/Deno entry (main.ts) and the browser one (browser.ts), so both time the same work.
 */
export type Op = 'matmul' | 'add' | 'sum';

/** `flops` counts 2n³ for an n x n matmul and one flop per element for an add or a sum. */
export interface Case { label: string; op: Op; shapes: number[][]; flops: number }

const matmul = (n: number): Case => ({ label: `matmul ${n}x${n}`, op: 'matmul', shapes: [[n, n], [n, n]], flops: 2 * n ** 3 });

export const CASES: Case[] = [
  ...[128, 256, 512, 1024].map(matmul),
  { label: 'add 2048x2048', op: 'add', shapes: [[2048, 2048], [2048, 2048]], flops: 2048 * 2048 },
  { label: 'sum rows 2048x2048', op: 'sum', shapes: [[2048, 2048]], flops: 2048 * 2048 },
];

/** The cases of the ops in BENCH_ONLY's comma-separated list (`add,sum`), or all of them. */
export function selectCases(only: string | undefined): Case[] {
  const ops = only?.split(',');
  return ops ? CASES.filter((c) => ops.includes(c.op)) : CASES;
}
