/**
 * GitHub Classroom: the result a grading step hands to classroom-resources/autograding-grading-reporter
 * (a base64 JSON `result` step output: version 1, status, max_score and tests with scores), and a
 * Markdown summary for the workflow run's page.
 */
import type { GradeReport } from '../results.ts';
import { percent, progressBar } from './text.ts';

export interface ClassroomResult {
  version: 1;
  status: 'pass' | 'fail' | 'error';
  max_score: number;
  tests: {
    name: string;
    status: 'pass' | 'fail' | 'error';
    score: number;
    message: string;
    test_code: string;
    filename: string;
    line_no: number;
    execution_time: string;
  }[];
}

export function classroom(report: GradeReport): ClassroomResult {
  const tests = report.exercises.flatMap((e) =>
    e.checks.map((c) => ({
      name: `${e.id} ${c.name}`,
      status: c.status === 'passed' ? ('pass' as const) : c.status === 'error' ? ('error' as const) : ('fail' as const),
      score: c.status === 'passed' ? c.points : 0,
      message: c.status === 'passed' ? '' : (c.message ?? c.status),
      test_code: `npm run grade -- --exercise ${e.id} --seed ${report.seed}`,
      filename: `exercises/${e.file}`,
      line_no: 0,
      execution_time: `${((c.durationMs ?? 0) / 1000).toFixed(2)}s`,
    })),
  );
  const status = tests.every((t) => t.status === 'pass') ? 'pass' : tests.some((t) => t.status === 'error') ? 'error' : 'fail';
  return { version: 1, status, max_score: report.points, tests };
}

export const encodeResult = (report: GradeReport): string => Buffer.from(JSON.stringify(classroom(report))).toString('base64');

export function markdownSummary(report: GradeReport): string {
  const rows = report.exercises.map((e) => `| ${e.id} | ${e.title} | ${e.earned} / ${e.points} | ${e.status.replace('-', ' ')} |`);
  return [
    `### Grade: ${report.earned} / ${report.points} (${percent(report.earned, report.points)} %)`,
    '',
    `\`${progressBar(report.earned, report.points)}\``,
    '',
    '| exercise | title | points | status |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
  ].join('\n');
}
