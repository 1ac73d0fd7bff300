/** Shared by the free-energy and Gibbs checks (7.2, 7.4): float64 oracles over one line of energies. */

/** F_β = m − (1/β) log Σ exp(−β(E − m)) with m = min E; β = Infinity gives m. */
export function freeEnergyLine(e: readonly number[], beta: number): number {
  const m = Math.min(...e);
  if (beta === Infinity) return m;
  return m - Math.log(e.reduce((acc, v) => acc + Math.exp(-beta * (v - m)), 0)) / beta;
}

/** P(y) = exp(−β(E(y) − m)) / Σ exp(−β(E − m)): the Gibbs distribution of one line. */
export function gibbsLine(e: readonly number[], beta: number): number[] {
  const m = Math.min(...e);
  const w = e.map((v) => Math.exp(-beta * (v - m)));
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((v) => v / total);
}
