/**
 * `npm run grade:bulk -- <folder>` grades every submission in a folder into one CSV, with this
 * repository's checks and library: a submission's own (edited) test files play no part.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../grading/paths.ts';
import { runScript } from './grade-helpers.ts';

test('grades a folder of submissions into one CSV, ignoring their own test files', () => {
  const folder = mkdtempSync(path.join(tmpdir(), 'gradschool-bulk-'));
  // alice submitted a whole course copy with the reference code; bob his stubs and a "fixed" grader
  cpSync(SOLUTIONS_DIR, path.join(folder, 'alice', 'exercises'), { recursive: true });
  cpSync(EXERCISES_DIR, path.join(folder, 'bob', 'exercises'), { recursive: true });
  mkdirSync(path.join(folder, 'bob', 'test', 'harness'), { recursive: true });
  writeFileSync(path.join(folder, 'bob', 'test', 'harness', 'check.ts'), 'export const defineChecks = () => [];\n');
  mkdirSync(path.join(folder, 'carol'));
  // dave handed in only the week-7 chapter: still a submission, not an empty folder
  cpSync(path.join(SOLUTIONS_DIR, 'week7'), path.join(folder, 'dave', 'week7'), { recursive: true });
  const csv = path.join(folder, 'grades.csv');
  const run = runScript('bin/bulk.ts', [folder, '--out', csv, '--exercise', '2.1,2.9']);
  expect(run.status, run.stderr).toBe(0);
  const rows = readFileSync(csv, 'utf8').trim().split('\n').map((r) => r.split(','));
  expect(rows[0]).toEqual(['student', '2.1', '2.9', 'total', 'max', 'percent', 'notes']);
  const byName = Object.fromEntries(rows.slice(1).map((r) => [r[0], r]));
  expect(byName.alice).toEqual(['alice', '12', '10', '22', '22', '100', '']);
  expect(byName.bob).toEqual(['bob', '0', '0', '0', '22', '0', '']);
  expect(byName.carol.at(-1)).toBe('no exercises folder found');
  expect(byName.dave.at(-1)).not.toBe('no exercises folder found');
});
