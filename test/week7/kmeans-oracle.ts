/** Shared by the K-means checks (7.1, 7.3): the energy table and its row minima, in float64. */
import { type Nd, nd } from '../harness/nd.ts';

/** E[i, j] = Σ_d (y[i, d] − w[d, j])² for y [n, d] and w [d, k]. */
export function kmeansEnergyNd(y: Nd, w: Nd): Nd {
  const [n, d] = y.shape;
  const k = w.shape[1];
  const out = nd([n, k]);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) {
      let s = 0;
      for (let f = 0; f < d; f++) s += (y.data[i * d + f] - w.data[f * k + j]) ** 2;
      out.data[i * k + j] = s;
    }
  }
  return out;
}

/** The smallest entry of each row of an [n, k] array. */
export function minima(table: Nd): Nd {
  const [n, k] = table.shape;
  return nd([n], Array.from({ length: n }, (_, i) => Math.min(...table.data.subarray(i * k, (i + 1) * k))));
}

/** The index of the smallest entry of each row (the first, where several tie). */
export function argmins(table: Nd): number[] {
  const [n, k] = table.shape;
  return Array.from({ length: n }, (_, i) => {
    let best = 0;
    for (let j = 1; j < k; j++) if (table.data[i * k + j] < table.data[i * k + best]) best = j;
    return best;
  });
}
