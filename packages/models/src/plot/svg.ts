/** Writing SVG as text: elements, attributes and the escaping they need. */

export type Attrs = Record<string, string | number | undefined>;

const escapes: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const escapeText = (s: string): string => s.replace(/[&<>"]/g, (c) => escapes[c]);

/** Two decimals are finer than a pixel and keep files with thousands of points small. */
export const px = (v: number): string => String(Math.round(v * 100) / 100);

/** `<tag a="1">children</tag>`; attributes set to undefined are left out, numbers are rounded to pixels. */
export function el(tag: string, attrs: Attrs = {}, ...children: string[]): string {
  const list = Object.entries(attrs)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${typeof v === 'number' ? px(v) : escapeText(String(v))}"`)
    .join('');
  return children.length === 0 ? `<${tag}${list}/>` : `<${tag}${list}>${children.join('')}</${tag}>`;
}

/** A complete, standalone SVG file. */
export function svgDocument(width: number, height: number, ...body: string[]): string {
  const attrs = {
    xmlns: 'http://www.w3.org/2000/svg', width, height, viewBox: `0 0 ${px(width)} ${px(height)}`,
    'font-family': 'Helvetica, Arial, sans-serif', 'font-size': 12,
  };
  return `<?xml version="1.0" encoding="UTF-8"?>\n${el('svg', attrs, el('rect', { width, height, fill: 'white' }), ...body)}\n`;
}

/** `_{...}` marks a subscript and `^{...}` a superscript in a label: `min_{z}`, `F_{β}`, `‖y‖^{2}`. */
const SCRIPT = /([_^])\{([^{}]*)\}/g;

/** The label as it reads, without the script markup (to measure it). */
export const plainText = (content: string): string => content.replace(SCRIPT, '$2');

/**
 * A text element; its content is escaped, so labels may hold any characters, and `_{...}` /
 * `^{...}` become lowered / raised smaller text (tspans shifted with dy, which every SVG viewer
 * honours, unlike baseline-shift), so `min_{z}` reads as the notes typeset it.
 */
export function text(attrs: Attrs, content: string): string {
  const parts: string[] = [];
  let at = 0;
  let shift = 0; // how far a script moved the baseline (in the script's em), to move back after it
  for (const m of content.matchAll(SCRIPT)) {
    if (m.index > at) {
      parts.push(shifted(escapeText(content.slice(at, m.index)), -shift));
      shift = 0;
    }
    const dy = m[1] === '_' ? 0.3 : -0.45;
    parts.push(el('tspan', { dy: `${dy - shift}em`, 'font-size': '75%' }, escapeText(m[2])));
    shift = dy;
    at = m.index + m[0].length;
  }
  if (at < content.length) parts.push(shifted(escapeText(content.slice(at)), -shift));
  return el('text', attrs, ...parts);
}

// dy in em of the script's 75 % font is 0.75 of the parent's em: scale the way back to match
const shifted = (escaped: string, back: number): string =>
  back === 0 ? escaped : el('tspan', { dy: `${Math.round(back * 750) / 1000}em` }, escaped);
