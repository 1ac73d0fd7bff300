/** The pages' sliders and switches, declared in the HTML and wired here. */

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no element #${id} on this page`);
  return found as T;
}

export interface SliderOptions {
  /** Runs as the slider moves, with the new setting (default: nothing; the page reads the setting when it needs it). */
  onChange?: (v: number) => void;
  /** The setting at a slider position, e.g. 10^raw for a rate on a log scale (default: the position itself). */
  value?: (raw: number) => number;
  /** The setting as the <output for=id> beside the slider writes it (default: String). */
  show?: (v: number) => string;
}

/** A range input and the output beside it; returns a function that reads the current setting. */
export function slider(id: string, { onChange, value = (raw) => raw, show = String }: SliderOptions = {}): () => number {
  const input = byId<HTMLInputElement>(id);
  const output = document.querySelector<HTMLOutputElement>(`output[for="${id}"]`);
  const current = () => value(Number(input.value));
  const update = () => {
    if (output) output.value = show(current());
  };
  update();
  input.addEventListener('input', () => {
    update();
    onChange?.(current());
  });
  return current;
}

/** A checkbox: `onChange` runs when it flips; returns whether it is on. */
export function toggle(id: string, onChange: (on: boolean) => void): () => boolean {
  const input = byId<HTMLInputElement>(id);
  input.addEventListener('change', () => onChange(input.checked));
  return () => input.checked;
}

/** A button. */
export function button(id: string, onClick: () => void): void {
  byId<HTMLButtonElement>(id).addEventListener('click', onClick);
}

/** A setting on a log scale: the slider holds its log10. */
export const logScale = (raw: number): number => 10 ** raw;
/** A learning rate or step size, on a log scale. */
export const RATE = { value: logScale, show: (lr: number) => lr.toPrecision(2) } as const;
/** A setting shown with `digits` decimals. */
export const fixed = (digits: number) => ({ show: (v: number) => v.toFixed(digits) });
