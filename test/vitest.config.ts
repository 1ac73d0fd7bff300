/**
 * The instructors' suite (`npm test` here, part of the repository's CI): the reference solutions
 * score 100 %, the stubs 0 without a crash, every wrong-answer fixture loses points and every
 * correct one keeps them all, broken submissions cannot break the grader, the report formats
 * are right, and a student release grades cleanly. The grading suite itself has its own config
 * (grading/vitest.config.ts), run by the grader.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['meta/**/*.test.ts'],
    // the fixtures are graded in this process: on the exact reference backend, as the grader does
    env: { GRADSCHOOL_BACKEND: 'cpu' },
    pool: 'forks',
    // each concurrent test grades in a check worker and a runner of its own: two at a time fills two cores
    maxConcurrency: 2,
    testTimeout: 180_000,
    hookTimeout: 180_000,
  },
});
