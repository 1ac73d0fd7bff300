/**
 * The student's progress, saved in their folder (`.gradschool/progress.json`) so that
 * `npm run course` can list it at once and pick up where they left off: each exercise's last
 * grade and a fingerprint of the file it was given for, and how many hints each has shown. A
 * grade run always re-checks everything before it counts; this is only its memory.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import type { ExerciseStatus, GradeReport } from './results.ts';
import { readSource } from './source.ts';
import { fileFor, type Target } from './target.ts';

export interface SavedGrade {
  readonly earned: number;
  readonly points: number;
  readonly status: ExerciseStatus;
  readonly gradedAt: string;
  /** sha-256 of the exercise file when it was graded: a later edit makes the grade stale. */
  readonly fingerprint: string;
}

export interface Progress {
  readonly exercises: Record<string, SavedGrade>;
  /** How many hint steps each exercise has shown. */
  readonly hints: Record<string, number>;
}

export const PROGRESS_FILE = path.join(REPO_ROOT, '.gradschool', 'progress.json');

export const fingerprint = (file: string): string => createHash('sha256').update(readSource(file)).digest('hex');

export function loadProgress(file = PROGRESS_FILE): Progress {
  try {
    const saved = JSON.parse(readFileSync(file, 'utf8')) as Partial<Progress>;
    return { exercises: { ...saved.exercises }, hints: { ...saved.hints } };
  } catch {
    return { exercises: {}, hints: {} };
  }
}

export function saveProgress(progress: Progress, file = PROGRESS_FILE): void {
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(progress, null, 2)}\n`);
}

/** Remember the grades of a report on the student's own exercises (not the references it fell back to). */
export function recordReport(report: GradeReport, target: Target, file = PROGRESS_FILE): Progress {
  const progress = loadProgress(file);
  const gradedAt = new Date().toISOString();
  for (const e of report.exercises) {
    if (e.status === 'reference') continue;
    progress.exercises[e.id] = { earned: e.earned, points: e.points, status: e.status, gradedAt, fingerprint: fingerprint(fileFor(target, e.id)) };
  }
  saveProgress(progress, file);
  return progress;
}
