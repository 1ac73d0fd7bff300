/** What the grader reads from an exercise file's text: its brief, and which exercises it builds on. */
import { existsSync, lstatSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Exercise } from '../catalogue.ts';
import { EXERCISES_DIR, SOLUTIONS_DIR, STUBS_DIR } from './paths.ts';

/**
 * The brief: the doc comment at the top of the file, without its title line and its
 * Guide/Checks line. Empty if the file has none (a student may have deleted it).
 */
export function briefOf(source: string): string {
  const comment = /^\s*\/\*\*([\s\S]*?)\*\//.exec(source);
  if (!comment) return '';
  const lines = comment[1].split('\n').map((l) => l.replace(/^\s*\*\s?/, '').trimEnd());
  return lines
    .filter((l) => !/^Exercise \d+\.\d+/.test(l) && !/^Guide:/.test(l))
    .join('\n')
    .trim()
    .replace(/\s*\n\s*/g, ' ');
}

/** Ids of the exercises whose files this one imports ('./2.4-log-softmax.ts' → '2.4'). */
export function usesOf(source: string, ownId: string): string[] {
  const ids = [...source.matchAll(/from\s+['"]\.\/(\d+\.\d+)-[\w-]+(?:\.ts)?['"]/g)].map((m) => m[1]);
  return [...new Set(ids)].filter((id) => id !== ownId);
}

/** A student's file as text: '' for anything but a plain file under a megabyte (a link to a pipe or /dev/zero would hang the grader). */
export function readSource(file: string): string {
  try {
    const stat = lstatSync(file);
    return stat.isFile() && stat.size <= 2 ** 20 ? readFileSync(file, 'utf8') : '';
  } catch {
    return '';
  }
}

/** The guide the doc comment points to ("Guide: exercises/week2/README.md#23-stable-softmax"). */
export function guideOf(source: string): string | undefined {
  return /Guide:\s*(\S+)/.exec(source)?.[1];
}

/**
 * The course's own copy of an exercise file, whatever the student did to theirs: the pristine
 * stub a release ships (test/stubs/), else the reference, else this repository's exercises/
 * (which, where solutions/ exists, are the stubs).
 */
export function pristineFile(exercise: Exercise): string {
  for (const dir of [STUBS_DIR, SOLUTIONS_DIR, EXERCISES_DIR]) {
    const file = path.join(dir, exercise.file);
    if (existsSync(file)) return file;
  }
  return path.join(EXERCISES_DIR, exercise.file);
}

/** The stub as shipped: test/stubs/ in a release, this repository's exercises/ otherwise. */
export function stubFile(exercise: Exercise): string {
  const shipped = path.join(STUBS_DIR, exercise.file);
  return existsSync(shipped) ? shipped : path.join(EXERCISES_DIR, exercise.file);
}
