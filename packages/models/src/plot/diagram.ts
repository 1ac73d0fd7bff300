/**
 * Block diagrams in the notation of the course's energy-based-model figures: variables are
 * circles (observed ones shaded, latent ones white), a deterministic function is a rounded box,
 * a scalar energy term is a red box, and arrows say what feeds what. A key names each shape used.
 */
import { el, plainText, svgDocument, text } from './svg.ts';

export type NodeKind = 'observed' | 'latent' | 'function' | 'energy';

export interface DiagramNode {
  id: string;
  kind: NodeKind;
  /** Typeset with `_{…}` and `^{…}`, as every label. */
  label: string;
  /** Centre, in pixels. */
  x: number;
  y: number;
}

export interface DiagramOptions {
  width: number;
  height: number;
  title?: string;
  nodes: readonly DiagramNode[];
  /** [from id, to id]: an arrow from the edge of one node to the edge of the other. */
  arrows: readonly (readonly [string, string])[];
  /** Free text (formulas, remarks) at a point, centred on it. */
  notes?: readonly { x: number; y: number; text: string }[];
}

const STYLE: Record<NodeKind, { fill: string; stroke: string; key: string }> = {
  observed: { fill: '#d9d9d9', stroke: '#333', key: 'observed variable' },
  latent: { fill: '#ffffff', stroke: '#333', key: 'latent variable' },
  function: { fill: '#cfe2f3', stroke: '#3d6b99', key: 'deterministic function' },
  energy: { fill: '#f4cccc', stroke: '#b03a3a', key: 'energy term (a scalar)' },
};
const RADIUS = 20;
const BOX_HEIGHT = 40;
// Helvetica at 15 px averages about 8 px a character: enough to size a box round its label.
const boxWidth = (label: string) => Math.max(60, 8 * plainText(label).length + 24);

/** Where the segment from a node's centre towards (tx, ty) leaves the node's outline. */
function exit(n: DiagramNode, tx: number, ty: number): [number, number] {
  const [dx, dy] = [tx - n.x, ty - n.y];
  const length = Math.hypot(dx, dy) || 1;
  if (n.kind === 'observed' || n.kind === 'latent') return [n.x + (RADIUS * dx) / length, n.y + (RADIUS * dy) / length];
  const [hw, hh] = [boxWidth(n.label) / 2, BOX_HEIGHT / 2];
  const t = Math.min(hw / Math.abs(dx || 1e-9), hh / Math.abs(dy || 1e-9));
  return [n.x + t * dx, n.y + t * dy];
}

function shape(n: DiagramNode, x: number, y: number): string {
  const { fill, stroke } = STYLE[n.kind];
  if (n.kind === 'observed' || n.kind === 'latent') return el('circle', { cx: x, cy: y, r: RADIUS, fill, stroke, 'stroke-width': 1.5 });
  const w = boxWidth(n.label);
  return el('rect', { x: x - w / 2, y: y - BOX_HEIGHT / 2, width: w, height: BOX_HEIGHT, rx: n.kind === 'function' ? 10 : 3, fill, stroke, 'stroke-width': 1.5 });
}

/** A standalone SVG block diagram with a key of the shapes it uses. */
export function diagram(opts: DiagramOptions): string {
  const byId = new Map(opts.nodes.map((n) => [n.id, n]));
  const node = (id: string) => {
    const n = byId.get(id);
    if (!n) throw new RangeError(`diagram: an arrow names '${id}', which is no node (nodes: ${[...byId.keys()].join(', ')})`);
    return n;
  };
  const marker = el('marker', { id: 'head', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 7, markerHeight: 7, orient: 'auto-start-reverse' },
    el('path', { d: 'M0,0L10,5L0,10Z', fill: '#333' }));
  const arrows = opts.arrows.map(([a, b]) => {
    const [from, to] = [node(a), node(b)];
    const [x1, y1] = exit(from, to.x, to.y);
    const [x2, y2] = exit(to, from.x, from.y);
    return el('line', { x1, y1, x2, y2, stroke: '#333', 'stroke-width': 1.5, 'marker-end': 'url(#head)' });
  });
  const nodes = opts.nodes.map((n) => shape(n, n.x, n.y) + text({ x: n.x, y: n.y + 5, 'text-anchor': 'middle', 'font-size': 15 }, n.label));
  const notes = (opts.notes ?? []).map((t) => text({ x: t.x, y: t.y, 'text-anchor': 'middle', 'font-size': 14 }, t.text));
  const kinds = (Object.keys(STYLE) as NodeKind[]).filter((k) => opts.nodes.some((n) => n.kind === k));
  const keyTop = opts.height + 14;
  const key = kinds.map((k, i) => {
    const y = keyTop + 20 * i;
    const mark = k === 'observed' || k === 'latent'
      ? el('circle', { cx: 22, cy: y, r: 7, fill: STYLE[k].fill, stroke: STYLE[k].stroke, 'stroke-width': 1.2 })
      : el('rect', { x: 13, y: y - 7, width: 18, height: 14, rx: k === 'function' ? 4 : 1, fill: STYLE[k].fill, stroke: STYLE[k].stroke, 'stroke-width': 1.2 });
    return mark + text({ x: 38, y: y + 4 }, STYLE[k].key);
  });
  const title = opts.title ? text({ x: opts.width / 2, y: 22, 'text-anchor': 'middle', 'font-size': 15, 'font-weight': 'bold' }, opts.title) : '';
  return svgDocument(opts.width, keyTop + 20 * kinds.length, el('defs', {}, marker), title, ...arrows, ...nodes, ...notes,
    el('line', { x1: 10, y1: opts.height, x2: opts.width - 10, y2: opts.height, stroke: '#ccc' }), el('g', { 'font-size': 12, fill: '#222' }, ...key));
}
