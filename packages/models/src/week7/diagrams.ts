/**
 * The notes' two block diagrams of week 7 part B, drawn in their notation (`plot.diagram`):
 * Fig. 3, the latent-variable EBM, and Fig. 4, K-means as one.
 */
import { diagram } from '../plot/diagram.ts';

/** Fig. 3: x and y observed, z latent, all three into the energy E(x, y, z); eliminating z gives F. */
export const lvEbmDiagram = (): string => diagram({
  width: 520, height: 310, title: 'Latent-variable EBM (notes, Fig. 3)',
  nodes: [
    { id: 'x', kind: 'observed', label: 'x', x: 90, y: 180 },
    { id: 'y', kind: 'observed', label: 'y', x: 430, y: 180 },
    { id: 'z', kind: 'latent', label: 'z', x: 260, y: 75 },
    { id: 'E', kind: 'energy', label: 'E(x, y, z)', x: 260, y: 180 },
  ],
  arrows: [['x', 'E'], ['y', 'E'], ['z', 'E']],
  notes: [
    { x: 400, y: 70, text: 'never observed: eliminated' },
    { x: 400, y: 88, text: 'by a minimum or an integral' },
    { x: 260, y: 245, text: 'F(x, y) = min_{z} E(x, y, z)' },
    { x: 260, y: 272, text: 'F_{β}(x, y) = −(1/β) log ∫ exp(−β E(x, y, z)) dz' },
    { x: 260, y: 296, text: 'as z varies over a set, y varies over the possible predictions' },
  ],
});

/** Fig. 4: a one-hot z picks a column of W, a prototype, and the energy is its squared distance to y. */
export const kmeansDiagram = (): string => diagram({
  width: 520, height: 290, title: 'K-means as a latent-variable EBM (notes, Fig. 4)',
  nodes: [
    { id: 'z', kind: 'latent', label: 'z', x: 80, y: 80 },
    { id: 'Wz', kind: 'function', label: 'Wz', x: 230, y: 80 },
    { id: 'y', kind: 'observed', label: 'y', x: 80, y: 190 },
    { id: 'E', kind: 'energy', label: '‖y − Wz‖^{2}', x: 390, y: 135 },
  ],
  arrows: [['z', 'Wz'], ['Wz', 'E'], ['y', 'E']],
  notes: [
    { x: 260, y: 235, text: 'z is one-hot, so Wz is a column of W: one of k prototypes' },
    { x: 260, y: 262, text: 'E(y, z) = ‖y − Wz‖^{2};  F(y) = min_{z} E(y, z), from the nearest one' },
  ],
});
