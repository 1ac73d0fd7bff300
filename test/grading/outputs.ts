/**
 * Everything a finished report is turned into: the terminal table, Gradescope's results.json,
 * GitHub Classroom's outputs. The grader writes these files itself, after the exercise code
 * has stopped running, so exercise code cannot have written them.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT } from './paths.ts';
import { classroom, encodeResult, markdownSummary } from './report/classroom.ts';
import { gradescope } from './report/gradescope.ts';
import { style } from './report/style.ts';
import { renderReport } from './report/text.ts';
import type { ExerciseResult, GradeReport } from './results.ts';

/** The command that grades one exercise again with the same settings. */
function replayCommand(report: GradeReport, exercise: ExerciseResult): string {
  const scripts = existsSync(path.join(REPO_ROOT, 'package.json'))
    ? (JSON.parse(readFileSync(path.join(REPO_ROOT, 'package.json'), 'utf8')).scripts ?? {})
    : {};
  const base = 'grade' in scripts ? 'npm run grade --' : 'npm run grade -w @gradschool/test --';
  const target = report.target === 'exercises' ? '' : ` --target ${report.target}`;
  const fallback = report.fallback.length > 0 ? ` --fallback ${report.fallback.join(',')}` : '';
  return `${base} --exercise ${exercise.id} --seed ${report.seed}${target}${fallback}`;
}

export const text = (report: GradeReport, color: boolean): string =>
  renderReport(report, { style: style(color), replay: (e) => replayCommand(report, e), folder: report.target });

function write(file: string, content: string): void {
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  writeFileSync(file, content);
}

export const writeGradescope = (report: GradeReport, file: string): void => write(file, `${JSON.stringify(gradescope(report), null, 2)}\n`);

/** A results.json with no tests, 0 points and one message: a submission the grader could not grade at all. */
export const writeGradescopeMessage = (file: string, message: string): void =>
  write(file, `${JSON.stringify({ score: 0, output: message, output_format: 'text', stdout_visibility: 'visible', visibility: 'visible', tests: [] }, null, 2)}\n`);

/**
 * In a GitHub Actions step: `result` (base64) for the Classroom reporter in $GITHUB_OUTPUT and a
 * Markdown summary in $GITHUB_STEP_SUMMARY. Elsewhere the result JSON goes to `fallbackFile`.
 */
export function writeClassroom(report: GradeReport, env: NodeJS.ProcessEnv, fallbackFile = 'classroom-result.json'): string[] {
  const written: string[] = [];
  if (env.GITHUB_OUTPUT) {
    appendFileSync(env.GITHUB_OUTPUT, `result=${encodeResult(report)}\n`);
    written.push(env.GITHUB_OUTPUT);
  }
  if (env.GITHUB_STEP_SUMMARY) {
    appendFileSync(env.GITHUB_STEP_SUMMARY, markdownSummary(report));
    written.push(env.GITHUB_STEP_SUMMARY);
  }
  if (written.length === 0) {
    write(fallbackFile, `${JSON.stringify(classroom(report), null, 2)}\n`);
    written.push(fallbackFile);
  }
  return written;
}
