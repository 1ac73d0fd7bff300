import { tensor, type Tensor } from '@gradschool/tensor';
import { checkCount } from '../check.ts';
import type { Domain } from './figure.ts';

/** A raster over a rectangle of the plane: nx × ny cells, a field sampled at each cell's centre. */
export interface Grid {
  readonly x: Domain;
  readonly y: Domain;
  readonly nx: number;
  readonly ny: number;
}

export function grid(x: Domain, y: Domain, nx: number, ny = nx): Grid {
  return { x, y, nx: checkCount('grid', 'nx', nx, 1), ny: checkCount('grid', 'ny', ny, 1) };
}

/**
 * The cell centres as a float32 [ny·nx, 2] tensor, x varying fastest then y upward: feed it to a
 * model to get one value per cell in the order the contour layers read them.
 */
export function gridPoints(g: Grid): Tensor {
  const out = new Float32Array(g.nx * g.ny * 2);
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      const k = 2 * (j * g.nx + i);
      out[k] = g.x[0] + ((i + 0.5) * (g.x[1] - g.x[0])) / g.nx;
      out[k + 1] = g.y[0] + ((j + 0.5) * (g.y[1] - g.y[0])) / g.ny;
    }
  }
  return tensor(out, { shape: [g.nx * g.ny, 2] });
}
