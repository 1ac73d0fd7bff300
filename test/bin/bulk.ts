/**
 * Grade a folder of student submissions into one CSV: one row per student (a subfolder holding
 * their copy of the course, or just their exercises folder), one column per exercise. Every
 * submission is graded by this repository's checks and library, never by files of its own, so
 * an edited test or library in a submission changes nothing. Use a seed of your own to grade on
 * inputs no student has seen.
 *
 *   npm run grade:bulk -- <submissions> [--out grades.csv] [--seed <n>] [--exercise <ids>]
 *                         [--json-dir <folder>] [--jobs <n>]
 */
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { EXERCISES } from '../catalogue.ts';
import { defaultJobs, grade } from '../grading/grade.ts';
import { writeGradescope } from '../grading/outputs.ts';
import type { GradeReport } from '../grading/results.ts';
import { exercisesFolderOf, parseIds, resolveTarget, UsageError } from '../grading/target.ts';
import { seedFromEnv } from '../harness/seed.ts';

const csvCell = (v: string | number): string => (typeof v === 'number' || !/[",\n]/.test(v) ? String(v) : `"${v.replace(/"/g, '""')}"`);

function notes(report: GradeReport): string {
  return report.exercises
    .flatMap((e) => {
      const out = [];
      if (e.checks.some((c) => c.status === 'timed-out')) out.push(`${e.id} timed out`);
      if (e.checks.some((c) => c.status === 'error')) out.push(`${e.id} did not load`);
      return out;
    })
    .join('; ');
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
    rows.push([student, ...report.exercises.map((e) => String(e.earned)), String(report.earned), String(report.points), String(percent), notes(report)]);
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
