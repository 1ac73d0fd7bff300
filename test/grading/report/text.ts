/**
 * The grade report a student reads: a table of exercises with points, a total with a progress
 * bar, then for each exercise that is attempted but not yet right, what failed and how — the
 * shrunk counterexample in plain words — the exercise's brief, its guide and how to replay it.
 */
import { type CheckOutcome, type ExerciseResult, type GradeReport, total } from '../results.ts';
import type { Style } from './style.ts';

export interface TextOptions {
  readonly style: Style;
  /** The command that grades one exercise again, e.g. `npm run grade -- --exercise 2.3 --seed 42`. */
  readonly replay: (exercise: ExerciseResult) => string;
  /** Folder of the exercise files as the student sees it, e.g. `exercises`. */
  readonly folder: string;
}

const WIDTH = 96;
const BAR = 30;

function wrap(text: string, indent: string, width = WIDTH): string {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (line.length > 0 && indent.length + line.length + 1 + word.length > width) {
      out.push(indent + line);
      line = word;
    } else line = line.length > 0 ? `${line} ${word}` : word;
  }
  if (line.length > 0) out.push(indent + line);
  return out.join('\n');
}

const indentLines = (text: string, indent: string): string => text.split('\n').map((l) => indent + l).join('\n');

export function progressBar(earned: number, points: number): string {
  const filled = points > 0 ? Math.round((BAR * earned) / points) : 0;
  return '█'.repeat(filled) + '░'.repeat(BAR - filled);
}

export const percent = (earned: number, points: number): number => (points > 0 ? Math.round((100 * earned) / points) : 0);

function statusText(e: ExerciseResult, s: Style): string {
  const failing = e.checks.filter((c) => c.status !== 'passed').length;
  switch (e.status) {
    case 'passed':
      return s.green(`✔ all ${e.checks.length} checks pass`);
    case 'not-implemented':
      return s.dim(e.edited ? '· in progress: some functions still throw' : '· not implemented yet');
    case 'reference':
      return s.cyan('↺ reference solution used, not graded');
    default:
      return s.red(`✘ ${failing} of ${e.checks.length} check${e.checks.length === 1 ? '' : 's'} ${failing === 1 ? 'fails' : 'fail'}`);
  }
}

function row(e: ExerciseResult, titleWidth: number, s: Style): string {
  const score = `${String(e.earned).padStart(3)} / ${String(e.points).padEnd(3)}`;
  return `    ${e.id.padEnd(5)}${e.title.padEnd(titleWidth)}  ${score}  ${statusText(e, s)}`;
}

function checkLine(c: CheckOutcome, s: Style): string {
  const points = `(${c.points} point${c.points === 1 ? '' : 's'})`;
  if (c.status === 'not-implemented') {
    const what = /not implemented yet \((.+)\)$/.exec(c.message ?? '')?.[1];
    return `  ${s.dim('·')} ${c.name} ${s.dim(`${points}: ${what ? `${what} is not written yet` : 'not implemented yet'}`)}`;
  }
  const mark = c.status === 'timed-out' ? s.yellow('⧗') : s.red('✘');
  return `  ${mark} ${s.bold(c.name)} ${s.dim(points)}\n${indentLines(c.message ?? '', '      ')}`;
}

function details(e: ExerciseResult, report: GradeReport, o: TextOptions): string {
  const s = o.style;
  const parts = [s.bold(`  ── ${e.id} ${e.title} ${'─'.repeat(Math.max(3, WIDTH - e.id.length - e.title.length - 7))}`)];
  const failing = e.checks.filter((c) => c.status !== 'passed');
  const shared = failing.length > 1 && failing.every((c) => c.status === 'error' && c.message === failing[0].message);
  if (shared) {
    // one cause (a file that does not load) said once, not once per check
    const points = failing.reduce((a, c) => a + c.points, 0);
    parts.push(`  ${s.red('✘')} ${s.bold(`none of its ${failing.length} checks could run`)} ${s.dim(`(${points} points)`)}\n${indentLines(failing[0].message ?? '', '      ')}`);
  } else parts.push(...failing.map((c) => checkLine(c, s)));
  const shaky = e.uses.filter((id) => report.exercises.some((x) => x.id === id && x.status !== 'passed' && x.status !== 'reference'));
  if (shaky.length > 0) {
    parts.push(wrap(`${e.id} imports your ${shaky.join(' and ')}, which ${shaky.length === 1 ? 'does' : 'do'} not pass yet: some of these failures may come from there. Fix ${shaky.join(' and ')} first.`, '  '));
  }
  if (e.output.length > 0) {
    const shown = e.output.slice(0, 12);
    parts.push(`  Your code printed${e.output.length > shown.length ? ` (first ${shown.length} of ${e.output.length} lines)` : ''}:\n${indentLines(shown.join('\n'), '      ')}`);
  }
  if (e.brief) parts.push(wrap(`Brief: ${e.brief}`, '  '));
  parts.push(`  File: ${o.folder}/${e.file}${e.guide ? `   Guide: ${e.guide}` : ''}`);
  parts.push(`  Replay: ${o.replay(e)}`);
  return parts.join('\n');
}

export function renderReport(report: GradeReport, o: TextOptions): string {
  const s = o.style;
  const titleWidth = Math.max(...report.exercises.map((e) => e.title.length), 10);
  const lines = ['', s.bold(`  gradschool grader · ${report.target} · seed ${report.seed}`)];
  for (const chapter of [...new Set(report.exercises.map((e) => e.chapter))]) {
    const rows = report.exercises.filter((e) => e.chapter === chapter);
    // each chapter is graded out of its own points: its subtotal sits in the points column
    const sub = total(rows);
    lines.push('', `  ${s.bold(chapter.padEnd(titleWidth + 7))}  ${String(sub.earned).padStart(3)} / ${sub.points}`);
    lines.push(...rows.map((e) => row(e, titleWidth, s)));
  }
  const pct = percent(report.earned, report.points);
  const bar = progressBar(report.earned, report.points);
  lines.push('', `  ${s.bold('Total')}  ${report.earned} / ${report.points}  ${pct === 100 ? s.green(bar) : bar}  ${pct} %`);

  const attempted = report.exercises.filter((e) => e.status === 'partial' || e.status === 'failed');
  for (const e of attempted) lines.push('', details(e, report, o));

  const started = report.exercises.filter((e) => e.status === 'not-implemented' && e.edited);
  for (const e of started) {
    // every check still reaches a stub: say which functions still throw
    const left = [...new Set(e.checks.map((c) => /not implemented yet \((.+)\)$/.exec(c.message ?? '')?.[1]).filter((w): w is string => !!w))];
    lines.push('', wrap(
      `${e.id} is in progress: every check still reaches a function that throws NotImplementedError${left.length > 0 ? ` (${left.join(', ')})` : ''}. Write ${left.length === 1 ? 'it' : 'those'} to see the checks judge your code.`,
      '  ',
    ));
  }
  const todo = report.exercises.filter((e) => e.status === 'not-implemented' && !e.edited);
  if (todo.length > 0) {
    const first = todo[0];
    lines.push('', wrap(
      `Not started yet: ${todo.map((e) => e.id).join(', ')}. Each stub throws NotImplementedError; replace it with your code, starting with ${o.folder}/${first.file}${first.guide ? ` (guide: ${first.guide})` : ''}.`,
      '  ',
    ));
  }
  if (report.fallback.length > 0) {
    lines.push('', wrap(`Graded with the reference solution instead of yours (not scored): ${report.fallback.join(', ')}.`, '  '));
  }
  lines.push('');
  return lines.join('\n');
}
