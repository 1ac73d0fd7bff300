/**
 * Training that leaves the page responsive: steps run on the main thread in slices of a few
 * milliseconds, each slice handing back to the browser (input, painting) before the next, and
 * the pictures are redrawn a few times a second rather than after every step.
 * (A worker would free the main thread altogether, but the pictures need the model's outputs on
 * this thread each redraw, and the models here take a few milliseconds a step.)
 */

export interface LoopOptions {
  /** One training step; returns its loss. */
  step: () => number;
  /** Redraw the pictures from the current model. */
  draw: () => void;
  /** Milliseconds of steps before handing back to the browser (default 16: one frame). */
  sliceMs?: number;
  /** Least milliseconds between redraws while training (default 150); a slow redraw waits longer, so drawing takes at most a quarter of the time. */
  drawEveryMs?: number;
  /** Pause after this many steps, counted from a restart or from pressing run (default: never). */
  maxSteps?: number;
}

export class TrainingLoop {
  /** Every step's loss since the last restart. */
  readonly losses: number[] = [];
  /** Mean milliseconds per step over the latest slice. */
  msPerStep = NaN;
  #opts: LoopOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #nextDraw = 0;
  #stopAt = Infinity;

  constructor(opts: LoopOptions) {
    this.#opts = opts;
  }

  get running(): boolean { return this.#timer !== undefined; }

  start(): void {
    if (this.running) return;
    this.#stopAt = this.losses.length + (this.#opts.maxSteps ?? Infinity);
    this.#timer = setTimeout(() => this.#tick(), 0);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** One step now, its loss recorded (timing the backends trains too, and is part of the history). */
  step(): void {
    this.losses.push(this.#opts.step());
  }

  /** Forget the loss history (the model was rebuilt), redraw, and train. */
  restart(): void {
    this.losses.length = 0;
    this.#stopAt = this.#opts.maxSteps ?? Infinity;
    this.#opts.draw();
    this.start();
  }

  #tick(): void {
    const { draw, sliceMs = 16, drawEveryMs = 150 } = this.#opts;
    const start = performance.now();
    let steps = 0;
    do {
      this.step();
      steps++;
    } while (performance.now() - start < sliceMs && this.losses.length < this.#stopAt);
    const now = performance.now();
    this.msPerStep = (now - start) / steps;
    const done = this.losses.length >= this.#stopAt;
    if (done || now >= this.#nextDraw) {
      draw();
      const drawn = performance.now();
      this.#nextDraw = drawn + Math.max(drawEveryMs, 3 * (drawn - now));
    }
    this.#timer = done ? undefined : setTimeout(() => this.#tick(), 0);
  }
}
