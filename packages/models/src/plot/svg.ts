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

/** A text element; its content is escaped, so labels may hold any characters. */
export const text = (attrs: Attrs, content: string): string => el('text', attrs, escapeText(content));
