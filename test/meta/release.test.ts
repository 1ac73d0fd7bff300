/**
 * `npm run release -- <folder>` writes a student copy that holds no solution (except the
 * references asked for), no fixture and no instructors' suite, whose manifests install without
 * the solutions workspace, and whose `test` script grades the student: 0 points, every exercise
 * "not implemented", nothing crashing, and the shipped reference usable as a fallback.
 */
import { existsSync, mkdtempSync, readFileSync, readdirSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXERCISES } from '../catalogue.ts';
import { REPO_ROOT } from '../grading/paths.ts';
import type { GradescopeResults } from '../grading/report/gradescope.ts';
import { FULL_MARKS, runScript } from './grade-helpers.ts';

let copy: string;

const files = (dir: string, rel = ''): string[] =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' ? [] : e.isDirectory() ? files(dir, path.join(rel, e.name)) : [path.join(rel, e.name)],
  );

beforeAll(() => {
  copy = path.join(mkdtempSync(path.join(tmpdir(), 'gradschool-release-')), 'course');
  const run = runScript('bin/release.ts', [copy, '--reference', '2.4']);
  expect(run.stderr).toBe('');
  expect(run.status).toBe(0);
  // the repository's install stands in for `npm ci` (which the manifests are checked for below)
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(copy, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
});

describe('a student release', () => {
  test('holds the exercises as they are, and of the solutions only the reference asked for', () => {
    const all = files(copy);
    expect(all.filter((f) => f.startsWith('solutions'))).toEqual([path.join('solutions', 'week2', '2.4-log-softmax.ts')]);
    expect(all.some((f) => f.startsWith(path.join('test', 'fixtures')) || f.startsWith(path.join('test', 'meta')))).toBe(false);
    for (const e of EXERCISES) {
      expect(readFileSync(path.join(copy, 'exercises', e.file), 'utf8')).toBe(readFileSync(path.join(REPO_ROOT, 'exercises', e.file), 'utf8'));
    }
    expect(existsSync(path.join(copy, '.github', 'workflows', 'classroom.yml'))).toBe(true);
  });

  test('has manifests that install without the solutions workspace', () => {
    const pkg = JSON.parse(readFileSync(path.join(copy, 'package.json'), 'utf8'));
    expect(pkg.workspaces).not.toContain('solutions');
    const lock = readFileSync(path.join(copy, 'package-lock.json'), 'utf8');
    expect(lock).not.toContain('@gradschool/solutions');
    const ci = spawnSync('npm', ['ci', '--dry-run', '--offline', '--ignore-scripts'], { cwd: copy, encoding: 'utf8', shell: process.platform === 'win32' });
    expect(ci.status, ci.stderr).toBe(0);
    const testPkg = JSON.parse(readFileSync(path.join(copy, 'test', 'package.json'), 'utf8'));
    expect(testPkg.scripts.test).toBe('tsx bin/grade.ts');
    expect(testPkg.scripts['test:solutions']).toBeUndefined();
    // `npx turbo test` and `npm test` are the grader alone
    expect(pkg.scripts.test).toBe('turbo run test');
    for (const lib of readdirSync(path.join(copy, 'packages'))) {
      const scripts = JSON.parse(readFileSync(path.join(copy, 'packages', lib, 'package.json'), 'utf8')).scripts ?? {};
      for (const suite of ['test', 'test:deno', 'test:browser']) expect(scripts[suite], `${lib} ${suite}`).toBeUndefined();
    }
    expect(readFileSync(path.join(copy, 'README.md'), 'utf8')).toContain('npm run course');
    expect(files(copy).filter((f) => f.startsWith(path.join('test', 'stubs'))).sort()).toEqual(
      [...EXERCISES.map((e) => path.join('test', 'stubs', e.file)), path.join('test', 'stubs', 'not-implemented.ts')].sort(),
    );
  });

  test('grades cleanly: 0 points, every check "not implemented", exit 0, a Gradescope file', () => {
    const json = path.join(copy, 'results.json');
    const run = runScript(path.join(copy, 'test', 'bin', 'grade.ts'), ['--json', json], {}, path.join(copy, 'test'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain(`Total  0 / ${FULL_MARKS}`);
    for (const e of EXERCISES) expect(run.stdout).toMatch(new RegExp(`${e.id.replace('.', '\\.')}\\s.*not implemented yet`));
    // the line wraps at the report's width
    expect(run.stdout.replace(/\s+/g, ' ')).toContain(`Not started yet: ${EXERCISES.map((e) => e.id).join(', ')}`);
    const gradescope = JSON.parse(readFileSync(json, 'utf8')) as GradescopeResults;
    expect(gradescope.score).toBe(0);
    expect(gradescope.tests.reduce((a, t) => a + t.max_score, 0)).toBe(FULL_MARKS);
    for (const t of gradescope.tests) expect(t.output, t.name).toMatch(/^exercise \d+\.\d+ is not implemented yet \([\w.]+\)$/);
  });

  test('can fall back to the reference it ships, and only to that one', () => {
    const run = runScript(path.join(copy, 'test', 'bin', 'grade.ts'), ['--exercise', '2.4,2.6', '--fallback', '2.4'], {}, path.join(copy, 'test'));
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2\.4 .*reference solution used, not graded/);
    const missing = runScript(path.join(copy, 'test', 'bin', 'grade.ts'), ['--fallback', '2.7'], {}, path.join(copy, 'test'));
    expect(missing.status).toBe(2);
    expect(missing.stderr).toContain('needs the reference solutions/week2/2.7-value.ts, which this copy of the course does not have');
  });
});
