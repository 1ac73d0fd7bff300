/**
 * The student's command: where you are, what to do next, hints, reset, and a watch that grades
 * the exercise you are working on each time you save it.
 *
 *   npm run course                  the list, then watch (in a terminal: keys h, n, l, q)
 *   npm run course -- list          every exercise with its points, from your saved progress (instant)
 *   npm run course -- next          the exercise to work on next
 *   npm run course -- hint [id]     the next hint step for an exercise (the next one by default)
 *   npm run course -- reset <id>    put an exercise back to its stub (asks first; --yes to skip)
 *   npm run course -- grade [ids]   grade now (everything, or these) and save the progress
 *
 * Progress lives in .gradschool/progress.json. `npx turbo test` still grades everything.
 */
import { copyFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { type Chapter, EXERCISES, type Exercise, findExercise } from '../catalogue.ts';
import { grade, gradeExercise } from '../grading/grade.ts';
import { text } from '../grading/outputs.ts';
import { EXERCISES_DIR, STUBS_DIR } from '../grading/paths.ts';
import { loadProgress, fingerprint, type Progress, recordReport, saveProgress } from '../grading/progress.ts';
import { progressBar } from '../grading/report/text.ts';
import { type Style, style, wantsColor } from '../grading/report/style.ts';
import { type GradeReport, total } from '../grading/results.ts';
import { guideOf, pristineFile, readSource } from '../grading/source.ts';
import { endWithParent, watchExercises } from '../grading/watch.ts';
import { fileFor, parseIds, resolveTarget, type Target, UsageError } from '../grading/target.ts';
import { seedFromEnv } from '../harness/seed.ts';
import { HINTS } from '../hints.ts';

const out = (line = ''): void => void process.stdout.write(`${line}\n`);

/** An exercise's points, from the course's own header ("(12 points)"), so the list needs no grading. */
const pointsOf = (e: Exercise): number => Number(/\((\d+) points?\)/.exec(readSource(pristineFile(e)))?.[1] ?? 0);

const CHAPTERS: Chapter[] = [...new Map(EXERCISES.map((e) => [e.chapter.id, e.chapter])).values()];

interface Course {
  readonly target: Target;
  readonly s: Style;
  readonly color: boolean;
  readonly seed: number;
  progress: Progress;
}

type State = 'passed' | 'partial' | 'untouched' | 'stale';

function stateOf(c: Course, e: Exercise): { state: State; earned: number } {
  const saved = c.progress.exercises[e.id];
  if (!saved) return { state: 'untouched', earned: 0 };
  if (saved.fingerprint !== fingerprint(fileFor(c.target, e.id))) return { state: 'stale', earned: saved.earned };
  if (saved.status === 'passed') return { state: 'passed', earned: saved.earned };
  return { state: saved.status === 'not-implemented' ? 'untouched' : 'partial', earned: saved.earned };
}

/** The first exercise, in course order, that is not yet passed as saved. */
const nextOf = (c: Course): Exercise | undefined => EXERCISES.find((e) => stateOf(c, e).state !== 'passed');

function list(c: Course): void {
  const { s } = c;
  const width = Math.max(...EXERCISES.map((e) => e.title.length));
  let earned = 0;
  let points = 0;
  out();
  for (const chapter of CHAPTERS) {
    const rows = EXERCISES.filter((e) => e.chapter.id === chapter.id);
    const sub = total(rows.map((e) => ({ earned: stateOf(c, e).earned, points: pointsOf(e) })));
    earned += sub.earned;
    points += sub.points;
    out(`  ${s.bold(chapter.title.padEnd(width + 7))}  ${String(sub.earned).padStart(3)} / ${sub.points}`);
    for (const e of rows) {
      const { state, earned: got } = stateOf(c, e);
      const mark = { passed: s.green('✔'), partial: s.red('✘'), untouched: s.dim('·'), stale: s.yellow('~') }[state];
      const note = { passed: '', partial: '', untouched: '', stale: s.dim('  changed since last graded') }[state];
      out(`  ${mark} ${e.id.padEnd(5)}${e.title.padEnd(width)}  ${String(got).padStart(3)} / ${String(pointsOf(e)).padEnd(3)}${note}`);
    }
    out();
  }
  const graded = Object.keys(c.progress.exercises).length > 0;
  out(`  ${s.bold('Total')}  ${earned} / ${points}  ${progressBar(earned, points)}  ${s.dim(graded ? '(your last grades; ~ marks a file changed since)' : '(nothing graded yet: npm run course -- grade)')}`);
  tellNext(c);
}

function tellNext(c: Course): void {
  const next = nextOf(c);
  out();
  if (!next) {
    out(c.s.green('  Every exercise passes. The course is done — well done.'));
    return;
  }
  const guide = guideOf(readSource(pristineFile(next)));
  out(`  Next: ${c.s.bold(`${next.id} ${next.title}`)} — ${path.relative(process.cwd(), fileFor(c.target, next.id)) || next.file}`);
  if (guide) out(`  Guide: ${guide}`);
  out(`  Stuck? npm run course -- hint ${next.id}`);
}

function hint(c: Course, id: string | undefined): void {
  const e = id ? findExercise(id) : nextOf(c);
  if (!e) return void out('  Every exercise passes: no hint needed.');
  const steps = HINTS[e.id] ?? [];
  const shown = c.progress.hints[e.id] ?? 0;
  const step = Math.min(shown, steps.length - 1);
  out();
  out(`  ${c.s.bold(`Hint ${step + 1} of ${steps.length} for ${e.id} ${e.title}`)}`);
  out(wrapped(steps[step] ?? 'No hint for this one: the guide says it all.', '  '));
  out();
  if (step + 1 < steps.length) out(c.s.dim(`  Ask again for the next one: npm run course -- hint ${e.id}`));
  else out(c.s.dim(`  That was the last hint. The guide (${guideOf(readSource(pristineFile(e))) ?? e.chapter.guide}) has the whole story.`));
  c.progress = { ...c.progress, hints: { ...c.progress.hints, [e.id]: Math.min(shown + 1, steps.length) } };
  saveProgress(c.progress);
}

function wrapped(textToWrap: string, indent: string, width = 96): string {
  const lines: string[] = [];
  let line = '';
  for (const word of textToWrap.split(/\s+/)) {
    if (line && indent.length + line.length + word.length + 1 > width) {
      lines.push(indent + line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(indent + line);
  return lines.join('\n');
}

async function reset(c: Course, id: string | undefined, yes: boolean): Promise<number> {
  if (!id) throw new UsageError('reset: which exercise? npm run course -- reset 2.3');
  const e = findExercise(id);
  const stub = path.join(existsSync(STUBS_DIR) ? STUBS_DIR : EXERCISES_DIR, e.file);
  const mine = fileFor(c.target, e.id);
  if (path.resolve(stub) === path.resolve(mine)) {
    out('  This is the course repository: its exercises/ are the stubs, there is nothing to reset to.');
    return 1;
  }
  if (!yes) {
    if (!process.stdin.isTTY) {
      out(`  reset replaces ${path.relative(process.cwd(), mine)} with its stub and your code is lost: add --yes to do it without asking.`);
      return 1;
    }
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    const answer = await rl.question(`  Put ${e.id} ${e.title} back to its stub? Your code in ${path.relative(process.cwd(), mine)} will be lost. [y/N] `);
    rl.close();
    if (!/^y(es)?$/i.test(answer.trim())) {
      out('  Nothing changed.');
      return 0;
    }
  }
  copyFileSync(stub, mine);
  const { [e.id]: _gone, ...rest } = c.progress.exercises;
  c.progress = { exercises: rest, hints: { ...c.progress.hints, [e.id]: 0 } };
  saveProgress(c.progress);
  out(`  ${e.id} is back to its stub (${path.relative(process.cwd(), mine)}).`);
  return 0;
}

/** After a grade: a word when a chapter, or the whole course, has just reached full marks. */
function congratulate(c: Course, before: Progress, report: GradeReport): void {
  const full = (p: Progress, ids: string[]) => ids.every((id) => p.exercises[id]?.status === 'passed');
  for (const chapter of CHAPTERS) {
    const ids = EXERCISES.filter((e) => e.chapter.id === chapter.id).map((e) => e.id);
    if (report.exercises.some((e) => ids.includes(e.id)) && full(c.progress, ids) && !full(before, ids)) {
      out(c.s.green(`  ★ ${chapter.title}: every exercise passes, 100 / 100. Well done.`));
    }
  }
  const all = EXERCISES.map((e) => e.id);
  if (full(c.progress, all) && !full(before, all)) out(c.s.green('  ★★ The whole course passes: every check of every exercise. Congratulations.'));
}

async function gradeNow(c: Course, ids: readonly string[]): Promise<void> {
  const report = await grade({ target: c.target, seed: c.seed, only: ids });
  process.stdout.write(text(report, c.color));
  const before = c.progress;
  c.progress = recordReport(report, c.target);
  congratulate(c, before, report);
  tellNext(c);
}

/** Grade what is saved, one exercise at a time, and answer keys: h(int), n(ext), l(ist), q(uit). */
function watch(c: Course): Promise<number> {
  let current = nextOf(c)?.id;
  const help = (): void => out(c.s.dim(`  Watching ${path.relative(process.cwd(), c.target.root) || '.'}/ — save an exercise file to grade it. Keys: h hint · n next · l list · q quit`));
  const watcher = watchExercises(c.target, EXERCISES, async (ids, saved) => {
    current = EXERCISES.find((e) => saved.includes(e.file))?.id ?? current;
    const before = c.progress;
    const results = await Promise.all(ids.map((id) => gradeExercise(findExercise(id), { target: c.target, seed: c.seed })));
    const report: GradeReport = { target: c.target.label, seed: c.seed, fallback: [], exercises: results, ...total(results), durationMs: 0 };
    if (process.stdout.isTTY) process.stdout.write('\u001b[2J\u001b[H');
    process.stdout.write(text(report, c.color));
    c.progress = recordReport(report, c.target);
    congratulate(c, before, report);
    out(`  Graded ${ids.join(', ')} at ${new Date().toLocaleTimeString()}.`);
    help();
  });
  help();
  return new Promise((resolve) => {
    const stop = (code: number): void => {
      watcher.close();
      unwatchParent();
      if (process.stdin.isTTY) process.stdin.setRawMode(false);
      process.stdin.destroy();
      resolve(code);
    };
    const unwatchParent = endWithParent(() => stop(0));
    if (process.stdin.isTTY) process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (key: string) => {
      for (const k of key) {
        if (k === 'q' || k === '\u0003' || k === '\u0004') return stop(0);
        if (k === 'h') hint(c, current);
        else if (k === 'n') {
          current = nextOf(c)?.id;
          tellNext(c);
        } else if (k === 'l') list(c);
        else continue;
        help();
      }
    });
    process.stdin.on('end', () => stop(0));
  });
}

async function main(): Promise<number> {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: { yes: { type: 'boolean', short: 'y' }, seed: { type: 'string' }, target: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  const [command = process.stdin.isTTY ? 'watch' : 'list', ...rest] = positionals;
  const cwd = process.env.INIT_CWD ?? process.cwd();
  const color = wantsColor(process.stdout);
  const c: Course = {
    target: resolveTarget(values.target ?? process.env.COURSE_TARGET, undefined, cwd),
    s: style(color),
    color,
    seed: seedFromEnv(values.seed ?? process.env.COURSE_SEED),
    progress: loadProgress(),
  };
  switch (command) {
    case 'list':
      list(c);
      return 0;
    case 'next':
      tellNext(c);
      return 0;
    case 'hint':
      hint(c, rest[0]);
      return 0;
    case 'reset':
      return reset(c, rest[0], values.yes ?? false);
    case 'grade':
      await gradeNow(c, parseIds(rest.join(','), 'grade'));
      return 0;
    case 'watch':
      list(c);
      return watch(c);
    default:
      throw new UsageError(`course: no command '${command}'; the commands are list, next, hint [id], reset <id>, grade [ids], watch`);
  }
}

try {
  process.exitCode = await main();
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exitCode = 2;
}
