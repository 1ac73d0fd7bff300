/**
 * `npm run course`, driven as a student drives it in a fresh release: the list says where they
 * are and what is next, instantly and without grading; hints come one step at a time and are
 * remembered; a grade is saved and the list shows it; reset asks first, then puts the stub
 * back; and watch grades the exercise being saved and quits on 'q' without leaving anything
 * running.
 */
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT, SOLUTIONS_DIR } from '../grading/paths.ts';
import { HINTS } from '../hints.ts';
import { runScript } from './grade-helpers.ts';

let copy: string;
const course = (...args: string[]) => runScript(path.join(copy, 'test', 'bin', 'course.ts'), args, {}, path.join(copy, 'test'));
const exercise = (id: string) => path.join(copy, 'exercises', 'week2', id);

beforeAll(() => {
  copy = path.join(mkdtempSync(path.join(tmpdir(), 'gradschool-course-')), 'course');
  const run = runScript('bin/release.ts', [copy]);
  expect(run.status, run.stderr).toBe(0);
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
});

describe('the student command', () => {
  test('lists every exercise with its points at once, and says what to do next', () => {
    const run = course('list');
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2\.1 +Linear layer: forward and backward +0 \/ 12/);
    expect(run.stdout).toContain('Total  0 / 200');
    expect(run.stdout).toContain('Next: 2.1 Linear layer');
    expect(run.stdout).toContain('nothing graded yet');
  });

  test('gives hints one step at a time, and remembers where it is', () => {
    const first = course('hint', '2.3');
    expect(first.stdout).toContain(`Hint 1 of ${HINTS['2.3'].length} for 2.3`);
    const second = course('hint', '2.3');
    expect(second.stdout).toContain(`Hint 2 of ${HINTS['2.3'].length} for 2.3`);
    expect(second.stdout.replace(/\s+/g, ' ')).toContain(HINTS['2.3'][1].slice(0, 40));
  });

  test('grades, saves the grade, and the list shows it; an edit marks it changed', () => {
    copyFileSync(path.join(SOLUTIONS_DIR, 'week2', '2.3-softmax.ts'), exercise('2.3-softmax.ts'));
    const graded = course('grade', '2.3');
    expect(graded.status, graded.stderr).toBe(0);
    expect(graded.stdout).toMatch(/2\.3 +Stable softmax +10 \/ 10/);
    expect(course('list').stdout).toMatch(/✔ 2\.3 +Stable softmax +10 \/ 10/);
    copyFileSync(path.join(SOLUTIONS_DIR, 'week2', '2.3-softmax.ts'), exercise('2.3-softmax.ts'));
    const edited = `${readFileSync(exercise('2.3-softmax.ts'), 'utf8')}\n// an edit\n`;
    writeFileSync(exercise('2.3-softmax.ts'), edited);
    expect(course('list').stdout).toMatch(/~ 2\.3 .*changed since last graded/);
  });

  test('reset asks first (refusing without a terminal), then puts the stub back and forgets the grade', () => {
    const refused = course('reset', '2.3');
    expect(refused.status).toBe(1);
    expect(refused.stdout).toContain('add --yes');
    expect(readFileSync(exercise('2.3-softmax.ts'), 'utf8')).not.toContain('NotImplementedError');
    const done = course('reset', '2.3', '--yes');
    expect(done.status, done.stderr).toBe(0);
    expect(readFileSync(exercise('2.3-softmax.ts'), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'exercises', 'week2', '2.3-softmax.ts'), 'utf8'));
    expect(course('list').stdout).toMatch(/· 2\.3 +Stable softmax +0 \/ 10/);
    expect(course('hint', '2.3').stdout).toContain('Hint 1 of');
  });

  test('watch grades the exercise being saved, and quits on q', async () => {
    const tsx = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
    const child = spawn(process.execPath, [tsx, path.join('bin', 'course.ts'), 'watch'], { cwd: path.join(copy, 'test'), env: { ...process.env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let output = '';
    const seen = (text: string) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${text}" in:\n${output}`)), 60_000);
        const look = () => {
          if (output.includes(text)) {
            clearTimeout(timer);
            resolve();
          } else setTimeout(look, 100);
        };
        look();
      });
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    await seen('save an exercise file to grade it');
    copyFileSync(path.join(SOLUTIONS_DIR, 'week2', '2.4-log-softmax.ts'), exercise('2.4-log-softmax.ts'));
    await seen('Graded 2.4');
    expect(output).toMatch(/2\.4 +Stable logsoftmax +\d+ \/ \d+/);
    child.stdin.write('h');
    await seen('Hint 1 of');
    child.stdin.write('q');
    const code = await new Promise((resolve) => child.on('exit', resolve));
    expect(code).toBe(0);
  }, 120_000);
});
