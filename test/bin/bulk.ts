/**
 * Grade a folder of student submissions into one CSV: one row per student (a subfolder holding
 * their copy of the course, or just their exercises folder), one column per exercise. Every
 * submission is graded by this repository's checks and library, never by files of its own, and
 * its code runs in the grader's sandbox, which can write nothing: an edited test or library in a
 * submission changes nothing, and the notes name the grader files a submission changed (a
 * GitHub Classroom grade computed by them is not to be trusted). Use a seed of your own to grade
 * on inputs no student has seen.
 *
 *   npm run grade:bulk -- <submissions> [--out grades.csv] [--seed <n>] [--exercise <ids>]
 *                         [--json-dir <folder>] [--jobs <n>]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXERCISES } from '../catalogue.ts';
import { defaultJobs, grade } from '../grading/grade.ts';
import { REPO_ROOT } from '../grading/paths.ts';
import { readSource } from '../grading/source.ts';
import { writeGradescope } from '../grading/outputs.ts';
import type { GradeReport } from '../grading/results.ts';
import { exercisesFolderOf, parseIds, resolveTarget, UsageError } from '../grading/target.ts';
import { seedFromEnv } from '../harness/seed.ts';

const csvCell = (v: string | number): string => (typeof v === 'number' || !/[",\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);

/** The .ts files of the grader and library (test/, packages/<name>/src) in a submission that differ from this repository's. */
export function changedGraderFiles(submission: string): string[] {
  const changed: string[] = [];
  const walk = (rel: string): void => {
    const dir = path.join(submission, rel);
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const file = path.posix.join(rel, entry.name);
      if (entry.name === 'node_modules') continue;
      if (entry.isDirectory()) walk(file);
      else if (entry.name.endsWith('.ts')) {
        const ours = path.join(REPO_ROOT, file);
        // readSource reads plain files only: a link to a pipe must not hang the grader
        if (!entry.isFile() || !existsSync(ours) || readFileSync(ours, 'utf8') !== readSource(path.join(submission, file))) changed.push(file);
      }
    }
  };
  walk('test');
  if (existsSync(path.join(submission, 'packages'))) for (const lib of readdirSync(path.join(submission, 'packages'))) walk(`packages/${lib}/src`);
  return changed;
}

function notes(report: GradeReport, changed: readonly string[]): string {
  const out = report.exercises.flatMap((e) => {
    const lines = [];
    if (e.checks.some((c) => c.status === 'timed-out')) lines.push(`${e.id} timed out`);
    if (e.checks.some((c) => c.status === 'error')) lines.push(`${e.id} did not load`);
    return lines;
  });
  if (changed.length > 0) out.push(`changed grader files (graded with the course's own): ${changed.slice(0, 5).join(' ')}${changed.length > 5 ? ` and ${changed.length - 5} more` : ''}`);
  return out.join('; ');
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { out: { type: 'string' }, seed: { type: 'string' }, exercise: { type: 'string' }, 'json-dir': { type: 'string' }, jobs: { type: 'string' } },
  });
  const cwd = process.env.INIT_CWD ?? process.cwd();
  if (positionals.length !== 1) throw new UsageError('usage: npm run grade:bulk -- <submissions folder> [--out grades.csv] [--seed <n>] [--json-dir <folder>]');
  const folder = path.resolve(cwd, positionals[0]);
  const out = path.resolve(cwd, values.out ?? 'grades.csv');
  const seed = seedFromEnv(values.seed);
  const jobs = values.jobs ? Number(values.jobs) : defaultJobs();
  const only = parseIds(values.exercise, '--exercise');
  const graded = only.length > 0 ? EXERCISES.filter((e) => only.includes(e.id)) : EXERCISES;
  const students = readdirSync(folder, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name).sort();
  const rows = [['student', ...graded.map((e) => e.id), 'total', 'max', 'percent', 'notes']];
  for (const student of students) {
    const root = exercisesFolderOf(path.join(folder, student));
    if (!root) {
      rows.push([student, ...graded.map(() => ''), '', '', '', 'no exercises folder found']);
      process.stdout.write(`${student}: no exercises folder found\n`);
      continue;
    }
    const report = await grade({ target: resolveTarget(root, undefined), seed, jobs, only });
    if (values['json-dir']) {
      mkdirSync(path.resolve(cwd, values['json-dir']), { recursive: true });
      writeGradescope(report, path.resolve(cwd, values['json-dir'], `${student}.json`));
    }
    const percent = report.points > 0 ? Math.round((1000 * report.earned) / report.points) / 10 : 0;
    rows.push([student, ...report.exercises.map((e) => String(e.earned)), String(report.earned), String(report.points), String(percent), notes(report, changedGraderFiles(path.join(folder, student)))]);
    process.stdout.write(`${student}: ${report.earned} / ${report.points}\n`);
  }
  writeFileSync(out, `${rows.map((r) => r.map(csvCell).join(',')).join('\n')}\n`);
  process.stdout.write(`Wrote ${out} (${students.length} submissions, seed ${seed}).\n`);
  return 0;
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
