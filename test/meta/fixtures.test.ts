/**
 * Every exercise keeps plausible wrong answers and unusual correct ones in fixtures/<id>/, each
 * file's first line naming its mistake (`// wrong: …`) or its twist (`// correct: …`). Here each
 * is graded in this process by its exercise's checks: a wrong one must fail at least one check —
 * with a plain-words CheckFailure, not a crash of the harness — and a correct one must pass all.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { DEFAULT_SEED, withSeed } from '../harness/seed.ts';
import { TEST_DIR } from '../grading/paths.ts';

const FIXTURES = path.join(TEST_DIR, 'fixtures');

interface Fixture {
  file: string;
  kind: 'wrong' | 'correct';
  why: string;
}

function fixturesOf(id: string): Fixture[] {
  const dir = path.join(FIXTURES, id);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const first = readFileSync(path.join(dir, f), 'utf8').split('\n')[0];
      const m = /^\/\/ (wrong|correct): (.+)$/.exec(first);
      if (!m) throw new Error(`fixtures/${id}/${f} must start with '// wrong: <the mistake>' or '// correct: <what is unusual>'`);
      return { file: path.join(dir, f), kind: m[1] as Fixture['kind'], why: m[2] };
    });
}

async function failures(id: string, file: string): Promise<{ check: string; name: string; message: string }[]> {
  const impl = await import(file);
  const out: { check: string; name: string; message: string }[] = [];
  for (const check of await loadChecks(id)) {
    try {
      withSeed(DEFAULT_SEED, check.name, () => check.run(impl as never));
    } catch (error) {
      const e = error as Error;
      out.push({ check: check.name, name: e.name, message: e.message });
    }
  }
  return out;
}

for (const exercise of EXERCISES) {
  describe(`fixtures of ${exercise.id}`, () => {
    const fixtures = fixturesOf(exercise.id);

    test('include several wrong answers and at least one unusual correct one', () => {
      expect(fixtures.filter((f) => f.kind === 'wrong').length).toBeGreaterThanOrEqual(3);
      expect(fixtures.filter((f) => f.kind === 'correct').length).toBeGreaterThanOrEqual(1);
    });

    for (const f of fixtures) {
      test(`${path.basename(f.file)} (${f.kind}: ${f.why})`, async () => {
        const failed = await failures(exercise.id, f.file);
        if (f.kind === 'correct') {
          expect(failed, 'a correct implementation must keep every point').toEqual([]);
        } else {
          expect(failed.length, 'a wrong implementation must lose points').toBeGreaterThan(0);
          for (const x of failed) expect(x.name, `${x.check}: ${x.message}`).toBe('CheckFailure');
        }
      });
    }
  });
}
