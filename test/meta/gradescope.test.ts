/**
 * `npm run release -- --gradescope <zip>` writes an autograder that Gradescope can run as it is:
 * unpacked into a temporary folder laid out as Gradescope lays out /autograder (source/,
 * submission/, results/), its run_autograder grades the submission into results/results.json —
 * full marks for the reference, nothing for a file that tries to mark its own checks passed, and
 * a grade of 0 with the reason for a submission that holds no exercises. The course's install
 * stands in for setup.sh, which installs Node and runs `npm ci` on Gradescope's image.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { EXERCISES_DIR, REPO_ROOT, SOLUTIONS_DIR } from '../grading/paths.ts';
import type { GradescopeResults } from '../grading/report/gradescope.ts';
import { readZip } from '../grading/zip.ts';
import { FULL_MARKS, runScript } from './grade-helpers.ts';

let zip: string;
let entries: ReturnType<typeof readZip>;

/** A fresh /autograder with the zip unpacked in source/ and `submission` copied into submission/. */
function autograder(submission: (dir: string) => void): { root: string; results: () => GradescopeResults; run: ReturnType<typeof spawnSync> } {
  const root = mkdtempSync(path.join(tmpdir(), 'gradschool-autograder-'));
  for (const e of entries) {
    const file = path.join(root, 'source', e.name);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, e.data, { mode: e.mode });
  }
  symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(root, 'source', 'node_modules'), 'dir');
  mkdirSync(path.join(root, 'submission'));
  submission(path.join(root, 'submission'));
  const run = spawnSync('bash', [path.join(root, 'source', 'run_autograder')], {
    env: { PATH: process.env.PATH, HOME: process.env.HOME, GRADESCOPE_ROOT: root, NO_COLOR: '1' },
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { root, run, results: () => JSON.parse(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')) };
}

beforeAll(() => {
  zip = path.join(mkdtempSync(path.join(tmpdir(), 'gradschool-gradescope-zip-')), 'autograder.zip');
  const made = runScript('bin/release.ts', ['--gradescope', zip, '--seed', '1234']);
  expect(made.status, made.stderr).toBe(0);
  entries = readZip(zip);
});

describe.skipIf(process.platform === 'win32')('the Gradescope autograder', () => {
  test('holds the two scripts at its root, executable, and no solution', () => {
    const byName = new Map(entries.map((e) => [e.name, e]));
    for (const script of ['setup.sh', 'run_autograder']) expect(byName.get(script)?.mode, script).toBe(0o755);
    expect(entries.filter((e) => e.name.startsWith('solutions/') || e.name.startsWith('test/fixtures/') || e.name.startsWith('test/meta/'))).toEqual([]);
    expect(new TextDecoder().decode(byName.get('run_autograder')!.data)).toContain('--seed 1234');
  });

  test('grades a submission of the whole course: the reference scores full marks', () => {
    const { run, results } = autograder((dir) => cpSync(SOLUTIONS_DIR, path.join(dir, 'exercises'), { recursive: true }));
    expect(run.status, String(run.stderr)).toBe(0);
    expect(results().score).toBe(FULL_MARKS);
    expect(results().output).toContain('seed 1234');
  });

  test('a file that tries to mark its own checks passed, and writes results.json itself, earns nothing', () => {
    const { root, run, results } = autograder((dir) => {
      cpSync(EXERCISES_DIR, dir, { recursive: true });
      writeFileSync(
        path.join(dir, 'week2', '2.3-softmax.ts'),
        `import { onTestFinished } from 'vitest';
         import { writeFileSync } from 'node:fs';
         try { onTestFinished(({ task }: any) => { task.result.state = 'pass'; }); } catch {}
         try { writeFileSync('/autograder/results/results.json', '{"score": 4242}'); } catch {}
         export const softmax = (x: any) => x;`,
      );
    });
    expect(run.status, String(run.stderr)).toBe(0);
    const r = results();
    expect(r.score).toBe(0);
    const softmax = r.tests.filter((t) => t.name.startsWith('2.3 '));
    expect(softmax.length).toBeGreaterThan(0);
    for (const t of softmax) expect(t.output).toContain("'vitest' is not available to exercise code");
    expect(readFileSync(path.join(root, 'results', 'results.json'), 'utf8')).not.toContain('4242');
  });

  test('a submission without exercises gets 0 points and says why', () => {
    const { run, results } = autograder((dir) => writeFileSync(path.join(dir, 'answers.txt'), 'softmax is exp over sum'));
    expect(run.status, String(run.stderr)).toBe(0);
    expect(results().score).toBe(0);
    expect(results().output).toContain('holds no exercises');
  });
});
