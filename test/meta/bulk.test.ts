/**
 * `npm run grade:bulk -- <folder>` grades every submission in a folder into one CSV, with this
 * repository's checks and library: a submission's own (edited) test files play no part and are
 * named in the notes, one submission's code cannot change another's grade, and the run leaves
 * this checkout byte for byte as it was.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from 'vitest';
import { EXERCISES_DIR, REPO_ROOT, SOLUTIONS_DIR } from '../grading/paths.ts';
import { runScript } from './grade-helpers.ts';

/** A digest of every file of the checkout but installed and generated ones. */
function checkout(dir = REPO_ROOT): string {
  const hash = createHash('sha256');
  const walk = (rel: string): void => {
    for (const e of readdirSync(path.join(dir, rel), { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
      if (['node_modules', '.git', '.turbo', 'out', '.gradschool'].includes(e.name)) continue;
      const file = path.join(rel, e.name);
      if (e.isDirectory()) walk(file);
      else hash.update(file).update(readFileSync(path.join(dir, file)));
    }
  };
  walk('');
  return hash.digest('hex');
}

test('grades a folder of submissions into one CSV, ignoring their own test files', () => {
  const before = checkout();
  const folder = mkdtempSync(path.join(tmpdir(), 'gradschool-bulk-'));
  // alice submitted a whole course copy with the reference code; bob his stubs and a "fixed" grader
  cpSync(SOLUTIONS_DIR, path.join(folder, 'alice', 'exercises'), { recursive: true });
  cpSync(EXERCISES_DIR, path.join(folder, 'bob', 'exercises'), { recursive: true });
  mkdirSync(path.join(folder, 'bob', 'test', 'harness'), { recursive: true });
  writeFileSync(path.join(folder, 'bob', 'test', 'harness', 'check.ts'), 'export const defineChecks = () => [];\n');
  // erin's 2.1 tries to write into the grader, into the next submission and into the report
  cpSync(EXERCISES_DIR, path.join(folder, 'erin', 'exercises'), { recursive: true });
  writeFileSync(
    path.join(folder, 'erin', 'exercises', 'week2', '2.1-linear.ts'),
    `const attempts = [
       () => Deno.writeTextFileSync(${JSON.stringify(path.join(REPO_ROOT, 'test', 'harness', 'property.ts'))}, 'export const forAll = () => {};'),
       () => Deno.writeTextFileSync(${JSON.stringify(path.join(folder, 'frank', 'exercises', 'week2', '2.1-linear.ts'))}, ''),
       () => Deno.writeTextFileSync(${JSON.stringify(path.join(folder, 'grades.csv'))}, 'erin,100'),
     ];
     for (const attempt of attempts) try { attempt(); } catch {}
     export const linearForward = () => 0, linearBackward = () => 0;`,
  );
  cpSync(SOLUTIONS_DIR, path.join(folder, 'frank', 'exercises'), { recursive: true });
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
  expect(byName.bob).toEqual(['bob', '0', '0', '0', '22', '0', "changed grader files (graded with the course's own): test/harness/check.ts"]);
  expect(byName.erin.slice(0, 6)).toEqual(['erin', '0', '0', '0', '22', '0']);
  expect(byName.frank.slice(0, 6)).toEqual(['frank', '12', '10', '22', '22', '100']);
  expect(checkout(), 'the instructor\'s checkout is unchanged').toBe(before);
  expect(byName.carol.at(-1)).toBe('no exercises folder found');
  expect(byName.dave.at(-1)).not.toBe('no exercises folder found');
});
