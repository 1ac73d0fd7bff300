import type { Layer } from './figure.ts';
import { el, plainText, text } from './svg.ts';

export interface LegendEntry {
  label: string;
  colour: string;
  /**
   * How the entry is drawn: a dot (points), a stroke (lines), an arrow (displacements), a light
   * swatch (regions, drawn in light shades) or a solid one (bars).
   */
  mark?: 'point' | 'line' | 'arrow' | 'area' | 'bar';
  /** For a 'point' mark: its radius, as drawn on the figure (default 4). */
  radius?: number;
  /** For a 'line' mark: dashed, like the line it stands for. */
  dashed?: boolean;
}

export type Corner = 'top-left' | 'top-right' | 'bottom-left' | 'bottom-right';

/** A boxed key in a corner of the plot area. */
export function legend(entries: readonly LegendEntry[], corner: Corner = 'top-right'): Layer {
  return (fig) => {
    const rowHeight = 18;
    // Helvetica at 12px averages about 6.5px a character: enough to size the box.
    const boxWidth = 36 + 6.5 * Math.max(0, ...entries.map((e) => plainText(e.label).length));
    const boxHeight = 8 + rowHeight * entries.length;
    const { left, top, width, height } = fig.area;
    const x = corner.endsWith('left') ? left + 8 : left + width - 8 - boxWidth;
    const y = corner.startsWith('top') ? top + 8 : top + height - 8 - boxHeight;
    const rows = entries.map((e, i) => {
      const cy = y + 4 + rowHeight * (i + 0.5);
      const stroke = (x2: number) =>
        el('line', { x1: x + 8, y1: cy, x2, y2: cy, stroke: e.colour, 'stroke-width': 2, 'stroke-dasharray': e.dashed ? '4 3' : undefined });
      const mark = e.mark === 'line'
        ? stroke(x + 24)
        : e.mark === 'arrow'
          ? stroke(x + 19) + el('path', { d: `M${x + 18},${cy - 4}L${x + 25},${cy}L${x + 18},${cy + 4}Z`, fill: e.colour })
          : e.mark === 'area' || e.mark === 'bar'
            ? el('rect', {
              x: x + 9, y: cy - 6, width: 13, height: 12, fill: e.colour,
              ...(e.mark === 'area' ? { 'fill-opacity': 0.5, stroke: e.colour } : { stroke: '#222', 'stroke-width': 0.4 }),
            })
            : el('circle', { cx: x + 16, cy, r: e.radius ?? 4, fill: e.colour, stroke: '#222', 'stroke-width': 0.4 });
      return mark + text({ x: x + 30, y: cy + 4 }, e.label);
    });
    const box = el('rect', { x, y, width: boxWidth, height: boxHeight, fill: 'white', 'fill-opacity': 0.85, stroke: '#999', rx: 3 });
    return el('g', { 'font-size': 12, fill: '#222' }, box, ...rows);
  };
}
