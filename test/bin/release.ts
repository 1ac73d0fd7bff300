/**
 * Write a student copy of the course: everything but the reference solutions, the fixtures and
 * the instructors' suite, with the test package's `test` script grading the student and a GitHub
 * Classroom workflow. `npx turbo test` there is the grader alone: the library packages keep their
 * test files (`npx vitest run` in a package runs them) but not their turbo `test` scripts, so a
 * student waits for their grade, not for the library's suites.
 *
 *   npm run release -- <folder>                      a new, empty folder
 *   npm run release -- <folder> --reference 2.4,2.7  ship those references, for COURSE_FALLBACK
 *   npm run release -- --gradescope <file.zip> [--seed <n>]
 *                                                    a Gradescope autograder: the same course with
 *                                                    setup.sh and run_autograder, grading each
 *                                                    submission in the sandbox on a seed of its own
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findExercise } from '../catalogue.ts';
import { REPO_ROOT } from '../grading/paths.ts';
import { parseIds, UsageError } from '../grading/target.ts';
import { writeZip, type ZipEntry } from '../grading/zip.ts';
import { seedFromEnv } from '../harness/seed.ts';

/** Never copied: build output, caches, and what only instructors may see. */
const SKIP_NAMES = new Set(['node_modules', '.git', '.turbo', 'out', 'dist', 'coverage', '.gradschool']);
const INSTRUCTOR_ONLY = ['solutions', 'test/fixtures', 'test/meta', 'test/attacks', 'test/bin/release.ts', 'test/bin/bulk.ts', 'test/vitest.config.ts'];
const INSTRUCTOR_SCRIPTS = ['test:solutions', 'release', 'grade:bulk'];

const CLASSROOM_WORKFLOW = `# GitHub Classroom: grade every push with the course's grader and report the points.
name: Autograding Tests
on: [push, workflow_dispatch, repository_dispatch]
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  autograding:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
        with:
          node-version: 20
      - run: npm ci
      - name: Grade
        id: gradschool
        run: npm run grade -w @gradschool/test -- --classroom
      - name: Report
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          GRADSCHOOL_RESULTS: "\${{ steps.gradschool.outputs.result }}"
        with:
          runners: gradschool
`;

const TEST_TSCONFIG = `{
  "extends": "../tsconfig.base.json",
  "compilerOptions": {
    "types": ["node"],
    // The checks are typed against your exercise modules; the stubs do not use their parameters yet.
    "noUnusedParameters": false,
    "paths": { "#target/*": ["../exercises/*"] }
  },
  "include": ["**/*.ts"],
  "exclude": ["node_modules"]
}
`;

/** The release's own README: the student's, not the instructors'. */
const STUDENT_README = `# Deep learning, built by you

This is your copy of **gradschool**, a course that teaches weeks 2 and 7 of the NYU Deep
Learning course — backpropagation, softmax and its gradient, classifiers, autoencoders,
energy-based models — by having you write them, one exercise at a time, in TypeScript. A
tensor library and an autograd engine are here for you to build on; each exercise is one idea.

## Two commands

    npm ci            # once: installs the library, the grader and its sandbox
    npm run course    # where you are and what is next; then it grades each exercise as you save it

In \`npm run course\` the keys are **h** (a hint for the exercise you are on), **n** (what to do
next), **l** (the list) and **q** (quit). \`npx turbo test\` grades everything at once.

## Start here

Read [exercises/README.md](exercises/README.md): how grading works, the rules your code must
follow, and the two chapter guides, which teach every exercise (the math, the shapes, what the
checks check). Then open the first exercise file the course names and replace its stub.

## When you are stuck, or want to start over

    npm run course -- hint 2.3      # the next hint for 2.3: the first nudges, the last all but shows it
    npm run course -- reset 2.3     # put 2.3 back to its stub (asks first)
    npm run course -- list          # your progress, instantly (saved in .gradschool/)
    npm run course -- grade 2.3     # grade one exercise now (or a chapter: week7)

Your code runs in a sandbox while it is graded: it may import the tensor library (and autograd
in week 7 from 7.6 on) and your other exercise files, and nothing else. The guide says, for each
exercise, what it may use.

## What else is here

\`packages/\` holds the library (\`tensor\`, \`autograd\`, \`models\`); \`npm run demo\` trains the
week-2 spiral classifiers and draws them (\`-- week7\` for week 7), with your eyes on what the
exercises compute. \`test/\` is the grader: read it if you are curious, but your instructor
grades with their own copy.
`;

const readJson = (file: string) => JSON.parse(readFileSync(file, 'utf8'));
const writeJson = (file: string, value: unknown) => writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);

function copyTree(from: string, to: string, rel = ''): number {
  let count = 0;
  for (const entry of readdirSync(path.join(from, rel), { withFileTypes: true })) {
    const relPath = path.posix.join(rel.split(path.sep).join('/'), entry.name);
    if (SKIP_NAMES.has(entry.name) || INSTRUCTOR_ONLY.includes(relPath)) continue;
    const source = path.join(from, relPath);
    if (path.resolve(source) === path.resolve(to)) continue; // a release folder inside the repository
    if (entry.isDirectory()) {
      mkdirSync(path.join(to, relPath), { recursive: true });
      count += copyTree(from, to, relPath);
    } else if (entry.isFile()) {
      cpSync(source, path.join(to, relPath));
      count++;
    }
  }
  return count;
}

/** Drop the solutions workspace and the instructor scripts; make `test` mean grading. */
function rewriteManifests(to: string): void {
  const pkg = readJson(path.join(to, 'package.json'));
  pkg.workspaces = (pkg.workspaces as string[]).filter((w) => w !== 'solutions');
  for (const s of INSTRUCTOR_SCRIPTS) delete pkg.scripts?.[s];
  // a student's `npm test` is their grade, not the library's Deno and browser suites
  pkg.scripts.test = 'turbo run test';
  writeJson(path.join(to, 'package.json'), pkg);

  const lockFile = path.join(to, 'package-lock.json');
  if (existsSync(lockFile)) {
    const lock = readJson(lockFile);
    const root = lock.packages[''];
    root.workspaces = (root.workspaces as string[]).filter((w) => w !== 'solutions');
    delete lock.packages.solutions;
    delete lock.packages['node_modules/@gradschool/solutions'];
    writeJson(lockFile, lock);
  }

  for (const name of readdirSync(path.join(to, 'packages'))) {
    const file = path.join(to, 'packages', name, 'package.json');
    if (!existsSync(file)) continue;
    const lib = readJson(file);
    for (const s of ['test', 'test:deno', 'test:browser']) delete lib.scripts?.[s];
    writeJson(file, lib);
  }

  const testPkg = readJson(path.join(to, 'test', 'package.json'));
  testPkg.scripts.test = 'tsx bin/grade.ts';
  for (const s of INSTRUCTOR_SCRIPTS) delete testPkg.scripts[s];
  writeJson(path.join(to, 'test', 'package.json'), testPkg);
  writeFileSync(path.join(to, 'test', 'tsconfig.json'), TEST_TSCONFIG);
}

function release(to: string, references: readonly string[]): { files: number } {
  if (existsSync(to) && readdirSync(to).length > 0) throw new UsageError(`release: ${to} is not empty; give a new folder`);
  mkdirSync(to, { recursive: true });
  const files = copyTree(REPO_ROOT, to);
  rewriteManifests(to);
  for (const id of references) {
    const file = findExercise(id).file;
    mkdirSync(path.dirname(path.join(to, 'solutions', file)), { recursive: true });
    cpSync(path.join(REPO_ROOT, 'solutions', file), path.join(to, 'solutions', file));
  }
  mkdirSync(path.join(to, '.github', 'workflows'), { recursive: true });
  writeFileSync(path.join(to, '.github', 'workflows', 'classroom.yml'), CLASSROOM_WORKFLOW);
  // the stubs as shipped: `course reset` puts an exercise back, and the report's brief comes from them
  cpSync(path.join(REPO_ROOT, 'exercises'), path.join(to, 'test', 'stubs'), { recursive: true, filter: (f) => statSync(f).isDirectory() || f.endsWith('.ts') });
  writeFileSync(path.join(to, 'README.md'), STUDENT_README);
  return { files: files + references.length + 1 };
}

/** Gradescope's image build: Node 20 with npm 11 where the image lacks them, then the course's own install. */
const SETUP_SH = `#!/usr/bin/env bash
# Gradescope runs this once, when it builds the autograder image.
set -euo pipefail
if ! command -v node >/dev/null || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  apt-get update
  apt-get install -y curl ca-certificates
  curl -fsSL https://deb.nodesource.com/setup_20.x | bash -
  apt-get install -y nodejs
fi
npm install -g npm@11
cd /autograder/source
npm ci
`;

/** Gradescope runs this for every submission. GRADESCOPE_ROOT stands in for /autograder in the course's own test. */
const runAutograder = (seed: number): string => `#!/usr/bin/env bash
# Grade what the student handed in (the whole course or its exercises/) with this course's grader:
# exercise code runs in the grader's sandbox, and results.json is written by the grader alone.
set -uo pipefail
ROOT="\${GRADESCOPE_ROOT:-/autograder}"
mkdir -p "$ROOT/results"
cd "$ROOT/source/test"
exec node ../node_modules/tsx/dist/cli.mjs bin/grade.ts --submission "$ROOT/submission" --seed ${seed} --json "$ROOT/results/results.json"
`;

function filesOf(dir: string, rel = ''): ZipEntry[] {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) => {
    const name = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) return filesOf(dir, name);
    const file = path.join(dir, name);
    return [{ name, data: readFileSync(file), mode: statSync(file).mode & 0o777 }];
  });
}

/** A Gradescope autograder zip: the student course (no references) as its source, with the two scripts at its root. */
function gradescope(zip: string, seed: number): { files: number } {
  const folder = path.join(mkdtempSync(path.join(tmpdir(), 'gradschool-gradescope-')), 'source');
  try {
    release(folder, []);
    writeFileSync(path.join(folder, 'setup.sh'), SETUP_SH, { mode: 0o755 });
    writeFileSync(path.join(folder, 'run_autograder'), runAutograder(seed), { mode: 0o755 });
    const entries = filesOf(folder);
    mkdirSync(path.dirname(zip), { recursive: true });
    writeZip(zip, entries);
    return { files: entries.length };
  } finally {
    rmSync(path.dirname(folder), { recursive: true, force: true });
  }
}

function main(): number {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { reference: { type: 'string' }, gradescope: { type: 'string' }, seed: { type: 'string' } } });
  try {
    const cwd = process.env.INIT_CWD ?? process.cwd();
    if (values.gradescope !== undefined) {
      if (positionals.length > 0 || values.reference) throw new UsageError('usage: npm run release -- --gradescope <file.zip> [--seed <n>]');
      // a seed of the instructor's (or drawn now): students never see the inputs they are graded on
      const seed = seedFromEnv(values.seed ?? 'random');
      const zip = path.resolve(cwd, values.gradescope);
      const { files } = gradescope(zip, seed);
      process.stdout.write(`Wrote a Gradescope autograder to ${zip} (${files} files, seed ${seed}). Upload it as the assignment's autograder (Ubuntu base image).\n`);
      return 0;
    }
    if (positionals.length !== 1) throw new UsageError('usage: npm run release -- <new folder> [--reference <ids>]   or   npm run release -- --gradescope <file.zip> [--seed <n>]');
    const to = path.resolve(cwd, positionals[0]);
    const references = parseIds(values.reference, '--reference');
    const { files } = release(to, references);
    process.stdout.write(`Wrote a student copy to ${to} (${files} files${references.length ? `; references for ${references.join(', ')}` : ''}).\n`);
    process.stdout.write('Students run: npm ci && npm run course   (npx turbo test grades everything at once)\n');
    return 0;
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    return 2;
  }
}

process.exitCode = main();
