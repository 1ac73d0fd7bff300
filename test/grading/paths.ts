/** Where things are, from this file's own location (the grader may be started from any folder). */
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const TEST_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const REPO_ROOT = path.resolve(TEST_DIR, '..');
export const EXERCISES_DIR = path.join(REPO_ROOT, 'exercises');
export const SOLUTIONS_DIR = path.join(REPO_ROOT, 'solutions');
/** In a student release: the exercise files as shipped, for the brief and for `course reset`. */
export const STUBS_DIR = path.join(TEST_DIR, 'stubs');
