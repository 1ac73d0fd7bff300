/**
 * A field over the plane painted on a canvas, one pixel per grid cell, stretched by CSS over a
 * figure's plot area (the browser smooths it): for pictures redrawn many times a second, where
 * building SVG paths each time would cost more than the training step.
 */
import type { plot } from '@gradschool/models';

/**
 * Place `canvas` over the plot area of `fig` (absolute, in a positioned container) and paint cell
 * i of grid `g` (gridPoints order: x fastest, then y upward) in `colourOf(i)`.
 */
export function paintCells(canvas: HTMLCanvasElement, fig: plot.Figure, g: plot.Grid, colourOf: (cell: number) => string, alpha = 1): void {
  Object.assign(canvas.style, {
    left: `${fig.area.left}px`, top: `${fig.area.top}px`, width: `${fig.area.width}px`, height: `${fig.area.height}px`,
  });
  [canvas.width, canvas.height] = [g.nx, g.ny];
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, g.nx, g.ny);
  // alpha over white is the plot modules' tint: a light shade of the colour
  ctx.globalAlpha = alpha;
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      ctx.fillStyle = colourOf(j * g.nx + i);
      ctx.fillRect(i, g.ny - 1 - j, 1, 1); // canvas rows run downward, grid rows upward
    }
  }
  ctx.globalAlpha = 1;
}
