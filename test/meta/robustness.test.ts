/**
 * A submission that misbehaves in every way we could think of — exits the process, loops at the
 * top level and inside a check, does not parse, returns the wrong kind of thing, patches the
 * built-ins the checks compare with, registers fake tests and writes a fake report — costs each
 * exercise only its own points, with a message, and the grading run finishes with an honest
 * report. The broken files are written here, as text, so that they never reach the type checker.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { grade } from '../grading/grade.ts';
import { SOLUTIONS_DIR, TEST_DIR } from '../grading/paths.ts';
import type { GradeReport } from '../grading/results.ts';
import { resolveTarget } from '../grading/target.ts';
import { runScript } from './grade-helpers.ts';

const BROKEN: Record<string, string> = {
  // exits the process in the middle of a check
  '2.1-linear.ts': `
    import type { Tensor } from '@gradschool/tensor';
    export { linearForward } from './linear-forward.ts';
    export function linearBackward(x: Tensor, weight: Tensor, g: Tensor) { process.exit(3); }`,
  'linear-forward.ts': `
    import type { Tensor } from '@gradschool/tensor';
    export const linearForward = (x: Tensor, w: Tensor, b: Tensor) => x.matmul(w.T).add(b);`,
  // never finishes loading
  '2.2-activations.ts': `
    while (Date.now() > 0) {}
    export const reluBackward = 0, sigmoidBackward = 0, tanhBackward = 0;`,
  // loops forever in one check only (the one that leaves out dim)
  '2.3-softmax.ts': `
    import type { Tensor } from '@gradschool/tensor';
    export function softmax(x: Tensor, ...dim: number[]): Tensor {
      if (dim.length === 0) for (;;) {}
      const e = x.sub(x.max(dim[0], { keepdim: true })).exp();
      return e.div(e.sum(dim[0], { keepdim: true }));
    }`,
  // does not parse
  '2.4-log-softmax.ts': `export function logSoftmax(x, dim = -1 {`,
  // the wrong kind of result, and a throw
  '2.5-softmax-backward.ts': `
    export const softmaxBackward = () => [1, 2, 3];
    export function logSoftmaxBackward(): never { throw new TypeError('cannot read properties of undefined'); }`,
  // tries to make any comparison pass, then answers wrongly
  '2.6-cross-entropy.ts': `
    import { tensor } from '@gradschool/tensor';
    for (const patch of [() => { Math.abs = () => 0; }, () => { Object.is = () => true; }, () => { (globalThis as any).Math = { abs: () => 0 }; },
                         () => { Array.prototype.some = () => false; }, () => { Float64Array.prototype.map = function () { return this; }; }]) {
      try { patch(); } catch {}
    }
    export const crossEntropy = () => tensor(0, { dtype: 'float64' });
    export const crossEntropyBackward = (logits: any) => logits.mul(0);`,
  // registers fake passing tests and writes a fake report, then does nothing
  '2.7-value.ts': `
    import { writeFileSync } from 'node:fs';
    import { test } from 'vitest';
    try { test('each operation computes the right value (Values and plain numbers as operands)', () => {}); } catch {}
    if (process.env.TAMPER_PATH) writeFileSync(process.env.TAMPER_PATH, JSON.stringify({ score: 1000, tests: [] }));
    export class Value { constructor(public data: number) {} }
    export const topologicalSort = () => [];`,
  // returns a Promise from a synchronous exercise
  '2.8-sgd-momentum.ts': `
    export { SgdMomentum, trainClassifier } from './reference/2.8-sgd-momentum.ts';
    export async function accuracy() { return 1; }`,
};

let root: string;
let report: GradeReport;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'gradschool-broken-'));
  mkdirSync(path.join(root, 'week2'));
  cpSync(path.join(SOLUTIONS_DIR, 'week2'), path.join(root, 'week2'), { recursive: true });
  // a copy the broken 2.8 builds on, away from the broken 2.2 it would otherwise import
  cpSync(path.join(SOLUTIONS_DIR, 'week2'), path.join(root, 'week2', 'reference'), { recursive: true });
  for (const [file, source] of Object.entries(BROKEN)) writeFileSync(path.join(root, 'week2', file), source);
  // the load limit is short so the top-level loop costs little, yet ample for a file that loads (well under 1 s)
  report = await grade({ target: resolveTarget(root, undefined), seed: 42, loadTimeoutMs: 10_000 });
});

const exercise = (id: string) => report.exercises.find((e) => e.id === id)!;
const check = (id: string, start: string) => exercise(id).checks.find((c) => c.name.startsWith(start))!;

describe('a misbehaving submission', () => {
  test('process.exit in a check fails that check and leaves the others', () => {
    expect(check('2.1', 'linearForward').status).toBe('passed');
    expect(check('2.1', 'linearBackward: dL/dx').message).toContain('exited with code 3');
  });

  test('an infinite loop at the top level fails every check of the file, after the load timeout', () => {
    for (const c of exercise('2.2').checks) {
      expect(c.status).toBe('error');
      expect(c.message).toContain('did not finish loading in time: is there an infinite loop at the top level of the file?');
    }
  });

  test('an infinite loop inside one check is stopped; the other checks still run and pass', () => {
    const [looping, ...rest] = exercise('2.3').checks;
    expect(looping.status).toBe('timed-out');
    expect(looping.message).toContain('without finishing: is there an infinite loop in');
    expect(rest.every((c) => c.status === 'passed')).toBe(true);
  });

  test('a syntax error fails the file, and the exercises that import it, with the parser message', () => {
    expect(exercise('2.4').checks.every((c) => c.status === 'error' && /could not load .*2\.4-log-softmax\.ts/.test(c.message ?? ''))).toBe(true);
  });

  test('a wrong type of result and a thrown error are explained', () => {
    expect(check('2.5', 'softmaxBackward equals').message).toMatch(/returned an array; expected (dL\/dx, )?a Tensor of shape \[/);
    expect(check('2.5', 'logSoftmaxBackward equals').message).toContain('threw TypeError: cannot read properties of undefined');
  });

  test('patching built-ins does not make a wrong answer pass', () => {
    expect(exercise('2.6').earned).toBe(0);
    expect(exercise('2.6').checks.every((c) => c.status === 'failed')).toBe(true);
  });

  test('fake tests registered by exercise code do not count', () => {
    expect(exercise('2.7').earned).toBe(0);
  });

  test('a Promise from a synchronous exercise is refused; the exercises that are right keep their points', () => {
    expect(check('2.8', 'accuracy').message).toContain('returned a Promise');
    expect(check('2.8', 'the first step').status).toBe('passed');
    expect(exercise('2.9').status).toBe('passed');
  });

  test('the report file is the grader\'s, whatever exercise code wrote there', () => {
    const json = path.join(root, 'results.json');
    const run = runScript('bin/grade.ts', ['--target', root, '--exercise', '2.7,2.9', '--json', json], { TAMPER_PATH: json });
    expect(run.status).toBe(0);
    const written = JSON.parse(readFileSync(json, 'utf8'));
    expect(written.score).toBe(10);
    expect(written.tests.length).toBeGreaterThan(0);
  });

  // /proc tells a process's parent and state; the watch that needs it is POSIX, tested where /proc is
  test.runIf(process.platform === 'linux')('a runner stuck in a loop dies soon after its grader is killed outright (SIGKILL leaves it no say)', async () => {
    const grader = spawn(process.execPath, ['--import', 'tsx', 'bin/grade.ts', '--target', root, '--exercise', '2.2'], { cwd: TEST_DIR, stdio: 'ignore' });
    const stat = (pid: string) => readFileSync(`/proc/${pid}/stat`, 'utf8').slice(readFileSync(`/proc/${pid}/stat`, 'utf8').lastIndexOf(')') + 2).split(' ');
    const runnerOf = (parent: number): string | undefined => readdirSync('/proc').filter((d) => /^\d+$/.test(d)).find((pid) => {
      try {
        return Number(stat(pid)[1]) === parent && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('runner.ts');
      } catch {
        return false; // it ended while we looked
      }
    });
    const alive = (pid: string) => existsSync(`/proc/${pid}`) && stat(pid)[0] !== 'Z';
    const until = async (done: () => boolean, ms: number) => {
      for (const end = Date.now() + ms; !done() && Date.now() < end;) await new Promise((r) => setTimeout(r, 100));
      return done();
    };
    let runner: string | undefined;
    expect(await until(() => (runner = runnerOf(grader.pid!)) !== undefined, 30_000), 'the grader started no runner').toBe(true);
    await new Promise((r) => setTimeout(r, 500)); // into the top-level loop
    grader.kill('SIGKILL');
    expect(await until(() => !alive(runner!), 5_000), `runner ${runner} still runs 5 s after its grader was killed`).toBe(true);
  }, 60_000);
});
