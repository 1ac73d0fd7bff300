/**
 * The grading suite's vitest configuration. The grader starts one vitest process per exercise
 * with COURSE_EXERCISE (and COURSE_TARGET, COURSE_FALLBACK, COURSE_SEED) set; the exercise code
 * runs in a forked worker, so the grader can kill it when a check overruns. Run directly
 * (`npx vitest run --config grading/vitest.config.ts` in test/), it grades every exercise with
 * vitest's own output.
 */
import { defineConfig } from 'vitest/config';
import { DEFAULT_TIMEOUT_MS } from '../harness/check.ts';
import { TEST_DIR } from './paths.ts';
import GradingReporter from './reporter.ts';
import { targetResolver } from './resolver.ts';
import { resolveTarget } from './target.ts';

const target = resolveTarget(process.env.COURSE_TARGET, process.env.COURSE_FALLBACK);

export default defineConfig({
  root: TEST_DIR,
  plugins: [targetResolver(target)],
  // Strip types without reading the nearest tsconfig.json: a submission graded in bulk may have
  // none, or one that extends a file it does not contain.
  oxc: { tsconfig: false } as object,
  test: {
    include: ['grading/exercise.test.ts'],
    pool: 'forks',
    maxWorkers: 1,
    setupFiles: ['grading/integrity.ts'],
    reporters: process.send ? [new GradingReporter()] : ['default'],
    testTimeout: DEFAULT_TIMEOUT_MS,
    hookTimeout: 60_000,
    watch: false,
  },
});
