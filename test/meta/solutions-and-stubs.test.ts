/**
 * Through the grader CLI, as `npm run test:solutions` uses it: the reference solutions earn every
 * point, in every report format, and --expect full agrees. (The stubs' full run — 0 points, each
 * check "not implemented" — is graded in the student release, meta/release.test.ts.)
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import type { GradescopeResults } from '../grading/report/gradescope.ts';
import type { ClassroomResult } from '../grading/report/classroom.ts';
import { FULL_MARKS, runScript } from './grade-helpers.ts';

const out = mkdtempSync(path.join(tmpdir(), 'gradschool-meta-'));

describe('the reference solutions', () => {
  test('score 100 % with --expect full, in every output format', () => {
    const json = path.join(out, 'solutions.json');
    const githubOutput = path.join(out, 'github-output');
    const summary = path.join(out, 'summary.md');
    const run = runScript('bin/grade.ts', ['--target', 'solutions', '--expect', 'full', '--json', json, '--classroom'], {
      GITHUB_OUTPUT: githubOutput,
      GITHUB_STEP_SUMMARY: summary,
    });
    expect(run.stderr + run.stdout).toContain(`Total  ${FULL_MARKS} / ${FULL_MARKS}`);
    expect(run.status).toBe(0);

    const gradescope = JSON.parse(readFileSync(json, 'utf8')) as GradescopeResults;
    expect(gradescope.score).toBe(FULL_MARKS);
    expect(gradescope.tests.every((t) => t.status === 'passed' && t.score === t.max_score)).toBe(true);
    expect(gradescope.tests.reduce((a, t) => a + t.max_score, 0)).toBe(FULL_MARKS);

    const line = readFileSync(githubOutput, 'utf8').trim();
    expect(line.startsWith('result=')).toBe(true);
    const classroom = JSON.parse(Buffer.from(line.slice('result='.length), 'base64').toString('utf8')) as ClassroomResult;
    expect(classroom).toMatchObject({ version: 1, status: 'pass', max_score: FULL_MARKS });
    expect(classroom.tests.reduce((a, t) => a + t.score, 0)).toBe(FULL_MARKS);
    expect(readFileSync(summary, 'utf8')).toContain(`### Grade: ${FULL_MARKS} / ${FULL_MARKS} (100 %)`);
  });
});

describe('the stubs', () => {
  test('--expect full turns missing points into exit code 1, for one exercise at a time', () => {
    const run = runScript('bin/grade.ts', ['--exercise', '2.3', '--expect', 'full']);
    expect(run.status).toBe(1);
    expect(run.stdout).toMatch(/2\.3 .*not implemented yet/);
    expect(run.stdout).not.toContain('2.4');
  });

  test('a usage mistake is explained, with exit code 2', () => {
    const run = runScript('bin/grade.ts', ['--exercise', '9.9']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain("there is no exercise '9.9'");
    expect(run.stderr).toContain('(or a whole chapter: week2, week7)');
  });

  test('a chapter id grades just that chapter, out of its 100 points', () => {
    const run = runScript('bin/grade.ts', ['week7']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/7\.1 /);
    expect(run.stdout).toMatch(/7\.10 /);
    expect(run.stdout).not.toMatch(/\b2\.\d /);
    expect(run.stdout).toMatch(/\/ 100\b/);
  });
});
