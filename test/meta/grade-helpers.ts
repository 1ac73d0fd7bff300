/** Shared by the meta tests: run the grader CLI as a student or an instructor would. */
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { EXERCISES } from '../catalogue.ts';
import { TEST_DIR } from '../grading/paths.ts';

const TSX = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** `tsx <script> ...args` with a clean COURSE_* environment plus `env`. */
export function runScript(script: string, args: string[], env: Record<string, string> = {}, cwd = TEST_DIR): CliRun {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COURSE_') && !k.startsWith('GITHUB_')));
  const r = spawnSync(process.execPath, [TSX, script, ...args], {
    cwd,
    env: { ...clean, NO_COLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 170_000,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** Every chapter is worth 100 points (meta/layout.test.ts checks it): full marks are 100 per chapter. */
export const FULL_MARKS = 100 * new Set(EXERCISES.map((e) => e.chapter.id)).size;
