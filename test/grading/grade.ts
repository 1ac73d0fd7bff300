/** Grade a selection of exercises against a target, a few at a time, into one report. */
import { availableParallelism } from 'node:os';
import { EXERCISES, type Exercise } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { type ExerciseResult, exerciseStatus, type GradeReport, total } from './results.ts';
import { runExercise } from './run-exercise.ts';
import { briefOf, guideOf, pristineFile, readSource, stubFile, usesOf } from './source.ts';
import { fileFor, type Target } from './target.ts';

export interface GradeOptions {
  readonly target: Target;
  readonly seed: number;
  /** Ids to grade; all exercises when empty. */
  readonly only?: readonly string[];
  /** How many exercises to grade at once. */
  readonly jobs?: number;
  readonly loadTimeoutMs?: number;
  /** A cap on every check's time limit (tests of the grader only). */
  readonly maxCheckMs?: number;
  /** Called as each exercise finishes (progress). */
  readonly onResult?: (result: ExerciseResult) => void;
}

export const defaultJobs = (): number => Math.max(1, Math.min(4, availableParallelism()));

export async function gradeExercise(exercise: Exercise, options: GradeOptions): Promise<ExerciseResult> {
  const source = readSource(fileFor(options.target, exercise.id));
  // the brief and guide are the course's, not whatever is left of the header in the student's file
  const pristine = readSource(pristineFile(exercise)) || source;
  const checks = await loadChecks(exercise.id);
  const meta = {
    id: exercise.id,
    title: exercise.title,
    chapter: exercise.chapter.title,
    file: exercise.file,
    points: checks.reduce((a, c) => a + c.points, 0),
    brief: briefOf(pristine),
    guide: guideOf(pristine),
    uses: usesOf(source, exercise.id),
    edited: source !== readSource(stubFile(exercise)),
  };
  if (options.target.fallback.includes(exercise.id)) {
    const skipped = checks.map((c) => ({ name: c.name, points: c.points, status: 'skipped' as const, message: `graded with the reference (COURSE_FALLBACK=${exercise.id})` }));
    return { ...meta, earned: 0, status: 'reference', checks: skipped, output: [] };
  }
  const run = await runExercise(exercise, options);
  const earned = run.checks.reduce((a, c) => a + (c.status === 'passed' ? c.points : 0), 0);
  return { ...meta, earned, status: exerciseStatus(run.checks), checks: run.checks, output: run.output };
}

export async function grade(options: GradeOptions): Promise<GradeReport> {
  const started = Date.now();
  const selected = options.only && options.only.length > 0 ? EXERCISES.filter((e) => options.only!.includes(e.id)) : EXERCISES;
  const results: ExerciseResult[] = new Array(selected.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < selected.length) {
      const i = next++;
      results[i] = await gradeExercise(selected[i], options);
      options.onResult?.(results[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(options.jobs ?? defaultJobs(), selected.length) }, worker));
  return {
    target: options.target.label,
    seed: options.seed,
    fallback: options.target.fallback,
    exercises: results,
    ...total(results),
    durationMs: Date.now() - started,
  };
}
