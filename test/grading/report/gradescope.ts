/**
 * Gradescope's autograder results format (results.json): one test per check, scored with the
 * check's points, its message as the output students see.
 * https://gradescope-autograders.readthedocs.io/en/latest/specs/#output-format
 */
import type { GradeReport } from '../results.ts';

export interface GradescopeTest {
  name: string;
  number: string;
  score: number;
  max_score: number;
  status: 'passed' | 'failed';
  output: string;
  visibility: 'visible';
}

export interface GradescopeResults {
  score: number;
  execution_time: number;
  output: string;
  output_format: 'text';
  test_output_format: 'text';
  stdout_visibility: 'visible';
  visibility: 'visible';
  tests: GradescopeTest[];
}

export function gradescope(report: GradeReport): GradescopeResults {
  return {
    score: report.earned,
    execution_time: Math.round(report.durationMs / 1000),
    output: `${report.earned} / ${report.points} points (${report.target}, seed ${report.seed})`,
    output_format: 'text',
    test_output_format: 'text',
    stdout_visibility: 'visible',
    visibility: 'visible',
    tests: report.exercises.flatMap((e) =>
      e.checks.map((c, i) => ({
        name: `${e.id} ${e.title}: ${c.name}`,
        number: `${e.id}.${i + 1}`,
        score: c.status === 'passed' ? c.points : 0,
        max_score: c.points,
        status: c.status === 'passed' ? ('passed' as const) : ('failed' as const),
        output: c.status === 'passed' ? '' : (c.message ?? c.status),
        visibility: 'visible' as const,
      })),
    ),
  };
}
