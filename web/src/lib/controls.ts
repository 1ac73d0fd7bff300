/** The pages' sliders and switches, declared in the HTML and wired here. */

export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`no element #${id} on this page`);
  return found as T;
}

/**
 * A range input and the <output for=id> beside it: `value(raw)` turns the slider's position into
 * the setting (e.g. 10^raw for a learning rate on a log scale), `show` writes it out.
 * `onChange` runs as the slider moves; returns the current setting.
 */
export function slider(id: string, onChange: (v: number) => void, value: (raw: number) => number = (raw) => raw, show: (v: number) => string = String): () => number {
  const input = byId<HTMLInputElement>(id);
  const output = document.querySelector<HTMLOutputElement>(`output[for="${id}"]`);
  const current = () => value(Number(input.value));
  const update = () => {
    if (output) output.value = show(current());
  };
  update();
  input.addEventListener('input', () => {
    update();
    onChange(current());
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

/** A learning rate on a log scale: the slider holds log10(lr). */
export const logScale = (raw: number): number => 10 ** raw;
export const showRate = (lr: number): string => lr.toPrecision(2);
