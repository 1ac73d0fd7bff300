/** What the end-to-end test does on each page: the control it moves and the picture it watches. */

export interface PageCheck {
  /** The page's file name, without .html. */
  page: string;
  /** The element whose picture must change. */
  figure: string;
  /** The control to move: a slider or a select set to `value`, a checkbox flipped, or a button clicked (`value` left out). */
  control: { id: string; value?: number | string };
  /** Seconds to let it run after the move. */
  seconds: number;
  /** Whether the page trains, so its loss must fall. */
  trains: boolean;
}

export const CHECKS: PageCheck[] = [
  { page: 'spiral', figure: '.stack', control: { id: 'lr', value: -1.7 }, seconds: 3, trains: true },
];

/** Run in the page: move the control as a learner would, firing the event the page listens for. */
export function moveControl({ id, value }: PageCheck['control']): void {
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
