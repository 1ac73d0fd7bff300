/**
 * The grader. Grades the exercises (or one, or the solutions, or any folder laid out like them)
 * and prints a grade table; exits 0 whatever the grade, so `npx turbo test` shows the table
 * instead of failing — only --expect full turns a missing point into a failure.
 *
 *   npm run grade                           every exercise in exercises/
 *   npm run grade -- --exercise 2.3         just 2.3 (or: npm run grade -- 2.3)
 *   npm run grade -- week7                  one chapter: its exercises, out of its 100 points
 *   npm run grade -- --watch                again on every save
 *   npm run grade -- --fallback 2.4         use the reference 2.4 (where there is one) and grade the rest
 *   npm run grade -- --json results.json    also write Gradescope's results.json
 *   npm run grade -- --classroom            also write GitHub Classroom's result
 *   npm run grade -- --target solutions --expect full    instructors: 100 % or exit 1
 *   npm run grade -- --submission <folder> --json results.json   what a student handed in (the whole
 *                                           course or just its exercises/): Gradescope's run_autograder
 *
 * Environment: COURSE_TARGET, COURSE_EXERCISE, COURSE_FALLBACK, COURSE_SEED (the same settings).
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXERCISES } from '../catalogue.ts';
import { defaultJobs, grade, gradeExercise, type GradeOptions } from '../grading/grade.ts';
import { text, writeClassroom, writeGradescope, writeGradescopeMessage } from '../grading/outputs.ts';
import { wantsColor } from '../grading/report/style.ts';
import { type GradeReport, total } from '../grading/results.ts';
import { exercisesFolderOf, parseIds, resolveTarget, UsageError } from '../grading/target.ts';
import { endWithParent, watchExercises } from '../grading/watch.ts';
import { seedFromEnv } from '../harness/seed.ts';
import { EXERCISES_DIR } from '../grading/paths.ts';
import { recordReport } from '../grading/progress.ts';

const USAGE = `usage: npm run grade -- [ids or chapters...] [--exercise <id|week2|week7>] [--target exercises|solutions|<folder>] [--submission <folder>]
       [--fallback <ids>] [--seed <n|random>] [--json <file>] [--classroom] [--watch]
       [--expect full] [--jobs <n>]`;

function options(argv: string[]) {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      exercise: { type: 'string', short: 'e', multiple: true },
      target: { type: 'string' },
      submission: { type: 'string' },
      fallback: { type: 'string' },
      seed: { type: 'string' },
      json: { type: 'string' },
      classroom: { type: 'boolean' },
      watch: { type: 'boolean' },
      expect: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const env = process.env;
  // npm runs scripts in the package's folder; paths the user typed are relative to where they typed them
  const cwd = env.INIT_CWD ?? process.cwd();
  const ids = parseIds([...(values.exercise ?? []), ...positionals, env.COURSE_EXERCISE ?? ''].join(','), '--exercise');
  if (values.expect !== undefined && values.expect !== 'full') throw new UsageError(`--expect takes 'full', got '${values.expect}'`);
  const jobs = values.jobs === undefined ? defaultJobs() : Number(values.jobs);
  let target = values.target ?? env.COURSE_TARGET;
  if (values.submission !== undefined) {
    const folder = exercisesFolderOf(path.resolve(cwd, values.submission));
    if (!folder) throw new NoExercises(`the submission ${values.submission} holds no exercises: hand in your exercises/ folder (with week2/ and week7/ in it), or the whole course`);
    target = folder;
  }
  if (!Number.isInteger(jobs) || jobs < 1) throw new UsageError(`--jobs takes a positive integer, got '${values.jobs}'`);
  return {
    help: values.help ?? false,
    grade: {
      target: resolveTarget(target, values.fallback ?? env.COURSE_FALLBACK, cwd),
      seed: seedFromEnv(values.seed ?? env.COURSE_SEED),
      only: ids,
      jobs,
    } satisfies GradeOptions,
    json: values.json && path.resolve(cwd, values.json),
    classroom: values.classroom ?? false,
    watch: values.watch ?? false,
    expectFull: values.expect === 'full',
  };
}

type Options = ReturnType<typeof options>;

/** A submission with nothing to grade: still a grade (0), in every format asked for, with the reason. */
class NoExercises extends UsageError {}

function publish(report: GradeReport, o: Options): void {
  process.stdout.write(text(report, wantsColor(process.stdout)));
  // the student's own folder: remember the grades for `npm run course`
  if (o.grade.target.root === EXERCISES_DIR) recordReport(report, o.grade.target);
  if (o.json) writeGradescope(report, o.json);
  if (o.classroom) writeClassroom(report, process.env);
}

/** Re-grade the exercises whose file, or a file they import, changed; forever. */
function watch(first: GradeReport, o: Options): void {
  let report = first;
  const selected = EXERCISES.filter((e) => o.grade.only.length === 0 || o.grade.only.includes(e.id));
  watchExercises(o.grade.target, selected, async (ids) => {
    const fresh = await Promise.all(ids.map((id) => gradeExercise(EXERCISES.find((e) => e.id === id)!, o.grade)));
    const exercises = report.exercises.map((e) => fresh.find((f) => f.id === e.id) ?? e);
    report = { ...report, exercises, ...total(exercises) };
    if (process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[H');
    publish(report, o);
    process.stdout.write(`  Re-graded ${ids.join(', ')} at ${new Date().toLocaleTimeString()}. Watching ${report.target}/ — save a file to grade it again, Ctrl-C to stop.\n`);
  });
  process.stdout.write(`  Watching ${report.target}/ — save a file to grade it again, Ctrl-C to stop.\n`);
  endWithParent(() => process.exit(0));
}

async function main(): Promise<number> {
  let o: Options;
  try {
    o = options(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    if (error instanceof NoExercises) {
      const json = parseArgs({ args: process.argv.slice(2), allowPositionals: true, strict: false, options: { json: { type: 'string' } } }).values.json;
      if (typeof json === 'string') writeGradescopeMessage(path.resolve(process.env.INIT_CWD ?? process.cwd(), json), error.message);
      return 0;
    }
    return 2;
  }
  if (o.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const report = await grade(o.grade);
  publish(report, o);
  if (o.watch) {
    watch(report, o);
    return new Promise<number>(() => {});
  }
  return o.expectFull && report.earned < report.points ? 1 : 0;
}

process.exitCode = await main();
