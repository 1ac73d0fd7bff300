/**
 * Grade one exercise in a vitest process of its own, watched from outside. The worker writes
 * which check it starts to a progress file; results come back over IPC. A check (or a file
 * load) that overruns its time is stopped by killing the process group, recorded as timed out,
 * and the remaining checks run in a fresh process. So an infinite loop, a crash or a
 * process.exit in exercise code costs only the checks it touches, and the grading run always
 * finishes.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Exercise } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { type AnyCheck, DEFAULT_TIMEOUT_MS } from '../harness/check.ts';
import type { GradingMessage, SerializedError } from './messages.ts';
import { GRADING_CONFIG, TEST_DIR, VITEST_CLI } from './paths.ts';
import type { CheckOutcome } from './results.ts';
import { fileFor, type Target } from './target.ts';

export interface RunSettings {
  readonly target: Target;
  readonly seed: number;
  /** Time allowed for the exercise file to load. */
  readonly loadTimeoutMs?: number;
}

/** vitest's own timeout stops asynchronous code first; the kill is for synchronous loops. */
const GRACE_MS = 2_000;
/** Starting vitest (before the exercise file loads) can take long on a busy machine. */
const START_TIMEOUT_MS = 60_000;
/** Loading an exercise file (and the library it imports). */
const LOAD_TIMEOUT_MS = 20_000;
const MAX_OUTPUT_LINES = 200;

const live = new Set<ChildProcess>();

function kill(child: ChildProcess): void {
  if (child.pid === undefined || child.exitCode !== null) return;
  if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/T', '/F']);
  else {
    try {
      process.kill(-child.pid, 'SIGKILL'); // the whole group: vitest and the worker it forked
    } catch {
      child.kill('SIGKILL');
    }
  }
}

// Workers run in their own process group, so Ctrl-C would not reach them: take them down with us.
const killAll = (): void => live.forEach(kill);
process.on('exit', killAll);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    killAll();
    process.exit(130);
  });
}

interface Attempt {
  readonly results: Extract<GradingMessage, { type: 'result' }>[];
  /** Set when the watchdog stopped the run: in which check, or (no check) while starting or loading. */
  readonly stopped?: { readonly check?: string };
  readonly errors: SerializedError[];
  readonly output: string[];
  readonly stderr: string;
}

let attempts = 0;

/**
 * Once a check of an exercise has been stopped, the others often loop in the same code: they get
 * a third of their time (at least 3 s, still far more than a correct answer needs).
 */
const limitOf = (check: AnyCheck, afterTimeout: boolean): number => {
  const own = check.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  return afterTimeout ? Math.max(3_000, own / 3) : own;
};

function attempt(exercise: Exercise, checks: readonly AnyCheck[], settings: RunSettings, afterTimeout: boolean): Promise<Attempt> {
  const loadTimeout = settings.loadTimeoutMs ?? LOAD_TIMEOUT_MS;
  const progressFile = path.join(tmpdir(), `gradschool-${process.pid}-${++attempts}.progress`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [VITEST_CLI, 'run', '--config', GRADING_CONFIG], {
      cwd: TEST_DIR,
      env: {
        ...process.env,
        COURSE_TARGET: settings.target.root,
        COURSE_FALLBACK: settings.target.fallback.join(','),
        COURSE_EXERCISE: exercise.id,
        COURSE_CHECKS: JSON.stringify(checks.map((c) => c.name)),
        COURSE_SEED: String(settings.seed),
        COURSE_PROGRESS: progressFile,
        // grades compare with float64 oracles: always the exact reference backend, whatever the shell says
        GRADSCHOOL_BACKEND: 'cpu',
      },
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: process.platform !== 'win32',
    });
    live.add(child);
    const results: Attempt['results'] = [];
    const errors: SerializedError[] = [];
    const output: string[] = [];
    let stderr = '';
    let stopped: Attempt['stopped'];
    let step = '';
    let running: string | undefined;
    let deadline = Date.now() + START_TIMEOUT_MS;
    child.stdout?.resume();
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on('message', (m: GradingMessage) => {
      if (m.type === 'result') {
        results.push(m);
        // the worker may already be in the next check (its progress line is then newer); if not, allow for teardown
        if (m.check === running) {
          running = undefined;
          deadline = Date.now() + loadTimeout;
        }
      } else if (m.type === 'errors' || m.type === 'end') errors.push(...m.errors);
      else if (m.type === 'log' && output.length < MAX_OUTPUT_LINES) {
        output.push(...m.content.trimEnd().split('\n').slice(0, MAX_OUTPUT_LINES - output.length));
      }
    });
    const watchdog = setInterval(() => {
      const now = readProgress(progressFile);
      if (now !== step) {
        step = now;
        const [kind, name] = now.split('\t');
        running = kind === 'check' ? name : undefined;
        const check = checks.find((c) => c.name === running);
        deadline = Date.now() + (check ? limitOf(check, afterTimeout) + GRACE_MS : loadTimeout);
      }
      if (Date.now() > deadline && !stopped) {
        stopped = { check: running };
        kill(child);
      }
    }, 50);
    child.on('close', () => {
      clearInterval(watchdog);
      live.delete(child);
      rmSync(progressFile, { force: true });
      resolve({ results, stopped, errors, output, stderr });
    });
  });
}

function readProgress(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
}

/** Where in the graded files an error was raised, from its stack. */
function origin(stack: string | undefined, root: string): string {
  for (const line of (stack ?? '').split('\n')) {
    const m = /\(?((?:\/|[A-Za-z]:\\)[^():]+\.ts):(\d+):\d+\)?/.exec(line);
    if (m && m[1].startsWith(root)) return ` (at ${path.relative(path.dirname(root), m[1])}:${m[2]})`;
  }
  return '';
}

function outcomeOf(check: AnyCheck, m: Attempt['results'][number], loadFailure: string, root: string): CheckOutcome {
  const base = { name: check.name, points: check.points, durationMs: m.durationMs };
  if (m.state === 'passed') return { ...base, status: 'passed' };
  const e = m.errors[0];
  if (!e) return { ...base, status: 'error', message: loadFailure };
  if (e.name === 'NotImplementedError') return { ...base, status: 'not-implemented', message: e.message };
  if (e.name === 'CheckFailure') return { ...base, status: 'failed', message: e.message };
  if (/timed out in \d+ms/.test(e.message)) {
    return { ...base, status: 'timed-out', message: `did not finish within ${(check.timeoutMs ?? DEFAULT_TIMEOUT_MS) / 1000} s (does it wait on something that never comes?)` };
  }
  return { ...base, status: 'failed', message: `${e.name}: ${e.message}${origin(e.stack, root)}` };
}

/** The first lines of each error, without terminal colours. */
function describeErrors(errors: readonly SerializedError[], root: string): string {
  const lines = (message: string) =>
    message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0).slice(0, 3).join(' ');
  return errors.map((e) => `${e.name}: ${lines(e.message)}${origin(e.stack, root)}`).join('; ');
}

/** Grade every check of one exercise; the checks come back in the catalogue's order. */
export async function runExercise(exercise: Exercise, settings: RunSettings): Promise<{ checks: CheckOutcome[]; output: string[] }> {
  const all = await loadChecks(exercise.id);
  const file = fileFor(settings.target, exercise.id);
  const shown = path.relative(path.dirname(settings.target.root), file);
  const outcomes = new Map<string, CheckOutcome>();
  const output: string[] = [];
  let remaining = [...all];
  while (remaining.length > 0) {
    const afterTimeout = [...outcomes.values()].some((o) => o.status === 'timed-out');
    const a = await attempt(exercise, remaining, settings, afterTimeout);
    output.push(...a.output);
    const loadFailure = a.errors.length > 0 ? `could not load ${shown}: ${describeErrors(a.errors, settings.target.root)}` : `${shown} did not run`;
    for (const m of a.results) {
      const check = remaining.find((c) => c.name === m.check);
      if (check) outcomes.set(check.name, outcomeOf(check, m, loadFailure, settings.target.root));
    }
    const stoppedCheck = remaining.find((c) => c.name === a.stopped?.check && !outcomes.has(c.name));
    if (stoppedCheck) {
      const limit = Math.round(limitOf(stoppedCheck, afterTimeout) / 100) / 10;
      outcomes.set(stoppedCheck.name, {
        name: stoppedCheck.name,
        points: stoppedCheck.points,
        status: 'timed-out',
        message: `was stopped after ${limit} s without finishing: is there an infinite loop in ${shown}?`,
      });
    }
    const unfinished = remaining.filter((c) => !outcomes.has(c.name));
    if (unfinished.length > 0 && !stoppedCheck) {
      // nothing more will come from another try: the file does not load, or the process died
      const why = a.stopped
        ? `${shown} did not finish loading in time: is there an infinite loop at the top level of the file?`
        : a.errors.length > 0
          ? loadFailure
          : `the grading process stopped before this check ran${a.stderr ? `: ${a.stderr.trim().split('\n').slice(-3).join(' ')}` : ''}`;
      for (const c of unfinished) outcomes.set(c.name, { name: c.name, points: c.points, status: 'error', message: why });
    }
    remaining = remaining.filter((c) => !outcomes.has(c.name));
  }
  return { checks: all.map((c) => outcomes.get(c.name)!), output };
}
