/**
 * The attack corpus (attacks/): what a student who wants the points without the work would try —
 * hooking vitest or fast-check, importing the checks' oracles or the reference, calling the
 * library's own answer, rewriting the grader's files or its results file, killing or starving
 * the grader, flooding it, escaping the sandbox. Each attack is a file (or a small folder laid
 * out like a submission) whose first line says what it tries (`// attack: …`) and whose second
 * line which exercise(s) it attacks (`// exercise: 2.3`, `// exercises: 2.3, 2.4`); further
 * header lines ask this test for more: `// link: <path> -> <repo path>` and `// hardlink: …`
 * (links made in the submission at run time: git should not carry them here), `// cli:
 * results-file` (also grade with the CLI and `--json`), `// jobs: 1` (grade one exercise at a
 * time, in catalogue order), `// layout: release` (the submission sits as it does in a student
 * release, on Gradescope or in GitHub Classroom: `<course>/exercises` with the course's
 * node_modules beside it, rather than alone in a temporary folder), `// unsafe: <why>` (not run:
 * the attack would take down the machine the suite runs on; the reason says what it did when
 * tried by hand), `// run: alone` (graded while no other attack is: it takes the machine's cores
 * or memory, and would starve the bystander of the attack graded beside it). A link's target is a path in the repository, an absolute path (`/dev/zero`),
 * or `@fifo`: a named pipe the test makes beside the submission. An attack with a pipe is
 * graded by the CLI in a child process, so that a grader stuck on it can be seen and stopped.
 *
 * For every attack this grades a fresh copy of the stubs (exercises/) with the attack laid over
 * it, and proves that (a) the attacked exercises score what an honest stub scores, 0, and so
 * does a bystander — an exercise of the same chapter graded alongside, which must come out
 * exactly as a stub does (every check "not implemented"): the other stubs import nothing, so
 * only an attack that escaped its runner could change their grade, and the bystander would
 * see it; (b) the grading finishes, with short limits (a check 3 s, loading 5 s); (c) no file
 * of the grader, the library, the reference or the stubs changed, nothing was written into the
 * submission or beside it (nor into the temporary folder), and nothing the exercise printed
 * shows it read what it may not (attacks print `LEAK: …` when a forbidden door opened); (d) for
 * the results-file attacks, the CLI's `--json` file still holds the grader's honest 0 a while
 * after the grader is done.
 *
 * An attack that gets through is not weakened: it is listed in GETS_THROUGH with the reason,
 * and its test is marked `fails` (so the suite stays green while the hole is open, and turns
 * red, asking for the entry to be removed, once it is closed).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { closeSync, constants, cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { EXERCISES, findExercise } from '../catalogue.ts';
import { grade } from '../grading/grade.ts';
import { EXERCISES_DIR, REPO_ROOT, TEST_DIR } from '../grading/paths.ts';
import type { GradeReport } from '../grading/results.ts';
import { resolveTarget } from '../grading/target.ts';

const ATTACKS_DIR = path.join(TEST_DIR, 'attacks');
/** Short limits, so that the attacks that hang cost seconds: far above what the stubs need. */
const LIMITS = { maxCheckMs: 3_000, loadTimeoutMs: 10_000 } as const;
/** Whatever an attack does, grading it must be over by then (the grader's own bound is well below). */
const GRADE_BOUND_MS = 150_000;
const SEED = 42;

/**
 * Attacks that get through today, each with what lets it (file and line of the core code). Their
 * tests are marked `fails`; remove the entry once the hole is closed.
 */
const GETS_THROUGH: Record<string, string> = {};

interface Link {
  /** Where the link sits, relative to the submission folder. */
  readonly at: string;
  /** What it points to: a path relative to the repository, an absolute path, or '@fifo' (a named pipe beside the submission). */
  readonly to: string;
  readonly hard: boolean;
}

interface Attack {
  /** The file or folder name under attacks/. */
  readonly name: string;
  /** What it tries, from its `// attack:` line. */
  readonly what: string;
  readonly exercises: readonly string[];
  /** The files laid over the stubs: where in the submission, and the attack file it comes from. */
  readonly files: readonly { readonly at: string; readonly from: string }[];
  readonly links: readonly Link[];
  readonly cli: boolean;
  readonly jobs?: number;
  /** Grade it as it sits in a student release: `<course>/exercises`, with the course's node_modules beside. */
  readonly release: boolean;
  /** Why it is not run, if it would take down the machine. */
  readonly unsafe?: string;
  /** Whether it links to a named pipe: graded by the CLI in a child process. */
  readonly fifo: boolean;
  /** Whether it must be graded while no other attack is. */
  readonly alone: boolean;
}

const ID = /^\d+\.\d+$/;

function header(file: string): { what: string; exercises: string[]; fields: [string, string][] } {
  const lines = readFileSync(file, 'utf8').split(/\r?\n/);
  const what = /^\/\/ attack: (.+)$/.exec(lines[0])?.[1];
  const ids = /^\/\/ exercises?: (.+)$/.exec(lines[1] ?? '')?.[1];
  if (!what || !ids) throw new Error(`${path.relative(TEST_DIR, file)} must start with '// attack: <what it tries>' and '// exercise: <id>'`);
  const exercises = ids.split(',').map((s) => s.trim());
  for (const id of exercises) if (!ID.test(id)) throw new Error(`${path.relative(TEST_DIR, file)}: '${id}' is not an exercise id`);
  exercises.forEach(findExercise);
  const fields: [string, string][] = [];
  for (const line of lines.slice(2)) {
    const m = /^\/\/ (link|hardlink|cli|jobs|layout|unsafe|run): (.+)$/.exec(line);
    if (m) fields.push([m[1], m[2].trim()]);
    else if (!line.startsWith('//')) break;
  }
  return { what, exercises, fields };
}

const filesUnder = (dir: string, rel = ''): string[] =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(dir, path.join(rel, e.name)) : [path.join(rel, e.name)],
  );

function loadAttack(name: string): Attack {
  const full = path.join(ATTACKS_DIR, name);
  const folder = lstatSync(full).isDirectory();
  const files = folder ? filesUnder(full).map((f) => ({ at: f, from: path.join(full, f) })) : [];
  // in a folder, every .ts file carries the header (other files, a package.json say, are laid over as they are)
  const heads = folder ? files.filter((f) => f.at.endsWith('.ts')).map((f) => header(f.from)) : [header(full)];
  if (heads.length === 0) throw new Error(`attacks/${name}: a folder attack needs at least one .ts file with the header`);
  const exercises = [...new Set(heads.flatMap((h) => h.exercises))];
  if (new Set(heads.map((h) => `${h.what}|${h.exercises.join()}`)).size !== 1) throw new Error(`attacks/${name}: every file of a folder attack starts with the same two lines`);
  if (!folder) {
    if (exercises.length !== 1) throw new Error(`attacks/${name}: a file attacks one exercise (a folder attacks several)`);
    files.push({ at: findExercise(exercises[0]).file, from: full });
  }
  const fields = heads.flatMap((h) => h.fields);
  const links = fields
    .filter(([k]) => k === 'link' || k === 'hardlink')
    .map(([k, v]) => {
      const [at, to] = v.split('->').map((s) => s.trim());
      return { at, to, hard: k === 'hardlink' };
    });
  const jobs = fields.find(([k]) => k === 'jobs')?.[1];
  const layout = fields.find(([k]) => k === 'layout')?.[1];
  if (layout !== undefined && layout !== 'release') throw new Error(`attacks/${name}: the only layout is 'release'`);
  return {
    name,
    what: heads[0].what,
    exercises,
    files,
    links,
    cli: fields.some(([k]) => k === 'cli'),
    jobs: jobs ? Number(jobs) : undefined,
    release: layout === 'release',
    unsafe: fields.find(([k]) => k === 'unsafe')?.[1],
    fifo: links.some((l) => l.to === '@fifo'),
    alone: fields.some(([k, v]) => k === 'run' && v === 'alone'),
  };
}

const ATTACKS: Attack[] = readdirSync(ATTACKS_DIR)
  .filter((n) => !n.startsWith('.') && n !== 'README.md')
  .sort()
  .map(loadAttack);

// ---------------------------------------------------------------------------------------------
// what must not change

/** Every file of the grader, the library, the reference and the stubs, by content (links by target). */
function graderFiles(): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      // installed and generated folders (turbo writes its task logs into .turbo while the suite runs)
      if (['node_modules', '.turbo', '.gradschool', 'out'].includes(e.name)) continue;
      const file = path.join(dir, e.name);
      if (e.isSymbolicLink()) out.set(file, `link → ${readlinkSync(file)}`);
      else if (e.isDirectory()) walk(file);
      else out.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  };
  walk(TEST_DIR);
  for (const p of readdirSync(path.join(REPO_ROOT, 'packages'))) walk(path.join(REPO_ROOT, 'packages', p, 'src'));
  walk(path.join(REPO_ROOT, 'solutions'));
  walk(EXERCISES_DIR);
  return out;
}

/** Names of whatever differs between two snapshots. */
function changed(before: Map<string, string>, after: Map<string, string>): string[] {
  const names = new Set([...before.keys(), ...after.keys()]);
  return [...names].filter((n) => before.get(n) !== after.get(n)).map((n) => path.relative(REPO_ROOT, n) + (!after.has(n) ? ' (removed)' : !before.has(n) ? ' (new)' : ''));
}

/** A folder's tree, by content; links by their target (so a link the student left is no change). */
function tree(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const file = path.join(d, e.name);
      if (e.isSymbolicLink()) out.set(file, `link → ${readlinkSync(file)}`);
      else if (e.isDirectory()) {
        out.set(file, 'folder');
        walk(file);
      } else out.set(file, createHash('sha256').update(readFileSync(file)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

/** Marks the attacks leave where a write got out (they all name such files `gradschool-attack-pwned…`). */
const pwnedInTmp = (): string[] => readdirSync(tmpdir()).filter((n) => n.includes('gradschool-attack-pwned'));

// ---------------------------------------------------------------------------------------------
// making and grading a submission

const made: string[] = [];

/**
 * A fresh folder `<tmp>/gradschool-attack-…/submission` (or `…/course/exercises`, with the course's node_modules beside it,
 * for the layout of a release): the stubs, the attack's files over them, its links. `base` is the folder that holds it.
 */
function submission(attack: Attack): { base: string; root: string; note?: string; pipe?: string } {
  const tmp = mkdtempSync(path.join(tmpdir(), `gradschool-attack-${attack.name.replace(/\.ts$/, '')}-`));
  made.push(tmp);
  const base = attack.release ? path.join(tmp, 'course') : tmp;
  const root = path.join(base, attack.release ? 'exercises' : 'submission');
  if (attack.release) {
    mkdirSync(base);
    // the repository's install stands in for the release's own `npm ci` (as in release.test.ts)
    symlinkSync(path.join(REPO_ROOT, 'node_modules'), path.join(base, 'node_modules'), process.platform === 'win32' ? 'junction' : 'dir');
  }
  cpSync(EXERCISES_DIR, root, { recursive: true });
  for (const f of attack.files) {
    mkdirSync(path.dirname(path.join(root, f.at)), { recursive: true });
    cpSync(f.from, path.join(root, f.at));
  }
  let note: string | undefined;
  for (const link of attack.links) {
    const at = path.join(root, link.at);
    let to = path.isAbsolute(link.to) ? link.to : path.join(REPO_ROOT, link.to);
    if (link.to === '@fifo') {
      to = path.join(tmp, 'pipe');
      if (!existsSync(to) && spawnSync('mkfifo', [to]).status !== 0) note = 'no named pipe can be made here (mkfifo)';
    }
    rmSync(at, { recursive: true, force: true });
    mkdirSync(path.dirname(at), { recursive: true });
    if (!link.hard) symlinkSync(to, at);
    else {
      try {
        // a second name for a copy of the target, never for the repository's own file: while the link
        // lived, the reference would have two names, and the grader (rightly) refuses to grade it
        const copy = path.join(tmp, 'hard-link-target', path.basename(to));
        mkdirSync(path.dirname(copy), { recursive: true });
        cpSync(to, copy);
        linkSync(copy, at);
      } catch (error) {
        note = `no hard link could be made here (${(error as NodeJS.ErrnoException).code}: the temporary folder is on another filesystem, or hard links are not allowed)`;
      }
    }
  }
  return { base, root, note, pipe: attack.fifo ? path.join(tmp, 'pipe') : undefined };
}

/**
 * The exercises graded for an attack, in catalogue order: those it attacks, those whose files it replaces, and a bystander
 * for each chapter it touches (the chapter's first exercise it leaves alone).
 */
function gradedFor(attack: Attack): { only: string[]; bystanders: string[] } {
  const touched = new Set(attack.exercises);
  const chapters = new Set(attack.exercises.map((id) => findExercise(id).chapter.id));
  for (const p of [...attack.files.map((f) => f.at), ...attack.links.map((l) => l.at)].map((p) => p.split(path.sep).join('/'))) {
    for (const e of EXERCISES) if (e.file === p || e.file.startsWith(`${p}/`)) touched.add(e.id);
    const first = p.split('/')[0];
    if (EXERCISES.some((e) => e.chapter.id === first)) chapters.add(first);
  }
  const bystanders = [...chapters].flatMap((c) => EXERCISES.find((e) => e.chapter.id === c && !touched.has(e.id))?.id ?? []);
  const only = EXERCISES.filter((e) => touched.has(e.id) || bystanders.includes(e.id)).map((e) => e.id);
  return { only, bystanders };
}

async function gradeWithin(root: string, only: string[], jobs: number | undefined): Promise<GradeReport> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const bound = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`grading did not finish within ${GRADE_BOUND_MS / 1000} s: the attack hangs the grader`)), GRADE_BOUND_MS);
  });
  try {
    return await Promise.race([grade({ target: resolveTarget(root, undefined), seed: SEED, only, jobs: jobs ?? 2, ...LIMITS }), bound]);
  } finally {
    clearTimeout(timer);
  }
}

const TSX = path.join(path.dirname(createRequire(import.meta.url).resolve('tsx/package.json')), 'dist', 'cli.mjs');
/** How long the CLI may take on an attack with a pipe: grading one exercise takes a few seconds. */
const CLI_LIMIT_MS = 20_000;

/**
 * Grade with the CLI in a child process of its own process group, without blocking this one. If
 * it has not finished within `limitMs`, open the pipe and close it (a reader stuck on it reads
 * its end and goes on), give it a while, then stop the group.
 */
async function gradeInChild(root: string, ids: readonly string[], json: string, pipe: string | undefined, limitMs: number): Promise<{ finishedInTime: boolean; status: number | null; stderr: string }> {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COURSE_') && !k.startsWith('GITHUB_')));
  const child = spawn(process.execPath, [TSX, 'bin/grade.ts', '--target', root, '--exercise', ids.join(','), '--json', json], {
    cwd: TEST_DIR,
    env: { ...env, NO_COLOR: '1' },
    stdio: ['ignore', 'ignore', 'pipe'],
    detached: process.platform !== 'win32',
  });
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const within = (ms: number) => Promise.race([exited.then(() => true), new Promise<false>((r) => setTimeout(() => r(false), ms))]);
  const finishedInTime = await within(limitMs);
  if (!finishedInTime) {
    try {
      if (pipe) closeSync(openSync(pipe, constants.O_WRONLY | constants.O_NONBLOCK)); // ENXIO: nobody is reading it
    } catch {}
    if (!(await within(15_000)) && child.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
  }
  return { finishedInTime, status: await Promise.race([exited, new Promise<null>((r) => setTimeout(() => r(null), 5_000))]), stderr };
}

/** One line per check that earned something, for the assertion messages. */
const passedChecks = (report: GradeReport): string =>
  report.exercises
    .flatMap((e) => e.checks.filter((c) => c.status === 'passed').map((c) => `${e.id} «${c.name}» passed (+${c.points})`))
    .join('; ');

beforeAll(() => {
  expect(pwnedInTmp(), 'marks of an earlier run of the attacks are still in the temporary folder').toEqual([]);
});
afterAll(() => {
  for (const dir of made) rmSync(dir, { recursive: true, force: true });
});

test('the corpus is there, and every attack says what it tries and which exercise it attacks', () => {
  expect(ATTACKS.length).toBeGreaterThan(40);
  for (const a of ATTACKS) {
    expect(a.what.length, a.name).toBeGreaterThan(10);
    expect(a.files.length, a.name).toBeGreaterThan(0);
    for (const l of a.links) if (!path.isAbsolute(l.to) && l.to !== '@fifo') expect(existsSync(path.join(REPO_ROOT, l.to)), `${a.name}: ${l.to}`).toBe(true);
  }
  for (const name of Object.keys(GETS_THROUGH)) expect(ATTACKS.map((a) => a.name), 'GETS_THROUGH names an attack that is not there').toContain(name);
});

async function prove(attack: Attack, skip: (note: string) => void): Promise<void> {
  const { base, root, note, pipe } = submission(attack);
  if (note) return skip(`${attack.name}: ${note}`);
  if (attack.fifo) return proveInChild(attack, base, root, pipe!);
  const { only, bystanders } = gradedFor(attack);
  const before = { course: graderFiles(), files: tree(root), beside: readdirSync(base).sort() };
  const started = Date.now();
  const report = await gradeWithin(root, only, attack.jobs);
  const seconds = (Date.now() - started) / 1000;
  const said = `attack ${attack.name} (${attack.what})`;

  // (a) no more than an honest stub: nothing, in the attacked exercises or any other graded
  for (const id of attack.exercises) {
    const e = report.exercises.find((x) => x.id === id)!;
    expect(e.earned, `${said}: ${id} earned ${e.earned} of ${e.points}: ${passedChecks(report)}`).toBe(0);
  }
  expect(report.earned, `${said}: other exercises gained points: ${passedChecks(report)}`).toBe(0);
  expect(report.exercises.map((e) => e.id)).toEqual(only);
  if (attack.links.length === 0) {
    // (a link refuses the whole submission, bystanders included: that is the point of refusing it)
    for (const id of bystanders) {
      const e = report.exercises.find((x) => x.id === id)!;
      // a stub that could not even load in time on a loaded machine also earned nothing and changed nothing
      const slow = (c: { status: string; message?: string }) => c.status === 'error' && /did not finish loading in time/.test(c.message ?? '');
      const odd = e.checks.filter((c) => c.status !== 'not-implemented' && !slow(c)).map((c) => `«${c.name}» ${c.status}: ${c.message}`);
      expect(odd, `${said}: the bystander ${id}, a stub graded alongside, did not come out as a stub does`).toEqual([]);
    }
  }

  // (b) it finished (gradeWithin bounds it), and in a time the limits explain
  expect(seconds, `${said}: grading took ${seconds} s`).toBeLessThan(GRADE_BOUND_MS / 1000);

  // (c) nothing changed: the grader, the submission, beside it, the temporary folder; nothing leaked out
  expect(changed(before.course, graderFiles()), `${said}: files of the course changed`).toEqual([]);
  expect(changed(before.files, tree(root)), `${said}: the submission changed while it was graded`).toEqual([]);
  expect(readdirSync(base).sort(), `${said}: something was written beside the submission`).toEqual(before.beside);
  expect(pwnedInTmp(), `${said}: something was written into the temporary folder`).toEqual([]);
  const leaks = report.exercises.flatMap((e) => e.output.filter((l) => l.includes('LEAK:')).map((l) => `${e.id}: ${l}`));
  expect(leaks, `${said}: exercise code got hold of something off limits`).toEqual([]);

  // (d) the results file is the grader's, whenever exercise code may have meant to change it
  if (attack.cli) {
    const json = path.join(base, 'results.json');
    const run = await gradeInChild(root, attack.exercises, json, undefined, CLI_LIMIT_MS * 3);
    expect(run.finishedInTime, `${said}: the CLI did not finish within ${(CLI_LIMIT_MS * 3) / 1000} s`).toBe(true);
    expect(run.status, `${said}: the CLI exited with ${run.status}: ${run.stderr.slice(-400)}`).toBe(0);
    await new Promise((r) => setTimeout(r, 2_000)); // a detached process would have written by now
    const written = JSON.parse(readFileSync(json, 'utf8')) as { score: number; tests: { score?: number }[] };
    expect(written.score, `${said}: results.json says ${written.score}`).toBe(0);
    expect(written.tests.length).toBeGreaterThan(0);
    expect(written.tests.every((t) => (t.score ?? 0) === 0), `${said}: a test in results.json has points`).toBe(true);
    expect(readdirSync(base).sort()).toEqual([...before.beside, 'results.json'].sort());
    expect(pwnedInTmp(), `${said}: something was written into the temporary folder`).toEqual([]);
  }
}

/** An attack that may leave the grader stuck: the CLI grades it in a child process, which must finish, with an honest 0. */
async function proveInChild(attack: Attack, base: string, root: string, pipe: string): Promise<void> {
  const said = `attack ${attack.name} (${attack.what})`;
  const before = { course: graderFiles(), files: tree(root), beside: readdirSync(base).sort() };
  const json = path.join(base, 'results.json');
  const run = await gradeInChild(root, attack.exercises, json, pipe, CLI_LIMIT_MS);
  expect(run.finishedInTime, `${said}: the grader did not finish within ${CLI_LIMIT_MS / 1000} s (it was stuck until the test opened the pipe)`).toBe(true);
  expect(run.status, `${said}: the CLI exited with ${run.status}: ${run.stderr.slice(-400)}`).toBe(0);
  const written = JSON.parse(readFileSync(json, 'utf8')) as { score: number };
  expect(written.score, `${said}: results.json says ${written.score}`).toBe(0);
  expect(changed(before.course, graderFiles()), `${said}: files of the course changed`).toEqual([]);
  expect(changed(before.files, tree(root)), `${said}: the submission changed while it was graded`).toEqual([]);
  expect(readdirSync(base).filter((n) => n !== 'results.json').sort(), `${said}: something was written beside the submission`).toEqual(before.beside);
}

const define = (attack: Attack, concurrent: boolean): void => {
  const hole = GETS_THROUGH[attack.name];
  const name = `${attack.name} — ${attack.what}${hole ? ` [GETS THROUGH: ${hole}]` : ''}`;
  if (attack.unsafe || (attack.links.length > 0 && process.platform === 'win32')) {
    test.skip(`${name} [NOT RUN: ${attack.unsafe ?? 'links need privileges on Windows'}]`, () => {});
    return;
  }
  const base = concurrent ? test.concurrent : test;
  (hole ? base.fails : base)(name, ({ skip }) => prove(attack, skip), GRADE_BOUND_MS + 60_000);
};

// two at a time (the config's maxConcurrency): each grades with a check worker and runners of its own
describe('attacks', () => {
  for (const a of ATTACKS.filter((x) => !x.alone)) define(a, true);
});

// then, one at a time, those that take the machine's cores or memory while they run
describe('attacks that take the machine, graded alone', () => {
  for (const a of ATTACKS.filter((x) => x.alone)) define(a, false);
});
