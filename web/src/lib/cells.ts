/**
 * A field over the plane painted on a canvas, one pixel per grid cell, stretched by CSS over a
 * figure's plot area (the browser smooths it): for pictures redrawn many times a second, where
 * building SVG paths each time would cost more than the training step. The cells are written as
 * one image (thousands of fillRect calls would each be a draw call on the GPU canvas).
 */
import type { plot } from '@gradschool/models';

const rgbOf = new Map<string, [number, number, number]>();

/** Any CSS colour as [r, g, b] 0..255, parsed by a canvas (which writes opaque colours as #rrggbb). */
function rgb(colour: string, ctx: CanvasRenderingContext2D): [number, number, number] {
  let known = rgbOf.get(colour);
  if (!known) {
    ctx.fillStyle = colour;
    const hex = String(ctx.fillStyle);
    known = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as [number, number, number];
    rgbOf.set(colour, known);
  }
  return known;
}

/**
 * Place `canvas` over the plot area of `fig` (absolute, in a positioned container) and paint cell
 * i of grid `g` (gridPoints order: x fastest, then y upward) in `colourOf(i)`, mixed with white
 * by `1 - opacity` (the plot modules' light shades of class colours).
 */
export function paintCells(canvas: HTMLCanvasElement, fig: plot.Figure, g: plot.Grid, colourOf: (cell: number) => string, opacity = 1): void {
  Object.assign(canvas.style, {
    left: `${fig.area.left}px`, top: `${fig.area.top}px`, width: `${fig.area.width}px`, height: `${fig.area.height}px`,
  });
  [canvas.width, canvas.height] = [g.nx, g.ny];
  const ctx = canvas.getContext('2d')!;
  const image = ctx.createImageData(g.nx, g.ny);
  for (let j = 0; j < g.ny; j++) {
    for (let i = 0; i < g.nx; i++) {
      const colour = rgb(colourOf(j * g.nx + i), ctx);
      const at = 4 * ((g.ny - 1 - j) * g.nx + i); // image rows run downward, grid rows upward
      for (let c = 0; c < 3; c++) image.data[at + c] = 255 + opacity * (colour[c] - 255);
      image.data[at + 3] = 255;
    }
  }
  ctx.putImageData(image, 0, 0);
}
