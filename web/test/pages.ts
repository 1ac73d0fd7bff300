/** What the end-to-end test does on each page: the control it moves and the picture it watches. */
import { PROTOTYPE_COLOUR } from '../../packages/models/src/plot/palette.ts';

export interface PageCheck {
  /** The page's file name, without .html. */
  page: string;
  /**
   * The backend the page starts on (its ?backend= parameter); left out, the page times every
   * backend and picks the fastest, which costs seconds on SwiftShader, so only some pages do.
   */
  backend?: string;
  /** The elements whose pictures must each change. */
  figures: string[];
  /** The controls to move, in order. */
  controls: (Control | Drag)[];
  /** Text the page must then show: `includes` inside the element `selector`. */
  shows?: { selector: string; includes: string };
  /** Seconds to let it run after the move. */
  seconds: number;
  /** Whether the page trains, so the loss of each model it trains must fall. */
  trains: boolean;
}

/** A slider or a select set to `value`, a checkbox flipped, or a button clicked (`value` left out). */
export interface Control { id: string; value?: number | string }

/**
 * A drag with the mouse, by `by` pixels, from the centre of the element `host` or, with `target`,
 * of the first element in host's figure (its shadow root) that the selector `target` matches.
 */
export interface Drag { host: string; target?: string; by: [number, number] }

export const CHECKS: PageCheck[] = [
  // the linear model and the 2-layer network, each with its panel of decision regions
  { page: 'spiral', figures: ['#linear', '#network'], controls: [{ id: 'lr', value: -1.7 }], seconds: 3, trains: true },
  {
    // the training pages pick wasm or cpu under SwiftShader: run this one on gpu.js webgl2 by hand, so a page always runs on it
    page: 'softmax', figures: ['#bars'], seconds: 1, trains: false,
    controls: [{ id: 'backend', value: 'gpu.js webgl2' }, { id: 'temperature', value: -0.5 }, { id: 'shift' }],
    shows: { selector: '#table', includes: 'NaN' },
  },
  {
    page: 'kmeans', backend: 'wasm', figures: ['#soft'], seconds: 0.5, trains: true,
    controls: [
      { id: 'beta', value: 0.5 }, { id: 'lloyd' }, { id: 'lloyd' }, { id: 'gradient' }, { id: 'lloyd' }, { id: 'gradient' },
      // a prototype dragged off its cluster, then two Lloyd steps to mend it
      { host: '#soft', target: `circle[fill="${PROTOTYPE_COLOUR}"]`, by: [60, 40] }, { id: 'lloyd' }, { id: 'lloyd' },
    ],
    // five clicks, the drag and two clicks: eight changes of W, each with its mean energy
    shows: { selector: '#readout .now', includes: 'step 8' },
  },
  { page: 'dae', backend: 'cpu', figures: ['#map'], controls: [{ id: 'sigma', value: 0.4 }], seconds: 3, trains: true },
  { page: 'cd', backend: 'cpu', figures: ['#map'], controls: [{ id: 'kick', value: 0.7 }], seconds: 3, trains: true },
  {
    page: 'mnist', backend: 'wasm', figures: ['#outputs'], seconds: 4, trains: true,
    // noise, then a mask drawn across the middle of the digit
    controls: [{ id: 'sigma', value: 0.3 }, { host: '#input', by: [80, 0] }],
  },
];

/** Run in the page: move the control as a learner would, firing the event the page listens for. */
export function moveControl({ id, value }: Control): void {
  const input = document.getElementById(id) as HTMLInputElement;
  if (input.type === 'range') {
    input.value = String(value);
    input.dispatchEvent(new Event('input'));
  } else if (input instanceof HTMLSelectElement) {
    input.value = String(value);
    input.dispatchEvent(new Event('change'));
  } else {
    input.click(); // a checkbox flips and fires 'change'; a button fires 'click'
  }
}
