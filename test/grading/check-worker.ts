/**
 * The check worker: a thread of the grading process that runs one exercise's checks at a time.
 * The checks, their generators and oracles, shrinking and every verdict live here; the exercise
 * code runs in the sandboxed runner, which this thread questions through sandbox/session.ts.
 * The grading process keeps the deadlines: it is told when each check starts (on the channel the
 * questions go, so that it sees both in order) and stops the
 * runner (or this thread) when one overruns, so nothing here has to be trusted to stop itself.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parentPort, workerData } from 'node:worker_threads';
import { loadChecks } from '../checks.ts';
import { CheckFailure, isNotImplemented } from '../harness/check.ts';
import { withSeed } from '../harness/seed.ts';
import { begin, connect, LoadError, notify, RemoteError, stoppedReason } from '../sandbox/session.ts';
import type { CheckOutcome } from './results.ts';
import { readSource } from './source.ts';

/** What the grading process asks for: some checks of one exercise, against one module. */
export interface Task {
  readonly exercise: string;
  /** File URL of the module graded (the student's file, a reference, a fixture). */
  readonly module: string;
  /** The module's path as the report shows it: `exercises/week2/2.3-softmax.ts`. */
  readonly shown: string;
  /** The folder paths in stacks are shown relative to. */
  readonly root: string;
  readonly seed: number;
  readonly checks: readonly string[];
}

export type WorkerMessage =
  | { readonly type: 'start'; readonly check: string }
  | { readonly type: 'end'; readonly outcome: CheckOutcome }
  | { readonly type: 'done' };

/** Where in the graded files an error was raised, from its stack (paths or file URLs). */
export function originOf(stack: string | undefined, root: string): string {
  for (const line of (stack ?? '').split('\n')) {
    const m = /((?:file:\/\/\/?|\/|[A-Za-z]:\\)[^():\s]+\.ts):(\d+)(?::\d+)?/.exec(line);
    if (!m) continue;
    const file = m[1].startsWith('file:') ? fileURLToPath(m[1]) : m[1];
    if (file.startsWith(root)) return ` (at ${path.relative(path.dirname(root), file).split(path.sep).join('/')}:${m[2]})`;
  }
  return '';
}

/**
 * The lines around where a file failed to load, with a caret under the column, when the
 * runner's message or stack says where (a syntax error: "… at file:///…/2.4-log-softmax.ts:1:34").
 */
export function codeFrame(text: string, root: string): string {
  const m = /(file:\/\/\/?[^\s():]+\.ts):(\d+):(\d+)/.exec(text);
  if (!m) return '';
  const file = fileURLToPath(m[1]);
  if (!file.startsWith(root)) return '';
  const source = readSource(file).split('\n');
  const [line, column] = [Number(m[2]), Number(m[3])];
  const width = String(line + 1).length;
  const out: string[] = [];
  for (let n = Math.max(1, line - 2); n <= Math.min(source.length, line + 1); n++) {
    out.push(`${n === line ? '>' : ' '} ${String(n).padStart(width)} | ${source[n - 1]}`);
    if (n === line) out.push(`  ${' '.repeat(width)} | ${' '.repeat(Math.max(0, column - 1))}^`);
  }
  return out.join('\n');
}

const firstLines = (message: string): string =>
  message.replace(/\u001b\[[0-9;]*m/g, '').split('\n').map((l) => l.trim()).filter((l) => l.length > 0).slice(0, 3).join(' ');

async function grade(task: Task, check: Awaited<ReturnType<typeof loadChecks>>[number]): Promise<Omit<CheckOutcome, 'durationMs'>> {
  const base = { name: check.name, points: check.points };
  let thrown: unknown;
  try {
    const impl = begin(task.module);
    await withSeed(task.seed, check.name, () => check.run(impl as never));
  } catch (error) {
    thrown = error;
  }
  // the runner's fate decides first: a check that swallowed the stop must not pass
  const stop = stoppedReason();
  if (stop?.reason === 'deadline') return { ...base, status: 'timed-out' };
  if (stop?.reason === 'load-timeout') return { ...base, status: 'error', message: `${task.shown} did not finish loading in time: is there an infinite loop at the top level of the file?` };
  if (stop?.reason === 'too-much') return { ...base, status: 'failed', message: `the exercise code used far more than any check needs (${stop.detail}), and was stopped` };
  if (stop) return { ...base, status: 'error', message: `the exercise code ended the process it runs in during this check (${stop.detail}): an exercise returns its answer, it never exits` };
  if (thrown === undefined) return { ...base, status: 'passed' };
  if (thrown instanceof LoadError) {
    const { name, message, stack } = thrown.cause;
    const frame = codeFrame(`${message}\n${stack ?? ''}`, task.root);
    // with a frame, the message's own copy of the source line is noise
    const text = frame ? message.split('\n')[0].replace(/ at file:\S+$/, '') : firstLines(message);
    return { ...base, status: 'error', message: `could not load ${task.shown}: ${name}: ${text}${originOf(`${message}\n${stack ?? ''}`, task.root)}${frame ? `\n${frame}` : ''}` };
  }
  if (isNotImplemented(thrown)) return { ...base, status: 'not-implemented', message: (thrown as Error).message };
  if (thrown instanceof CheckFailure) return { ...base, status: 'failed', message: thrown.message };
  const e = thrown as Error;
  if (thrown instanceof RemoteError) return { ...base, status: 'failed', message: `${e.name}: ${e.message}${originOf(e.stack, task.root)}` };
  return { ...base, status: 'failed', message: `${e?.name}: ${e?.message}`, internal: true };
}

connect(workerData.port, workerData.flag);
parentPort!.on('message', async (task: Task) => {
  const checks = (await loadChecks(task.exercise)).filter((c) => task.checks.includes(c.name));
  for (const check of checks) {
    notify({ type: 'start', check: check.name } satisfies WorkerMessage);
    const started = performance.now();
    const outcome = await grade(task, check);
    notify({ type: 'end', outcome: { ...outcome, durationMs: Math.round(performance.now() - started) } } satisfies WorkerMessage);
  }
  notify({ type: 'done' } satisfies WorkerMessage);
});
