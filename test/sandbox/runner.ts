/**
 * The sandboxed runner: the only process in which exercise code runs. Deno starts it with read
 * access to the exercise files and the library, and nothing else: no writes, no environment, no
 * network, no processes (sandbox/launch.ts). It only computes. The grader sends requests, one
 * JSON line each on stdin — load the module, call this function, construct, read a property —
 * and this file answers each with data on stdout (sandbox/codec.ts). Nothing it answers can mark
 * a check passed: the grader judges the numbers.
 *
 * Before the exercise loads, the library entry points the exercise asks the student to write
 * are replaced by ones that say so; the import map (launch.ts) keeps the rest of the course
 * (models, the test harness, solutions, test tools, built-ins) out of the exercise's reach.
 */
import { type Backend, Generator, getBackend, registerBackend, setBackend, Tensor } from '@gradschool/tensor';
import { decode, encode, EncodeError, isPlain, type Refs, type Wire } from './codec.ts';

/** What launch.ts passes as the first argument. */
export interface RunnerConfig {
  /** Load autograd (week 7 from 7.6 on): its Variables travel as references. */
  readonly autograd: boolean;
  /** Tensor and Variable methods to replace, each with the message it throws. */
  readonly offLimits: readonly { readonly name: string; readonly message: string }[];
  /** File URL of the exercise's runner-side helpers (`<id>.runner.ts`), if it has any. */
  readonly builders?: string;
  /** The prefix the import map sends off-limits files to, so that errors can name them. */
  readonly offLimitsPrefix: string;
  /** What exercise files may import, in words, for the messages about what they may not. */
  readonly allowed: string;
  /** File URL of the module graded, loaded at once so that the first check need not wait for it. */
  readonly preload?: string;
}

type Request =
  | { id: number; op: 'begin'; module: string }
  | { id: number; op: 'call'; target: number; self?: Wire; args: Wire[]; meter?: boolean }
  | { id: number; op: 'new'; target: number; args: Wire[]; meter?: boolean }
  | { id: number; op: 'get'; target: number; key: string }
  | { id: number; op: 'set'; target: number; key: string; value: Wire }
  | { id: number; op: 'keys'; target: number }
  | { id: number; op: 'build'; name: string; args: Wire[] };

/** The little of Deno's API this file uses (the test package is typed for Node). */
declare const Deno: {
  readonly args: readonly string[];
  readonly stdin: { readonly readable: AsyncIterable<Uint8Array> };
  readonly stdout: { writeSync(bytes: Uint8Array): number };
  inspect(value: unknown, options?: { depth?: number }): string;
};

const config = JSON.parse(Deno.args[0]) as RunnerConfig;
// not a literal import: Deno would load a literal one before any permission applies
const AUTOGRAD = '@gradschool/autograd';
const autograd: typeof import('@gradschool/autograd') | undefined = config.autograd ? await import(AUTOGRAD) : undefined;
/** Values the checks make here rather than send: Variables (the graph lives here), and the exercise's own helpers. */
const builders: Record<string, (...args: unknown[]) => unknown> = {
  ...(autograd ? { variable: (value: unknown, options: unknown) => autograd.variable(value as Tensor, options as never) } : {}),
  ...(config.builders ? (await import(config.builders)).builders : {}),
};

// Bind what this file needs before exercise code can replace it.
const { stringify, parse } = JSON;
const writeSync = Deno.stdout.writeSync.bind(Deno.stdout);
const inspect = Deno.inspect;
const encoder = new TextEncoder();

function send(message: unknown): void {
  // a leading newline ends any partial line exercise code wrote to stdout itself
  const bytes = encoder.encode(`\n${stringify(message)}\n`);
  for (let off = 0; off < bytes.length;) off += writeSync(bytes.subarray(off));
}

let logLines = 0;
const log = (text: string): void => {
  if (logLines++ < 1000) send({ log: text.slice(0, 2000) });
};
for (const level of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) {
  console[level] = (...args: unknown[]) => log(args.map((a) => (typeof a === 'string' ? a : inspect(a, { depth: 4 }))).join(' '));
}
globalThis.addEventListener('unhandledrejection', (event) => {
  event.preventDefault();
  log(`an unhandled Promise rejection: ${describe(event.reason).message}`);
});
globalThis.addEventListener('error', (event) => {
  event.preventDefault();
  log(`an uncaught error: ${describe(event.error).message}`);
});

// Storage that outlives the process (Deno keeps localStorage and the Cache API under its own
// folder, without asking for write permission) would be a channel from one submission to the
// next; a Worker would get both afresh, and the exercises need none.
for (const name of ['localStorage', 'caches', 'Worker']) {
  try {
    Object.defineProperty(globalThis, name, { value: undefined, writable: false, configurable: false });
  } catch { /* not there on this runtime */ }
}

for (const { name, message } of config.offLimits) {
  const refuse = function offLimits(): never {
    const error = new Error(message);
    error.name = 'OffLimitsError';
    throw error;
  };
  for (const proto of [Tensor.prototype, autograd?.Variable.prototype]) {
    if (proto && name in proto) Object.defineProperty(proto, name, { value: refuse, writable: false, configurable: false });
  }
}

/**
 * The largest storage the library allocates during a call. Every op asks the backend for its
 * result's storage, so a backend that passes each request on and notes its size sees every
 * intermediate tensor — a [C, C] Jacobian per row included.
 */
const cpu = getBackend();
let peak = 0;
registerBackend('grading-meter', () => new Proxy(cpu, {
  get(target, key) {
    const member = Reflect.get(target, key) as unknown;
    if (typeof member !== 'function' || key === 'download') return member;
    return (...args: unknown[]) => {
      const out = (member as (...a: unknown[]) => unknown).apply(target, args);
      const length = (out as { length?: unknown } | null)?.length;
      if (typeof length === 'number') peak = Math.max(peak, length);
      return out;
    };
  },
}) as Backend);
registerBackend('grading-cpu', () => cpu);

/**
 * Typed arrays made during a metered call count too: a [C, C] Jacobian built in plain
 * Float64Arrays is as large as one built from tensors. While the call runs, each typed-array
 * constructor is a subclass that notes the length of what it makes (and still answers
 * `instanceof` for arrays made before). Plain JS arrays are not metered.
 */
const TYPED = ['Float64Array', 'Float32Array', 'Int32Array', 'Uint32Array', 'Int16Array', 'Uint16Array', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray'] as const;
const realTyped = TYPED.map((name) => [name, (globalThis as Record<string, unknown>)[name] as new (...a: unknown[]) => { length: number }] as const);
const meteredTyped = realTyped.map(([name, Real]) => {
  const Metered = class extends Real {
    constructor(...args: unknown[]) {
      super(...args);
      peak = Math.max(peak, this.length);
    }

    static override [Symbol.hasInstance](value: unknown): value is object {
      return value instanceof Real;
    }
  };
  Object.defineProperty(Metered, 'name', { value: name });
  return [name, Metered] as const;
});

function metered<T>(fn: () => T): { result: T; peak: number } {
  peak = 0;
  setBackend('grading-meter');
  for (const [name, Metered] of meteredTyped) (globalThis as Record<string, unknown>)[name] = Metered;
  try {
    return { result: fn(), peak };
  } finally {
    for (const [name, Real] of realTyped) (globalThis as Record<string, unknown>)[name] = Real;
    setBackend('grading-cpu');
  }
}

// The objects the grader holds references to, for the current check.
let objects = new Map<number, { value: unknown; receiver?: unknown }>();
let ids = new Map<unknown, number>();
let methods = new Map<unknown, Map<unknown, number>>();
let generators = new Map<number, Generator>();
let generatorIds = new Map<Generator, number>();
let nextId = 1;
let nextGenerator = -1;

function register(value: unknown, receiver?: unknown): number {
  if (receiver !== undefined) {
    const known = methods.get(receiver)?.get(value);
    if (known !== undefined) return known;
    const id = nextId++;
    objects.set(id, { value, receiver });
    if (!methods.has(receiver)) methods.set(receiver, new Map());
    methods.get(receiver)!.set(value, id);
    return id;
  }
  const known = ids.get(value);
  if (known !== undefined) return known;
  const id = nextId++;
  objects.set(id, { value });
  ids.set(value, id);
  return id;
}

function refOf(value: object, receiver?: unknown): Wire {
  const kind = autograd && value instanceof autograd.Variable ? 'variable' : typeof value === 'function' ? 'function' : 'object';
  let name = 'object';
  try {
    name = String((typeof value === 'function' ? (value as { name?: unknown }).name : value.constructor?.name) ?? 'object').slice(0, 40);
  } catch { /* a throwing getter: keep 'object' */ }
  return { $ref: register(value, receiver), kind, name };
}

const refs: Refs = {
  toRef: (value) => (Array.isArray(value) || isPlain(value) || value instanceof Promise || ArrayBuffer.isView(value) ? undefined : refOf(value)),
  fromRef: (wire) => {
    const entry = objects.get(wire.$ref);
    if (!entry) throw new EncodeError(`no object ${wire.$ref}: references last only for the check that made them`);
    return entry.value;
  },
  generatorId: (gen) => {
    let id = generatorIds.get(gen);
    if (id === undefined) {
      id = nextGenerator--;
      generatorIds.set(gen, id);
      generators.set(id, gen);
    }
    return id;
  },
  generatorOf: (id, state, seed) => {
    let gen = generators.get(id);
    if (!gen) {
      gen = new Generator(seed);
      generators.set(id, gen);
      generatorIds.set(gen, id);
    }
    gen.setState(state);
    return gen;
  },
};

/** An error as the grader reports it; reading a hostile error's fields must not throw here. */
function describe(error: unknown): { name: string; message: string; stack?: string } {
  const field = (key: string): string | undefined => {
    try {
      const v = (error as Record<string, unknown>)?.[key];
      return typeof v === 'string' ? v : undefined;
    } catch {
      return undefined;
    }
  };
  let message = field('message') ?? (() => {
    try {
      return String(error);
    } catch {
      return 'an object that cannot be printed';
    }
  })();
  const denied = /Requires (\w+) access to "?([^",]*)"?, run again with the --allow-\w+ flag/.exec(message);
  if (denied) {
    const [, what, where] = denied;
    const inside = where.replace(/\\/g, '/').indexOf(config.offLimitsPrefix);
    message = inside >= 0
      ? `'${where.replace(/\\/g, '/').slice(inside + config.offLimitsPrefix.length)}' is part of the course's own code, which exercise files may not import: import only ${config.allowed}`
      : `exercise code runs in a sandbox that only computes: no ${what === 'read' || what === 'write' ? 'files' : what === 'env' ? 'environment variables' : what === 'net' ? 'network' : what === 'run' ? 'processes' : `${what} access`} (it asked for ${what} access${where ? ` to ${where}` : ''})`;
  }
  // a named import from an off-limits module fails before that module can say why: say it here
  const missing = /The requested module '([^']+)' does not provide an export named '([^']+)'/.exec(message);
  if (missing && !missing[1].startsWith('.') && !missing[1].startsWith('@gradschool/tensor') && !missing[1].startsWith('@gradschool/autograd')) {
    message = `'${missing[1]}' is not available to exercise code: exercise files may import only ${config.allowed}`;
    return { name: 'OffLimitsError', message, stack: field('stack')?.slice(0, 4000) };
  }
  let name = field('name') ?? 'Error';
  // Deno reports a file that does not parse as a TypeError whose message starts "SyntaxError: "
  if (name === 'TypeError' && message.startsWith('SyntaxError: ')) [name, message] = ['SyntaxError', message.slice('SyntaxError: '.length)];
  return { name, message: message.slice(0, 2000), stack: field('stack')?.slice(0, 4000) };
}

type Snapshot = { arg: number; key: string | null; value: unknown; before: ArrayLike<number> };

/** The numbers in each argument (a Tensor, an array of numbers, a record of Tensors), before the call. */
function snapshot(args: unknown[]): Snapshot[] {
  const out: Snapshot[] = [];
  const take = (arg: number, key: string | null, value: unknown): void => {
    if (value instanceof Tensor) out.push({ arg, key, value, before: value.data() });
    else if (Array.isArray(value) && value.every((v) => typeof v === 'number')) out.push({ arg, key, value, before: [...value] });
  };
  args.forEach((a, i) => {
    take(i, null, a);
    if (a !== null && typeof a === 'object' && isPlain(a)) for (const [k, v] of Object.entries(a)) take(i, k, v);
  });
  return out;
}

function mutations(snapshots: Snapshot[]): Wire[] {
  const out: Wire[] = [];
  for (const s of snapshots) {
    const now = s.value instanceof Tensor ? s.value.data() : (s.value as number[]);
    for (let i = 0; i < Math.max(now.length, s.before.length); i++) {
      if (!Object.is(now[i], s.before[i])) {
        out.push(encode({ arg: s.arg, key: s.key, index: i, before: s.before[i], after: now[i] }, refs));
        break;
      }
    }
  }
  return out;
}

const modules = new Map<string, Promise<unknown>>();
const load = (module: string): Promise<unknown> => {
  if (!modules.has(module)) {
    const loading = import(module);
    loading.catch(() => {}); // reported to the check that asks for it
    modules.set(module, loading);
  }
  return modules.get(module)!;
};

async function handle(request: Request): Promise<Record<string, unknown>> {
  switch (request.op) {
    case 'begin': {
      objects = new Map();
      ids = new Map();
      methods = new Map();
      generators = new Map();
      generatorIds = new Map();
      const namespace = (await load(request.module)) as Record<string, unknown>;
      const exports: Record<string, unknown> = {};
      for (const key of Object.keys(namespace)) exports[key] = namespace[key];
      return { ok: encode(exports, refs) };
    }
    case 'get': {
      const target = refs.fromRef({ $ref: request.target, kind: '', name: '' }) as Record<string, unknown>;
      const value = target[request.key];
      return { ok: typeof value === 'function' ? refOf(value, target) : encode(value, refs) };
    }
    case 'set': {
      const target = refs.fromRef({ $ref: request.target, kind: '', name: '' }) as Record<string, unknown>;
      target[request.key] = decode(request.value, refs);
      return { ok: null };
    }
    case 'keys': {
      const target = refs.fromRef({ $ref: request.target, kind: '', name: '' }) as object;
      return { ok: encode(Object.keys(target).slice(0, 10_000), refs) };
    }
    case 'build': {
      const make = Object.hasOwn(builders, request.name) ? builders[request.name] : undefined;
      if (!make) throw new EncodeError(`no runner-side helper '${request.name}'`);
      const made = make(...(request.args.map((a) => decode(a, refs))));
      return { ok: refOf(made as object) };
    }
    case 'call':
    case 'new': {
      const entry = objects.get(request.target);
      if (!entry) throw new EncodeError(`no object ${request.target}`);
      const args = request.args.map((a) => decode(a, refs));
      const before = snapshot(args);
      const self = entry.receiver ?? (request.op === 'call' && request.self !== undefined ? decode(request.self, refs) : undefined);
      const run = (): unknown =>
        request.op === 'new'
          ? Reflect.construct(entry.value as new (...a: unknown[]) => unknown, args)
          : Reflect.apply(entry.value as (...a: unknown[]) => unknown, self, args);
      const { result, peak } = request.meter ? metered(run) : { result: run(), peak: undefined };
      const mutated = mutations(before);
      return { ok: encode(result, refs), ...(mutated.length > 0 ? { mutated } : {}), ...(peak !== undefined ? { peak } : {}) };
    }
  }
}

if (config.preload) load(config.preload);

let pending = '';
const decoder = new TextDecoder();
for await (const chunk of Deno.stdin.readable) {
  pending += decoder.decode(chunk, { stream: true });
  for (let nl = pending.indexOf('\n'); nl >= 0; nl = pending.indexOf('\n')) {
    const line = pending.slice(0, nl);
    pending = pending.slice(nl + 1);
    if (line.trim() === '') continue;
    const request = parse(line) as Request;
    let reply: Record<string, unknown>;
    try {
      reply = await handle(request);
    } catch (error) {
      reply = { error: describe(error) };
    }
    let states: Wire = [];
    try {
      states = [...generators].map(([id, gen]) => [id, gen.getState()]);
    } catch { /* a generator exercise code broke: the grader keeps its own state */ }
    send({ id: request.id, ...reply, generators: states });
  }
}
