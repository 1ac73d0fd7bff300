/**
 * The grading suite as vitest sees it: one describe per exercise, one test per check. The
 * exercise file is imported in beforeAll, after every test is registered, so exercise code
 * cannot add tests of its own; a file that fails to load fails each of its checks.
 *
 * Before loading and before each check it writes what it is about to do to COURSE_PROGRESS,
 * synchronously: vitest batches its own progress events, and a check stuck in an infinite loop
 * would never send them, so this file is how the grader knows which check to stop and blame.
 */
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, test } from 'vitest';
import { EXERCISES, findExercise } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { DEFAULT_TIMEOUT_MS } from '../harness/check.ts';
import { seedFromEnv, withSeed } from '../harness/seed.ts';

const env = process.env;
const exercises = env.COURSE_EXERCISE ? [findExercise(env.COURSE_EXERCISE)] : EXERCISES;
const only: string[] | undefined = env.COURSE_CHECKS ? JSON.parse(env.COURSE_CHECKS) : undefined;
const seed = seedFromEnv(env.COURSE_SEED);
const progress = (step: string): void => {
  if (env.COURSE_PROGRESS) writeFileSync(env.COURSE_PROGRESS, step);
};

for (const exercise of exercises) {
  const checks = (await loadChecks(exercise.id)).filter((c) => !only || only.includes(c.name));
  describe(`${exercise.id} ${exercise.title}`, () => {
    let impl: unknown;
    beforeAll(async () => {
      progress('loading');
      impl = await import(/* @vite-ignore */ `#target/${exercise.file}`);
    });
    for (const check of checks) {
      const run = async () => {
        progress(`check\t${check.name}`);
        await withSeed(seed, check.name, () => check.run(impl as never));
      };
      test(check.name, run, check.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    }
  });
}
