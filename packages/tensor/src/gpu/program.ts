/**
 * Writes gpu.js kernel sources. Kernels are strings, never TypeScript functions: tsx and vitest
 * rewrite nested functions (esbuild adds `__name(...)` calls) and gpu.js cannot parse the result.
 *
 * Every kernel has a 1-D output; each thread computes one output element from its flat index
 * `this.thread.x`. Shapes, strides and offsets are scalar arguments, not constants, so one kernel
 * serves every shape of its rank: the source text itself is the cache key.
 *
 * Index arithmetic is in float32 (gpu.js has no integer locals), exact for integers below 2^24.
 * A quotient from float division may be off by one, so each one is corrected with the exact
 * remainder; that keeps `floor(i / n)` right on every device, however it rounds.
 */

/** Largest element count a gpu tensor may have: indices are float32, exact up to 2^24. */
export const MAX_ELEMENTS = 2 ** 24;

export interface KernelCall<A> {
  /** The kernel's source; equal sources share one built kernel. */
  readonly source: string;
  readonly arrays: readonly A[];
  readonly scalars: readonly number[];
  /** Number of output elements (threads). */
  readonly length: number;
  /** Where set, the output is 2-D, `width` threads a row (GL: a texture exactly that wide). */
  readonly width?: number;
  /** Longest loop in the kernel; gpu.js caps loops at a bound fixed when it builds the kernel. */
  readonly loopMax: number;
  /** GLSL functions the kernel calls (GL modes only; see Program.glsl). */
  readonly natives?: readonly NativeFunction[];
}

/** A function written in GLSL, called from a kernel by name; it returns `returnType` (gpu.js's type name). */
export interface NativeFunction {
  readonly name: string;
  readonly source: string;
  readonly returnType: string;
}

export const arrayName = (i: number): string => `a${i}`;
export const scalarName = (i: number): string => `u${i}`;

export class Program<A> {
  readonly #arrays: A[] = [];
  readonly #scalars: number[] = [];
  readonly #lines: string[] = [];
  readonly #natives: NativeFunction[] = [];
  #vars = 0;
  #loopMax = 1;
  readonly #width: number | undefined;
  /** The thread's flat index. */
  readonly #thread: string;

  /**
   * `width`: run the threads as rows of that many (a GL result is then a texture exactly that
   * wide, so a GLSL function can fetch element (x, y) without dividing); each thread still sees
   * its flat index.
   */
  constructor(width?: number) {
    this.#width = width;
    this.#thread = width === undefined ? 'this.thread.x' : `(this.thread.x + this.thread.y * ${this.scalar(width)})`;
  }

  /** An array argument; returns its name in the source. */
  array(storage: A): string {
    this.#arrays.push(storage);
    return arrayName(this.#arrays.length - 1);
  }

  /** A scalar argument (a size, stride or offset); returns its name. */
  scalar(value: number): string {
    this.#scalars.push(value);
    return scalarName(this.#scalars.length - 1);
  }

  /** Declare a fresh local holding `expr`; returns its name. */
  let(expr: string): string {
    const name = `v${this.#vars++}`;
    this.#lines.push(`var ${name} = ${expr};`);
    return name;
  }

  line(code: string): void {
    this.#lines.push(code);
  }

  /**
   * A GLSL function the kernel may call (GL modes only). gpu.js pastes it into the shader after
   * the arguments' declarations, so it may read an array argument's texture itself: array `aN`
   * is the sampler `user_aN`, its texture size `user_aNSize`. `loopMax` bounds its loops (GLSL
   * ES 1 wants a constant bound: `LOOP_MAX`, as in gpu.js's own loops).
   */
  glsl(fn: NativeFunction, loopMax: number): void {
    this.#natives.push(fn);
    this.#loopMax = Math.max(this.#loopMax, loopMax);
  }

  /** Open `for (j = 0; j < n; j++) {`; close it with `line('}')`. */
  loop(n: number): string {
    const j = `j${this.#vars++}`;
    this.#loopMax = Math.max(this.#loopMax, n);
    this.#lines.push(`for (var ${j} = 0; ${j} < ${this.scalar(n)}; ${j}++) {`);
    return j;
  }

  /** The coordinates of flat index `flat` in `shape` (row-major), one local per axis. */
  coords(shape: readonly number[], flat = this.#thread): string[] {
    const out = new Array<string>(shape.length);
    let rest = this.let(flat);
    for (let d = shape.length - 1; d > 0; d--) {
      const n = this.scalar(shape[d]);
      const q = this.let(`Math.floor(${rest} / ${n})`);
      const c = this.let(`${rest} - ${q} * ${n}`);
      this.line(`if (${c} < 0) { ${q} = ${q} - 1; ${c} = ${c} + ${n}; }`);
      this.line(`if (${c} >= ${n}) { ${q} = ${q} + 1; ${c} = ${c} - ${n}; }`);
      out[d] = c;
      rest = q;
    }
    if (shape.length > 0) out[0] = rest;
    return out;
  }

  /** offset + sum of coords[d] * strides[d], skipping axes a view does not step along. */
  position(offset: number, strides: readonly number[], coords: readonly string[]): string {
    const terms = [this.scalar(offset)];
    strides.forEach((s, d) => {
      if (s !== 0) terms.push(`${coords[d]} * ${this.scalar(s)}`);
    });
    return this.let(terms.join(' + '));
  }

  /**
   * Finish with the value each thread returns, or 4 of them (a gpu.js `Array(4)` result: a vec4
   * texel on GL, 4 consecutive floats on webgpu). int32 results are truncated as an Int32Array
   * store would. Threads past `length` (a device may run more, see LocalDevice) return 0 at once.
   */
  build(result: string | readonly string[], length: number, int: boolean): KernelCall<A> {
    const vector = typeof result !== 'string';
    const guard = `if (${this.#thread} >= ${this.scalar(length)}) { return ${vector ? '[0, 0, 0, 0]' : '0'}; }`;
    const params = [...this.#arrays.map((_, i) => arrayName(i)), ...this.#scalars.map((_, i) => scalarName(i))];
    const body = [guard, ...this.#lines];
    if (vector) {
      body.push(`return [${result.join(', ')}];`);
    } else if (int) {
      // NaN and infinities become 0, as an Int32Array store makes them; a finite value too big for
      // int32 becomes 2^31, which the backend's read refuses (see download); the rest rounds toward zero
      body.push(
        `var r = ${result};`,
        'if (Math.abs(r) >= 2147483648 && Math.abs(r) < 3.0e38) { r = 2147483648; }',
        'if (!(Math.abs(r) <= 2147483648)) { r = 0; }',
        'return r < 0 ? Math.ceil(r) : Math.floor(r);',
      );
    } else {
      body.push(`return ${result};`);
    }
    return {
      source: `function (${params.join(', ')}) {\n  ${body.join('\n  ')}\n}`,
      arrays: this.#arrays,
      scalars: this.#scalars,
      length,
      loopMax: this.#loopMax,
      ...(this.#width === undefined ? {} : { width: this.#width }),
      ...(this.#natives.length > 0 ? { natives: this.#natives } : {}),
    };
  }
}
