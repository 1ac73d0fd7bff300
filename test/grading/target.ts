/**
 * What is being graded. COURSE_TARGET picks the folder: `exercises` (the default), `solutions`,
 * or the path of any folder laid out like them (a student's submission). COURSE_FALLBACK lists
 * exercises to take from the reference instead — a student stuck on 2.4 still gets 2.6 graded,
 * which builds on it — and those exercises score nothing.
 */
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { EXERCISES, findExercise } from '../catalogue.ts';
import { EXERCISES_DIR, REPO_ROOT, SOLUTIONS_DIR } from './paths.ts';

export interface Target {
  /** Absolute path of the folder graded. */
  readonly root: string;
  /** How to name it in reports: 'exercises', 'solutions' or the path given. */
  readonly label: string;
  /** Absolute path of the reference solutions the fallback takes from. */
  readonly reference: string;
  /** Ids of the exercises replaced by their reference. */
  readonly fallback: readonly string[];
}

/** A usage mistake (unknown folder or exercise): the CLI prints it without a stack. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** Exercise ids from a comma-separated list; a chapter's id (`week2`, `week7`) stands for all its exercises. */
export function parseIds(list: string | undefined, what: string): string[] {
  const names = (list ?? '').split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  const ids = names.flatMap((name) => {
    const inChapter = EXERCISES.filter((e) => e.chapter.id === name).map((e) => e.id);
    if (inChapter.length > 0) return inChapter;
    if (EXERCISES.some((e) => e.id === name)) return [name];
    const chapters = [...new Set(EXERCISES.map((e) => e.chapter.id))];
    throw new UsageError(`${what}: there is no exercise '${name}'; the exercises are ${EXERCISES.map((e) => e.id).join(', ')} (or a whole chapter: ${chapters.join(', ')})`);
  });
  return [...new Set(ids)];
}

export function resolveTarget(name: string | undefined, fallback: string | undefined, cwd = process.cwd()): Target {
  const given = name && name.length > 0 ? name : 'exercises';
  const root = given === 'exercises' ? EXERCISES_DIR : given === 'solutions' ? SOLUTIONS_DIR : path.resolve(cwd, given);
  if (!existsSync(root) || !statSync(root).isDirectory()) {
    throw new UsageError(`target '${given}': there is no folder ${root}`);
  }
  const ids = parseIds(fallback, 'COURSE_FALLBACK');
  for (const id of ids) {
    const file = path.join(SOLUTIONS_DIR, findExercise(id).file);
    if (!existsSync(file)) {
      throw new UsageError(`COURSE_FALLBACK=${id} needs the reference ${path.relative(REPO_ROOT, file)}, which this copy of the course does not have`);
    }
  }
  const label = root === EXERCISES_DIR ? 'exercises' : root === SOLUTIONS_DIR ? 'solutions' : given;
  return { root, label, reference: SOLUTIONS_DIR, fallback: ids };
}

/** The file an exercise is graded from: the target's, or the reference's if it falls back. */
export const fileFor = (target: Target, id: string): string =>
  path.join(target.fallback.includes(id) ? target.reference : target.root, findExercise(id).file);

/**
 * The folder holding the chapters (week2/, week7/, …) in what a student handed in: its exercises/
 * if it has one (the whole course), else the folder itself (just the exercises); undefined if
 * neither holds a chapter.
 */
export function exercisesFolderOf(submission: string): string | undefined {
  const chapters = [...new Set(EXERCISES.map((e) => e.chapter.id))];
  const holdsAChapter = (dir: string) => chapters.some((c) => existsSync(path.join(dir, c)));
  const nested = path.join(submission, 'exercises');
  if (holdsAChapter(nested)) return nested;
  return holdsAChapter(submission) ? submission : undefined;
}
