/**
 * What every lesson page shares: the backend, picked by timing the page's own step on each one
 * that starts; a readout of which one runs and the time per step; run/pause; and a hook the
 * end-to-end test reads (globalThis.lesson).
 */
import { backendName, CHOICES, pickFastest, type Timing } from './backend.ts';
import { byId } from './controls.ts';
import type { TrainingLoop } from './loop.ts';

export interface LessonOptions {
  /** The page's training, if it trains by itself; the readout shows its time per step. */
  loop?: TrainingLoop;
  /** The losses so far, one history per model the page trains (default: the loop's), e.g. on a page that trains a step at a click. */
  losses?: () => number[][];
  /** What the backends are timed on, if not the loop's training step: the computation the page shows. */
  step?: () => void;
  /** More for the readout, e.g. accuracy, or the time a page without a loop measured itself. */
  status?: () => string;
  /** After a backend change, e.g. to redraw. */
  onBackend?: () => void;
}

export interface LessonHook {
  /** The losses since the models were last rebuilt, one history per model (empty on a page that does not train). */
  losses(): number[][];
  /** Stop training (the test does, before its screenshots). */
  pause(): void;
}

declare global {
  var lesson: LessonHook | undefined;
}

const AUTO = 'fastest';

const describe = (timings: Timing[]): string => 'a step, timed here: ' + timings
  .map(({ choice, ms }) => `${choice.label} ${typeof ms === 'number' ? `${ms.toFixed(1)} ms` : `(${ms})`}`)
  .join('; ');

/** Select the backend labelled `label`; if it does not start, the fastest instead, and say why. */
function selectByHand(label: string, timed: () => void): string | undefined {
  try {
    CHOICES.find((c) => c.label === label)!.select();
    return undefined;
  } catch (e) {
    return `${label} did not start (${e instanceof Error ? e.message : String(e)}); ${describe(pickFastest(timed))}`;
  }
}

export function startLesson(opts: LessonOptions): void {
  const host = byId('readout');
  host.innerHTML = `<label>backend <select id="backend"></select></label> <span class="now"></span>
    ${opts.loop ? '<button type="button" class="run">pause</button>' : ''}<br><small class="timings"></small>`;
  const timed = opts.step ?? (() => opts.loop!.step());
  const select = host.querySelector('select')!;
  select.innerHTML = [AUTO, ...CHOICES.map((c) => c.label)]
    .map((label) => `<option value="${label}">${label === AUTO ? 'the fastest here' : label}</option>`).join('');
  const timings = host.querySelector<HTMLElement>('.timings')!;
  // a link may name the backend: ?backend=cpu, ?backend=wasm, ?backend=gpu.js%20webgl2
  const wanted = new URLSearchParams(location.search).get('backend');
  if (CHOICES.some((c) => c.label === wanted)) select.value = wanted!;

  const pick = () => {
    const wasRunning = opts.loop?.running ?? false;
    opts.loop?.stop();
    timings.textContent = select.value === AUTO ? describe(pickFastest(timed)) : selectByHand(select.value, timed) ?? timings.textContent;
    opts.onBackend?.();
    if (wasRunning) opts.loop?.start();
  };
  select.addEventListener('change', pick);

  const run = host.querySelector<HTMLButtonElement>('.run');
  run?.addEventListener('click', () => {
    if (opts.loop!.running) opts.loop!.stop();
    else opts.loop!.start();
  });

  const now = host.querySelector<HTMLElement>('.now')!;
  const refresh = () => {
    const loop = opts.loop;
    const timing = loop && loop.losses.length > 0 ? ` · ${loop.msPerStep.toFixed(1)} ms per step · step ${loop.losses.length}` : '';
    now.textContent = `runs on ${backendName()}${timing}${opts.status ? ` · ${opts.status()}` : ''}`;
    if (run) run.textContent = loop!.running ? 'pause' : 'run';
  };
  setInterval(refresh, 250);

  pick();
  opts.loop?.start();
  refresh();
  const losses = opts.losses ?? (() => [opts.loop?.losses ?? []]);
  globalThis.lesson = { losses: () => losses().map((history) => [...history]), pause: () => opts.loop?.stop() };
}
