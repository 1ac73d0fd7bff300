import { describe, expect, it } from 'vitest';
import { diagram } from '../../src/plot/diagram.ts';
import { kmeansDiagram, lvEbmDiagram } from '../../src/week7/diagrams.ts';

const count = (svg: string, tag: string): number => svg.split(`<${tag} `).length - 1;
const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([\s\S]*?)<\/text>/g)].map((m) => m[1].replace(/<[^>]+>/g, ''));

describe('the notes\' diagrams', () => {
  it('Fig. 3: x and y observed, z latent, each feeding E(x, y, z); F by a minimum and F_β by an integral over z', () => {
    const svg = lvEbmDiagram();
    for (const label of ['x', 'y', 'z', 'E(x, y, z)', 'F(x, y) = minz E(x, y, z)', 'Fβ(x, y) = −(1/β) log ∫ exp(−β E(x, y, z)) dz']) expect(texts(svg)).toContain(label);
    expect(count(svg, 'line')).toBe(3 + 1); // three arrows, then the rule above the key
    expect(texts(svg)).toEqual(expect.arrayContaining(['observed variable', 'latent variable', 'energy term (a scalar)']));
    expect(texts(svg)).not.toContain('deterministic function'); // the key names only the shapes drawn
  });

  it('Fig. 4: one-hot z through W, and y, into ‖y − Wz‖²', () => {
    const svg = kmeansDiagram();
    for (const label of ['z', 'Wz', 'y', '‖y − Wz‖2', 'deterministic function']) expect(texts(svg)).toContain(label);
    expect(count(svg, 'line')).toBe(3 + 1);
  });
});

describe('diagram', () => {
  const nodes = [{ id: 'a', kind: 'latent' as const, label: 'a', x: 50, y: 50 }, { id: 'b', kind: 'function' as const, label: 'f(a)', x: 200, y: 50 }];

  it('starts each arrow on the edge of its source and ends it on the edge of its target', () => {
    const svg = diagram({ width: 300, height: 100, nodes, arrows: [['a', 'b']] });
    // the circle's radius is 20, and the box round 'f(a)' is 8·4 + 24 = 60 wide (its minimum)
    expect(svg).toContain('<line x1="70" y1="50" x2="170" y2="50"');
  });

  it('names an arrow\'s unknown node', () => {
    expect(() => diagram({ width: 300, height: 100, nodes, arrows: [['a', 'c']] })).toThrow("diagram: an arrow names 'c', which is no node (nodes: a, b)");
  });
});
