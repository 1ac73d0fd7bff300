/**
 * Every exercise keeps plausible wrong answers and unusual correct ones in fixtures/<id>/, each
 * file's first line naming its mistake (`// wrong: …`), its twist (`// correct: …`), or saying it
 * is a well-formed answer that ignores its input (`// trivial: …`). Each is graded as a student's
 * file is, in the sandbox (where a fixture may also import solutions/): a wrong one must fail at
 * least one check, a trivial one every check — always judged in plain words, never by a crash of
 * a check — and a correct one must pass them all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISES, type Exercise } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { DEFAULT_SEED } from '../harness/seed.ts';
import { SOLUTIONS_DIR, TEST_DIR } from '../grading/paths.ts';
import { gradeModule } from '../grading/run-exercise.ts';

const FIXTURES = path.join(TEST_DIR, 'fixtures');
/** The grading seed: the default, or FIXTURE_SEED=<n> to prove the fixtures at another. */
const SEED = process.env.FIXTURE_SEED === undefined ? DEFAULT_SEED : Number(process.env.FIXTURE_SEED);

interface Fixture {
  file: string;
  kind: 'wrong' | 'correct' | 'trivial';
  why: string;
}

function fixturesOf(id: string): Fixture[] {
  const dir = path.join(FIXTURES, id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const first = readFileSync(path.join(dir, f), 'utf8').split('\n')[0];
      const m = /^\/\/ (wrong|correct|trivial): (.+)$/.exec(first);
      if (!m) throw new Error(`fixtures/${id}/${f} must start with '// wrong: <the mistake>', '// correct: <what is unusual>' or '// trivial: <what it returns>'`);
      return { file: path.join(dir, f), kind: m[1] as Fixture['kind'], why: m[2] };
    });
}

/** Grade a fixture as the grader grades a student's file: in the sandbox, where it may also import solutions/. */
async function failures(exercise: Exercise, file: string) {
  const dir = path.dirname(file);
  const { checks } = await gradeModule({
    exercise,
    file,
    shown: path.relative(TEST_DIR, file),
    root: FIXTURES,
    seed: SEED,
    sandbox: { studentRoots: [dir], openRoots: [SOLUTIONS_DIR], readable: [], redirects: new Map() },
  });
  return checks.filter((c) => c.status !== 'passed');
}

for (const exercise of EXERCISES) {
  describe(`fixtures of ${exercise.id}`, () => {
    const fixtures = fixturesOf(exercise.id);

    test('include several wrong answers, a trivial one and at least one unusual correct one', () => {
      expect(fixtures.filter((f) => f.kind === 'wrong').length).toBeGreaterThanOrEqual(3);
      expect(fixtures.filter((f) => f.kind === 'trivial').length).toBeGreaterThanOrEqual(1);
      expect(fixtures.filter((f) => f.kind === 'correct').length).toBeGreaterThanOrEqual(1);
    });

    for (const f of fixtures) {
      test.concurrent(`${path.basename(f.file)} (${f.kind}: ${f.why})`, async () => {
        const failed = await failures(exercise, f.file);
        if (f.kind === 'correct') {
          expect(failed, 'a correct implementation must keep every point').toEqual([]);
          return;
        }
        const all = (await loadChecks(exercise.id)).length;
        if (f.kind === 'trivial') expect(failed.map((x) => x.name), 'an answer that ignores its input must earn nothing').toHaveLength(all);
        else expect(failed.length, 'a wrong implementation must lose points').toBeGreaterThan(0);
        for (const x of failed) expect([x.status, x.internal ?? false], `${x.name}: ${x.message}`).toEqual(['failed', false]);
      });
    }
  });
}
