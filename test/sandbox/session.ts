/**
 * The grader's side of the conversation with the runner, inside the check worker. Checks stay
 * synchronous: each request waits (Atomics.wait) until the grading process forwards the
 * runner's answer, or says the runner was stopped — past its deadline, crashed, or unable to
 * load the file. Whatever comes back is decoded into plain data; an object the runner keeps
 * (a student's Value, an optimizer, an autograd Variable) comes back as a handle, a Proxy whose
 * every use is one more question to the runner, answered with data. Exercise code never runs
 * in this process.
 */
import { Generator } from '@gradschool/tensor';
import { type MessagePort, receiveMessageOnPort } from 'node:worker_threads';
import { decode, encode, Opaque, type Refs, type Wire } from './codec.ts';

/** Why the runner stopped during the current check; nothing it says afterwards is asked for. */
export type StopReason = 'deadline' | 'crashed' | 'load-timeout' | 'too-much';

/** The current check cannot go on: the runner was stopped. The grader, not the check, decides what that costs. */
export class RunnerStopped extends Error {
  override name = 'RunnerStopped';
  readonly reason: StopReason;
  readonly detail: string;
  constructor(reason: StopReason, detail: string) {
    super(detail);
    this.reason = reason;
    this.detail = detail;
  }
}

/** An error exercise code threw, as the runner described it (name, message and stack are only text). */
export class RemoteError extends Error {
  constructor(name: string, message: string, stack: string | undefined) {
    super(message);
    this.name = name;
    this.stack = stack ?? `${name}: ${message}`;
  }
}

/** The exercise module did not load; its message is the runner's. */
export class LoadError extends Error {
  override name = 'LoadError';
  override readonly cause: RemoteError;
  constructor(cause: RemoteError) {
    super(cause.message);
    this.cause = cause;
  }
}

/** An argument the exercise wrote into: which one, where, what it was and is. */
export interface Mutation {
  readonly value: unknown;
  readonly index: number;
  readonly before: number;
  readonly after: number;
}

interface HandleInfo {
  readonly id: number;
  readonly kind: string;
  readonly name: string;
}

interface Reply {
  readonly ok?: Wire;
  readonly error?: { name: string; message: string; stack?: string };
  readonly stopped?: StopReason;
  readonly detail?: string;
  readonly mutated?: Wire[];
  readonly generators?: [number, number[]][];
  readonly peak?: number;
}

let port: MessagePort | undefined;
let flag: Int32Array | undefined;
let nextRequest = 1;
let stopped: RunnerStopped | undefined;
let mutations: Mutation[] = [];
let handles = new Map<number, object>();
const infos = new WeakMap<object, HandleInfo>();
let generatorIds = new WeakMap<Generator, number>();
let generators = new Map<number, Generator>();
let nextGenerator = 1;
/** While a check meters a call, the largest storage the runner reported. */
let meter: { peak: number } | undefined;

/** Tell the grading process something (a check starts or ends) on the channel requests use, so it sees both in order. */
export function notify(event: object): void {
  port?.postMessage(event);
}

/** Called once by the check worker with the channel the grading process answers on. */
export function connect(channel: MessagePort, wake: Int32Array): void {
  port = channel;
  flag = wake;
}

const refs: Refs = {
  toRef: (value) => {
    const info = infos.get(value);
    if (info) return { $ref: info.id, kind: info.kind, name: info.name };
    if (typeof value === 'function') throw new TypeError('a function of the grader cannot be sent to the runner; build it there (runnerHelper)');
    return undefined;
  },
  fromRef: (wire) => handleFor({ id: wire.$ref, kind: String(wire.kind), name: String(wire.name) }),
  generatorId: (gen) => {
    let id = generatorIds.get(gen);
    if (id === undefined) {
      id = nextGenerator++;
      generatorIds.set(gen, id);
      generators.set(id, gen);
    }
    return id;
  },
  generatorOf: (id, state, seed) => {
    let gen = generators.get(id);
    if (!gen) {
      gen = new Generator(Number.isFinite(seed) ? seed : 0);
      generators.set(id, gen);
      generatorIds.set(gen, id);
    }
    gen.setState(state);
    return gen;
  },
};

function request(message: Record<string, unknown>): unknown {
  if (stopped) throw stopped;
  if (!port || !flag) throw new Error('the check worker is not connected to a runner');
  Atomics.store(flag, 0, 0);
  port.postMessage({ id: nextRequest++, ...message });
  let reply: Reply | undefined;
  for (;;) {
    const received = receiveMessageOnPort(port);
    if (received) {
      reply = received.message as Reply;
      break;
    }
    Atomics.wait(flag, 0, 0, 100);
  }
  // The answer is the runner's, so the exercise's: read it as untrusted data. A malformed one
  // (exercise code can patch what the runner serialises) fails the check, never the grader.
  const malformed = (what: string): RemoteError => new RemoteError('MalformedAnswer', `the exercise's process sent back ${what}, which the grader cannot read`, undefined);
  if (typeof reply !== 'object' || reply === null) throw malformed('something that is not an answer');
  if (meter && typeof reply.peak === 'number') meter.peak = Math.max(meter.peak, reply.peak);
  if (reply.stopped) {
    stopped = new RunnerStopped(reply.stopped, String(reply.detail ?? ''));
    throw stopped;
  }
  for (const entry of Array.isArray(reply.generators) ? reply.generators : []) {
    try {
      if (Array.isArray(entry) && typeof entry[0] === 'number' && Array.isArray(entry[1])) generators.get(entry[0])?.setState(entry[1]);
    } catch { /* not a state: keep the grader's */ }
  }
  const sent = (message.args ?? []) as unknown[];
  try {
    for (const m of Array.isArray(reply.mutated) ? reply.mutated : []) {
      const { arg, key, index, before, after } = decode(m, refs) as { arg: number; key: string | null; index: number; before: number; after: number };
      const value = key === null ? sent[arg] : (sent[arg] as Record<string, unknown>)?.[key];
      if (typeof index === 'number') mutations.push({ value, index, before, after });
    }
  } catch {
    throw malformed('a garbled report of its arguments');
  }
  if (reply.error) {
    const e = reply.error as { name?: unknown; message?: unknown; stack?: unknown };
    throw new RemoteError(String(e.name ?? 'Error'), String(e.message ?? ''), typeof e.stack === 'string' ? e.stack : undefined);
  }
  try {
    return decode(reply.ok ?? null, refs);
  } catch (error) {
    throw malformed(`a result (${(error as Error).message})`);
  }
}

/** A request whose arguments are trusted values: encoded here, remembered for the mutation report. */
function ask(op: string, fields: Record<string, unknown>, args: unknown[] = []): unknown {
  const wire = args.map((a) => encode(a, refs));
  return request({ op, ...fields, args: wire, ...(meter ? { meter: true } : {}) });
}

function handleFor(info: HandleInfo): object {
  const known = handles.get(info.id);
  if (known) return known;
  const target = function remote() {};
  const proxy = new Proxy(target, {
    get(t, key) {
      if (typeof key === 'symbol' || key === 'then') return undefined;
      if (key === 'prototype') return t.prototype;
      return request({ op: 'get', target: info.id, key });
    },
    set(_t, key, value) {
      if (typeof key === 'symbol') return false;
      request({ op: 'set', target: info.id, key, value: encode(value, refs) });
      return true;
    },
    has(_t, key) {
      return typeof key === 'string' && (request({ op: 'keys', target: info.id }) as string[]).includes(key);
    },
    ownKeys() {
      return [...(request({ op: 'keys', target: info.id }) as string[]).filter((k) => k !== 'prototype'), 'prototype'];
    },
    getOwnPropertyDescriptor(t, key) {
      if (key === 'prototype') return Reflect.getOwnPropertyDescriptor(t, key);
      if (typeof key === 'symbol') return undefined;
      return { value: request({ op: 'get', target: info.id, key }), enumerable: true, configurable: true, writable: true };
    },
    apply(_t, self, args) {
      const me = self !== undefined && infos.has(self as object) ? { self: encode(self, refs) } : {};
      return ask('call', { target: info.id, ...me }, args);
    },
    construct(_t, args) {
      return ask('new', { target: info.id }, args) as object;
    },
  });
  infos.set(proxy, info);
  handles.set(info.id, proxy);
  return proxy;
}

/**
 * Start a check: forget the last check's handles and load (or reuse) the exercise module in the
 * runner. Returns the module's exports: functions and classes as handles, constants as data.
 */
export function begin(module: string): Record<string, unknown> {
  stopped = undefined;
  mutations = [];
  handles = new Map();
  generatorIds = new WeakMap();
  generators = new Map();
  try {
    return request({ op: 'begin', module }) as Record<string, unknown>;
  } catch (error) {
    throw error instanceof RemoteError ? new LoadError(error) : error;
  }
}

/**
 * Run `fn`, whose calls into the exercise the runner meters: the largest tensor storage the
 * library allocated in any of them. (Measured in the runner, so exercise code that rewires the
 * library's backend could hide an allocation; the values it returns are still judged here.)
 */
export function peakElements<T>(fn: () => T): { result: T; peak: number } {
  const saved = meter;
  meter = { peak: 0 };
  try {
    const result = fn();
    return { result, peak: meter.peak };
  } finally {
    meter = saved;
  }
}

/** Why the runner stopped during this check, if it did. */
export const stoppedReason = (): RunnerStopped | undefined => stopped;

/** The writes into arguments reported since the last call, oldest first. */
export function takeMutations(): Mutation[] {
  const out = mutations;
  mutations = [];
  return out;
}

/** Whether a value is a handle to an object in the runner, and what the runner says it is. */
export const handleInfo = (value: unknown): HandleInfo | undefined =>
  (typeof value === 'function' || typeof value === 'object') && value !== null ? infos.get(value) : undefined;

/**
 * Make a value in the runner with one of its helpers: the generic ones in sandbox/helpers.ts
 * (`variable`) or the exercise's own `<id>.runner.ts` (an energy made of Variable ops, a
 * corruption that records its calls). Returns a handle.
 */
export function runnerHelper<T = unknown>(name: string, ...args: unknown[]): T {
  return ask('build', { name }, args) as T;
}

export { Opaque };
