/**
 * Grade one exercise: its checks run in a check worker (a thread of this process, trusted), the
 * exercise code in a sandboxed runner (a Deno process that only computes), and this file sits
 * between them: it forwards the worker's questions to the runner and the answers back, and it
 * keeps the time. A check that overruns its limit has its runner killed and is marked timed
 * out; a worker that does not finish a check soon after is terminated, and the remaining checks
 * go on in a fresh one (with a third of their time, since they often loop in the same code). A
 * file that does not load, a crash or an exit in the runner costs only the checks it touches.
 * Nothing the runner does reaches these clocks, the verdicts, or any file of the grader.
 */
import type { ChildProcess } from 'node:child_process';
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { EXERCISES, type Exercise } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { type AnyCheck, DEFAULT_TIMEOUT_MS } from '../harness/check.ts';
import { Sandbox, type SandboxOptions } from '../sandbox/launch.ts';
import type { StopReason } from '../sandbox/session.ts';
import type { Task, WorkerMessage } from './check-worker.ts';
import type { CheckOutcome } from './results.ts';
import { fileFor, type Target } from './target.ts';

export interface RunSettings {
  readonly target: Target;
  readonly seed: number;
  /** Time allowed for the exercise file to load. */
  readonly loadTimeoutMs?: number;
  /** A cap on every check's time limit (the attack suite's, so that its hanging files cost seconds, not minutes). */
  readonly maxCheckMs?: number;
}

/** Loading an exercise file (and the library it imports) in a fresh runner. */
const LOAD_TIMEOUT_MS = 20_000;
/** How long a worker may take to give up a check after its runner was stopped. */
const WORKER_GRACE_MS = 5_000;
/** The most one answer of the runner may weigh; far above what any check needs. */
const MAX_LINE = 64 * 2 ** 20;
const MAX_OUTPUT_LINES = 200;
/** The most memory a runner may hold, typed arrays included (checked on Linux, where graders run). */
const MAX_MEMORY = 4 * 2 ** 30;

/** A process's resident memory from /proc (0 where it cannot be read). */
function residentBytes(pid: number | undefined): number {
  try {
    return Number(readFileSync(`/proc/${pid}/statm`, 'utf8').split(' ')[1]) * 4096;
  } catch {
    return 0;
  }
}

/**
 * Once a check of an exercise has been stopped, the others often loop in the same code: they get
 * a third of their time (at least 3 s, still far more than a correct answer needs).
 */
const limitOf = (check: AnyCheck, afterTimeout: boolean, cap = Infinity): number => {
  const own = Math.min(cap, check.timeoutMs ?? DEFAULT_TIMEOUT_MS);
  return afterTimeout ? Math.min(own, Math.max(3_000, own / 3)) : own;
};

interface CheckWorker {
  readonly worker: Worker;
  readonly port: MessagePort;
  readonly flag: Int32Array;
}

const idle: CheckWorker[] = [];
const running = new Set<{ kill(): void }>();

function startWorker(): CheckWorker {
  const { port1, port2 } = new MessageChannel();
  const flag = new Int32Array(new SharedArrayBuffer(4));
  const worker = new Worker(new URL('./check-worker.mjs', import.meta.url), { workerData: { port: port1, flag }, transferList: [port1] });
  const w = { worker, port: port2, flag };
  // a worker that ends (terminated after an overrun, or failed) is never handed out again
  worker.once('exit', () => {
    if (idle.includes(w)) idle.splice(idle.indexOf(w), 1);
  });
  return w;
}

const acquire = (): CheckWorker => {
  const w = idle.pop() ?? startWorker();
  w.worker.ref();
  w.port.ref();
  return w;
};

const release = (w: CheckWorker): void => {
  w.worker.unref();
  w.port.unref();
  w.port.removeAllListeners('message');
  idle.push(w);
};

// Runners are separate processes: take them down with us, on Ctrl-C too.
const killAll = (): void => running.forEach((r) => r.kill());
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
  process.once(signal, () => {
    killAll();
    process.exit(130);
  });
}

interface Attempt {
  readonly outcomes: CheckOutcome[];
  /** The check whose worker had to be terminated, if one had to be. */
  readonly lost?: string;
}

/** One runner process at a time, restarted on demand; answers one request at a time. */
class Runner {
  child?: ChildProcess;
  #buffer = '';
  #pending?: { id: number; reply: (m: object) => void };
  #killedFor?: { reason: StopReason; detail: string };
  #stderr = '';

  readonly #sandbox: Sandbox;
  readonly #onLog: (line: string) => void;

  constructor(sandbox: Sandbox, onLog: (line: string) => void) {
    this.#sandbox = sandbox;
    this.#onLog = onLog;
  }

  /** Start the runner now, so that it loads while the worker loads the checks. */
  warm(): void {
    if (!this.child) this.#start();
  }

  send(request: { id: number }, reply: (m: object) => void): void {
    if (!this.child) this.#start();
    this.#pending = { id: request.id, reply };
    this.child!.stdin!.write(`${JSON.stringify(request)}\n`);
  }

  #start(): void {
    const child = this.#sandbox.start();
    this.child = child;
    this.#buffer = '';
    this.#stderr = '';
    this.#killedFor = undefined;
    running.add(this);
    child.stdin!.on('error', () => {});
    child.stderr!.on('data', (chunk: Buffer) => {
      this.#stderr = (this.#stderr + chunk.toString()).slice(-4000);
    });
    child.stdout!.on('data', (chunk: Buffer) => {
      if (this.child !== child) return;
      this.#buffer += chunk.toString();
      let nl: number;
      while ((nl = this.#buffer.indexOf('\n')) >= 0) {
        const line = this.#buffer.slice(0, nl);
        this.#buffer = this.#buffer.slice(nl + 1);
        this.#line(line);
      }
      if (this.#buffer.length > MAX_LINE) this.stop('too-much', `more than ${MAX_LINE / 2 ** 20} MB in one answer`);
    });
    // V8's heap cap does not bound typed arrays: on Linux, watch the whole process's memory
    const watch = process.platform === 'linux' ? setInterval(() => {
      if (this.child === child && residentBytes(child.pid) > MAX_MEMORY) this.stop('too-much', `more than ${MAX_MEMORY / 2 ** 30} GB of memory`);
    }, 250) : undefined;
    child.on('exit', (code, signal) => {
      clearInterval(watch);
      if (this.child !== child) return;
      this.child = undefined;
      running.delete(this);
      const why = this.#killedFor ?? { reason: 'crashed' as const, detail: `it exited${code !== null ? ` with code ${code}` : ` on ${signal}`}${this.#stderrTail()}` };
      this.#answer({ stopped: why.reason, detail: why.detail });
    });
  }

  #stderrTail(): string {
    const text = this.#stderr.replace(/\u001b\[[0-9;]*m/g, '').trim().split('\n').slice(-3).join(' ').trim();
    return text ? `: ${text.slice(0, 400)}` : '';
  }

  #line(line: string): void {
    if (line.trim() === '') return;
    let message: { id?: unknown; log?: unknown };
    try {
      message = JSON.parse(line);
    } catch {
      this.#onLog(line); // written to stdout by exercise code itself
      return;
    }
    if (typeof message?.log === 'string') this.#onLog(message.log);
    else if (this.#pending && message?.id === this.#pending.id) this.#answer(message);
  }

  #answer(message: object): void {
    const pending = this.#pending;
    this.#pending = undefined;
    pending?.reply(message);
  }

  /** Kill the runner; the request in flight, if any, is answered with why. */
  stop(reason: StopReason, detail: string): void {
    const child = this.child;
    if (!child) return;
    this.#killedFor = { reason, detail };
    this.child = undefined;
    running.delete(this);
    child.kill('SIGKILL');
    this.#answer({ stopped: reason, detail });
  }

  kill(): void {
    this.child?.kill('SIGKILL');
  }
}

/** Run `checks` on one worker until it finishes them or has to be terminated. */
function attempt(task: Omit<Task, 'checks'>, checks: readonly AnyCheck[], sandbox: Sandbox, output: string[], o: { loadTimeoutMs: number; afterTimeout: boolean; cap?: number }): Promise<Attempt> {
  const w = acquire();
  const outcomes: CheckOutcome[] = [];
  const log = (line: string): void => {
    if (output.length < MAX_OUTPUT_LINES) output.push(line.slice(0, 500));
  };
  const runner = new Runner(sandbox, log);
  runner.warm();
  let current: { check: AnyCheck; stopped?: { reason: StopReason; detail: string } } | undefined;
  let clock: ReturnType<typeof setTimeout> | undefined;
  let hard: ReturnType<typeof setTimeout> | undefined;
  let loadTimedOut = false;
  const reply = (message: object): void => {
    w.port.postMessage(message);
    Atomics.store(w.flag, 0, 1);
    Atomics.notify(w.flag, 0);
  };
  const stopCurrent = (reason: StopReason, detail: string): void => {
    if (!current || current.stopped) return;
    current.stopped = { reason, detail };
    runner.stop(reason, detail);
    clearTimeout(hard);
    hard = setTimeout(() => finish(current?.check.name), WORKER_GRACE_MS);
  };
  let finish: (lost?: string) => void = () => {};
  return new Promise<Attempt>((resolve) => {
    const failed = (error: Error): void => {
      if (current) outcomes.push({ name: current.check.name, points: current.check.points, status: 'error', message: `the grader itself failed: ${error.message}`, internal: true });
      finish(current?.check.name ?? '');
    };
    const exited = (): void => failed(new Error('its check worker stopped'));
    finish = (lost) => {
      w.worker.off('error', failed);
      w.worker.off('exit', exited);
      clearTimeout(clock);
      clearTimeout(hard);
      runner.kill();
      if (lost === undefined) release(w);
      else void w.worker.terminate();
      resolve({ outcomes, lost });
    };
    const onRequest = (request: { id: number; op: string }): void => {
      if (current?.stopped) return reply({ stopped: current.stopped.reason, detail: current.stopped.detail });
      if (request.op === 'begin') {
        if (loadTimedOut) return reply({ stopped: 'load-timeout', detail: '' });
        // the check's own time starts once its module is ready; loading has a limit of its own
        clearTimeout(clock);
        clock = setTimeout(() => {
          loadTimedOut = true;
          stopCurrent('load-timeout', '');
        }, o.loadTimeoutMs);
      }
      runner.send(request, (answer) => {
        if (request.op === 'begin' && current && !current.stopped) {
          clearTimeout(clock);
          const check = current.check;
          clock = setTimeout(() => stopCurrent('deadline', ''), limitOf(check, o.afterTimeout, o.cap));
        }
        reply(answer);
      });
    };
    // events and questions share one channel, so a check's start is always seen before its first question
    w.port.on('message', (m: WorkerMessage | { id: number; op: string }) => ('type' in m ? onEvent(m) : onRequest(m)));
    const onEvent = (m: WorkerMessage): void => {
      if (m.type === 'start') {
        const check = checks.find((c) => c.name === m.check)!;
        current = { check };
        // a bound on the whole check, trusted code included: loading, the check's limit, and the grace to give up
        hard = setTimeout(() => stopCurrent('deadline', ''), o.loadTimeoutMs + limitOf(check, o.afterTimeout, o.cap) + WORKER_GRACE_MS);
      } else if (m.type === 'end') {
        clearTimeout(clock);
        clearTimeout(hard);
        const check = current!.check;
        const timedOut = m.outcome.status === 'timed-out' || current?.stopped?.reason === 'deadline';
        outcomes.push(timedOut ? timedOutOutcome(check, task.shown, o.afterTimeout, o.cap) : m.outcome);
        current = undefined;
      } else if (m.type === 'done') finish();
    };
    w.worker.on('error', failed);
    w.worker.on('exit', exited);
    w.worker.postMessage({ ...task, checks: checks.map((c) => c.name) } satisfies Task);
  });
}

function timedOutOutcome(check: AnyCheck, shown: string, afterTimeout: boolean, cap?: number): CheckOutcome {
  const limit = Math.round(limitOf(check, afterTimeout, cap) / 100) / 10;
  return { name: check.name, points: check.points, status: 'timed-out', message: `was stopped after ${limit} s without finishing: is there an infinite loop in ${shown}?` };
}

export interface ModuleToGrade {
  readonly exercise: Exercise;
  /** The file graded. */
  readonly file: string;
  /** What the report calls it, and the folder stack paths are shown relative to. */
  readonly shown: string;
  readonly root: string;
  readonly sandbox: Omit<SandboxOptions, 'exercise'>;
  readonly seed: number;
  readonly loadTimeoutMs?: number;
  readonly maxCheckMs?: number;
}

/**
 * What the grader refuses in the student's folders: links (symbolic, or a second name of a file)
 * and anything that is not a plain file or folder (a pipe, a device). The runner may read what
 * is under those folders, and a link would let it read past them — the reference, the checks — as
 * if it were the student's own file; a pipe or /dev/zero would hang or flood whoever reads it.
 * Git keeps symbolic links, so a repository can carry one anywhere, .git and node_modules included.
 */
export function oddFilesIn(roots: readonly string[]): string[] {
  const found: string[] = [];
  let seen = 0;
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.join(dir, entry.name);
      if (++seen > 20_000) {
        found.push(`${dir} (more than 20000 files)`);
        return;
      }
      if (entry.isDirectory()) walk(file);
      else if (!entry.isFile() || lstatSync(file).nlink > 1) found.push(file);
    }
  };
  for (const root of roots) walk(root);
  return found;
}

/** Grade every check of one module; the outcomes come back in the checks' order. */
export async function gradeModule(m: ModuleToGrade): Promise<{ checks: CheckOutcome[]; output: string[] }> {
  const all = await loadChecks(m.exercise.id);
  const odd = oddFilesIn(m.sandbox.studentRoots);
  if (odd.length > 0) {
    const shown = odd.slice(0, 3).map((f) => path.relative(path.dirname(m.root), f).split(path.sep).join('/')).join(', ');
    const message = `the submission contains a link or another file that is not a plain file (${shown}${odd.length > 3 ? ', …' : ''}); only plain files are graded: put the file itself there`;
    return { checks: all.map((c) => ({ name: c.name, points: c.points, status: 'error', message })), output: [] };
  }
  const sandbox = new Sandbox({ exercise: m.exercise, preload: m.file, ...m.sandbox });
  const outcomes = new Map<string, CheckOutcome>();
  const output: string[] = [];
  const task = { exercise: m.exercise.id, module: pathToFileURL(m.file).href, shown: m.shown, root: m.root, seed: m.seed };
  try {
    // an absolute bound for the exercise, whatever happens: every check's limit, its grace, and loading
    const budget = all.reduce((t, c) => t + limitOf(c, false, m.maxCheckMs) + WORKER_GRACE_MS, 0) + 2 * (m.loadTimeoutMs ?? LOAD_TIMEOUT_MS);
    const started = Date.now();
    let remaining = [...all];
    while (remaining.length > 0) {
      if (Date.now() - started > budget) {
        for (const c of remaining) outcomes.set(c.name, { name: c.name, points: c.points, status: 'timed-out', message: 'not run: the exercise used up the time all its checks are allowed together' });
        break;
      }
      const afterTimeout = [...outcomes.values()].some((o) => o.status === 'timed-out');
      const a = await attempt(task, remaining, sandbox, output, { loadTimeoutMs: m.loadTimeoutMs ?? LOAD_TIMEOUT_MS, afterTimeout, cap: m.maxCheckMs });
      for (const o of a.outcomes) outcomes.set(o.name, o);
      const lost = remaining.find((c) => c.name === a.lost && !outcomes.has(c.name));
      if (lost) outcomes.set(lost.name, timedOutOutcome(lost, m.shown, afterTimeout, m.maxCheckMs));
      remaining = remaining.filter((c) => !outcomes.has(c.name));
      // a worker that finished without running them, or failed before any check: trying again would loop
      if (remaining.length > 0 && (a.lost === undefined || (a.outcomes.length === 0 && !lost))) {
        for (const c of remaining) outcomes.set(c.name, { name: c.name, points: c.points, status: 'error', message: 'the grader itself failed before this check ran', internal: true });
        remaining = [];
      }
    }
  } finally {
    sandbox.dispose();
  }
  return { checks: all.map((c) => outcomes.get(c.name)!), output };
}

/** Grade one exercise of a target (the student's file, or the reference where it falls back). */
export function runExercise(exercise: Exercise, settings: RunSettings): Promise<{ checks: CheckOutcome[]; output: string[] }> {
  const { target } = settings;
  const file = fileFor(target, exercise.id);
  const references = target.fallback.map((id) => fileFor(target, id));
  const inTarget = (ref: string): string => path.join(target.root, path.relative(target.reference, ref));
  // a reference graded in place of an exercise uses the student's other exercises, unless they fall back too
  const studentFiles = EXERCISES.filter((e) => !target.fallback.includes(e.id)).map((e) => path.join(target.reference, e.file));
  return gradeModule({
    exercise,
    file,
    shown: path.relative(path.dirname(target.root), file).split(path.sep).join('/'),
    root: target.root,
    seed: settings.seed,
    loadTimeoutMs: settings.loadTimeoutMs,
    maxCheckMs: settings.maxCheckMs,
    sandbox: {
      studentRoots: [target.root],
      readable: references,
      redirects: new Map(references.map((ref) => [inTarget(ref), ref])),
      referenceScope: references.length > 0 ? { root: target.reference, redirects: new Map(studentFiles.map((f) => [f, inTarget(f)])) } : undefined,
    },
  });
}
