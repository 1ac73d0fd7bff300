/**
 * Starting the sandboxed runner (runner.ts) under Deno, which `npm ci` installs on Linux, macOS
 * and Windows alike. Deno denies everything not granted: the runner gets read access to the
 * exercise files and the library (on its cpu backend), and no writes, environment,
 * network, processes, FFI or system information. Its environment is emptied too.
 *
 * Read access alone would still let an exercise import the course's answers (the models
 * package, the checks and their oracles, solutions/), test tools or Node built-ins. An import
 * map, written for each run into a temporary folder, closes those doors for files under the
 * student's folder: their bare imports resolve to modules that throw a message naming what is
 * off limits, and any path into this repository outside their folder resolves under
 * OFF_LIMITS, which nobody may read. The same map sends `@gradschool/tensor` to a facade whose
 * off-limits functions say which exercise asks for them.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Exercise } from '../catalogue.ts';
import { REPO_ROOT, TEST_DIR } from '../grading/paths.ts';
import type { RunnerConfig } from './runner.ts';

const require = createRequire(import.meta.url);
const url = (file: string, dir = false): string => pathToFileURL(file).href + (dir && !file.endsWith(path.sep) ? '/' : '');

/** Where the import map sends every off-limits file; the runner names them from this prefix. */
const OFF_LIMITS = 'file:///gradschool-off-limits/';

let deno: string | undefined;
/** The Deno binary the `deno` npm package installed (its own installer finds the platform's). */
export function denoBinary(): string {
  deno ??= (require('deno/install_api.cjs') as { runInstall(): string }).runInstall();
  return deno;
}

/** What an exercise file may and may not use, from the catalogue. */
export function libraryPolicy(exercise: Exercise) {
  const allowed = exercise.autograd ? '@gradschool/tensor, @gradschool/autograd and your other exercise files' : '@gradschool/tensor and your other exercise files';
  const offLimits = exercise.offLimits.map((name) => ({
    name,
    message: `${name} is not available in exercise ${exercise.id} (${exercise.title}), which asks you to write it yourself: ${exercise.buildFrom}`,
  }));
  return { allowed, offLimits };
}

/** The guide's line on what an exercise may use (the layout test keeps each guide saying it). */
export function mayUse(exercise: Exercise): string {
  const list = (names: readonly string[]) => names.map((n) => `\`${n}\``).join(names.length === 2 ? ' or ' : ', ').replace(/, ([^,]*)$/, ' or $1');
  const libraries = exercise.autograd ? '`@gradschool/tensor`, `@gradschool/autograd`' : '`@gradschool/tensor`';
  const but = exercise.offLimits.length > 0 ? ` — but not the library's ${list(exercise.offLimits)}, which do the exercise for you: ${exercise.buildFrom}` : '';
  return `**You may use** ${libraries} and your other exercise files${but}. Nothing else can be imported while it is graded ([where your code runs](../README.md#where-your-code-runs)).`;
}

export interface SandboxOptions {
  readonly exercise: Exercise;
  /** The folders whose files are the student's: the import map's limits apply to what they import. */
  readonly studentRoots: readonly string[];
  /** Further folders (or files) the runner may read: the reference files graded in place of the student's. */
  readonly readable: readonly string[];
  /** Imports from student files to redirect, file to file: the reference for an exercise that falls back. */
  readonly redirects: ReadonlyMap<string, string>;
  /** Folders student files may import from besides their own (a fixture builds on solutions/). */
  readonly openRoots?: readonly string[];
  /** Imports from reference files to redirect: to the student's file where the reference is not the one used. */
  readonly referenceScope?: { readonly root: string; readonly redirects: ReadonlyMap<string, string> };
  /** The file graded: the runner starts loading it as soon as it starts. */
  readonly preload?: string;
}

/**
 * Exports of the tensor package that wire Variable's methods into the op table at load time
 * (autograd/src/methods.ts): the library's plumbing, not the course's API, so exercise code
 * gets them refused by name, as the off-limits functions are.
 */
const WIRING = ['installMethods', 'registerPromotion', 'withDefaults'].map((name) => ({
  name,
  message: `${name} is the library's internal wiring (how Tensor and Variable get their methods from the op table), not part of the course's API: exercise code may not call it`,
}));

/**
 * A runner stuck in a loop never reads its stdin, so it would not notice this process die and
 * would spin on as an orphan if this process were killed outright (SIGKILL, an out-of-memory
 * kill, a CI timeout). A tiny POSIX shell beside it checks every second that both are still
 * there and, once this process is gone, kills the runner. (None on Windows, where the sandbox is
 * untested.) It is stopped when the runner ends, so it never watches a reused pid.
 */
function watchOver(runner: number): ChildProcess | undefined {
  if (process.platform === 'win32') return undefined;
  const script = `while kill -0 ${process.pid} && kill -0 ${runner}; do sleep 1; done 2>/dev/null; kill -0 ${process.pid} 2>/dev/null || kill -9 ${runner} 2>/dev/null`;
  const watcher = spawn('/bin/sh', ['-c', script], { stdio: 'ignore', detached: true });
  watcher.on('error', () => {}); // no shell: the runner is then only as safe as before
  watcher.unref();
  return watcher;
}

/** A folder with the import map and facades for one exercise; `dispose` removes it. */
export class Sandbox {
  readonly dir: string;
  readonly args: string[];

  constructor(o: SandboxOptions) {
    this.dir = mkdtempSync(path.join(tmpdir(), 'gradschool-sandbox-'));
    const { allowed, offLimits } = libraryPolicy(o.exercise);
    const tensorIndex = url(path.join(REPO_ROOT, 'packages', 'tensor', 'src', 'index.ts'));
    const autogradIndex = url(path.join(REPO_ROOT, 'packages', 'autograd', 'src', 'index.ts'));
    let blocked = 0;
    const module = (source: string): string => {
      const file = path.join(this.dir, `module-${blocked++}.js`);
      writeFileSync(file, source);
      return url(file);
    };
    const refuse = (message: string) => `const error = new Error(${JSON.stringify(message)}); error.name = 'OffLimitsError';`;
    const offLimitsModule = (specifier: string): string =>
      module(`${refuse(`'${specifier}' is not available to exercise code: exercise files may import only ${allowed}`)}\nthrow error;\n`);
    const facade = (real: string): string =>
      module(
        `export * from ${JSON.stringify(real)};\n` +
          [...offLimits, ...WIRING].map((o) => `export function ${o.name}() { ${refuse(o.message)} throw error; }\n`).join(''),
      );
    const student: Record<string, string> = {
      '@gradschool/tensor': facade(tensorIndex),
      '@gradschool/autograd': o.exercise.autograd
        ? autogradIndex
        : module(`${refuse(`exercise ${o.exercise.id} is done without autograd: @gradschool/autograd is not available here. You may use ${allowed}.`)}\nthrow error;\n`),
    };
    for (const spec of ['@gradschool/models', '@gradschool/test', 'vitest', 'fast-check', '@fast-check/vitest', 'tsx', 'gpu.js', 'deno']) student[spec] = offLimitsModule(spec);
    for (const name of builtinModules.filter((m) => !m.startsWith('_'))) {
      for (const spec of [name.startsWith('node:') ? name : `node:${name}`, name]) student[spec] = offLimitsModule(spec);
    }
    // every other file is off limits, however its URL is spelled; only the student's folders resolve as written
    student['file:///'] = OFF_LIMITS;
    for (const root of [...o.studentRoots, ...(o.openRoots ?? [])]) student[url(root, true)] = url(root, true);
    for (const [from, to] of o.redirects) student[url(from)] = url(to);
    // the runner itself is the main module, resolved with no importer, by the default map (it exports nothing)
    student[url(path.join(TEST_DIR, 'sandbox', 'runner.ts'))] = url(path.join(TEST_DIR, 'sandbox', 'runner.ts'));
    const builders = path.join(TEST_DIR, o.exercise.file.replace(/\.ts$/, '.runner.ts'));
    // The student's map is the default, so that it also binds what has no folder of its own (a data:
    // or blob: module, a worker); the course's own code (the runner, its helpers, the library, the
    // facades here) resolves as written. Read permission still bounds what any of it can load.
    const trusted = { '@gradschool/tensor': tensorIndex, '@gradschool/autograd': autogradIndex, 'file:///': 'file:///' };
    const scopes: Record<string, Record<string, string>> = {
      [url(path.join(TEST_DIR, 'sandbox'), true)]: trusted,
      [url(builders)]: trusted,
      // the library runs on the cpu backend here: gpu.js is not even parsed (no-gpu.ts)
      [url(path.join(REPO_ROOT, 'packages', 'tensor'), true)]: { ...trusted, 'gpu.js': url(path.join(TEST_DIR, 'sandbox', 'no-gpu.ts')) },
      [url(path.join(REPO_ROOT, 'packages', 'autograd'), true)]: trusted,
      [url(this.dir, true)]: trusted,
    };
    if (o.referenceScope) {
      scopes[url(o.referenceScope.root, true)] = { ...trusted, ...Object.fromEntries([...o.referenceScope.redirects].map(([from, to]) => [url(from), url(to)])) };
    }
    const importMap = { imports: student, scopes };
    const mapFile = path.join(this.dir, 'import-map.json');
    writeFileSync(mapFile, JSON.stringify(importMap, null, 1));
    const config: RunnerConfig = {
      autograd: o.exercise.autograd,
      offLimits,
      builders: existsSync(builders) ? url(builders) : undefined,
      offLimitsPrefix: new URL(OFF_LIMITS).pathname,
      allowed,
      preload: o.preload && url(o.preload),
    };
    const readable = [
      path.join(TEST_DIR, 'sandbox'),
      ...(config.builders ? [builders] : []),
      path.join(REPO_ROOT, 'packages', 'tensor'),
      ...(o.exercise.autograd ? [path.join(REPO_ROOT, 'packages', 'autograd')] : []),
      this.dir,
      ...o.studentRoots,
      ...(o.openRoots ?? []),
      ...o.readable,
    ];
    const cache = path.join(tmpdir(), 'gradschool-deno-cache');
    mkdirSync(cache, { recursive: true });
    this.args = [
      // no config and no npm: nothing resolves but through the import map (a submission's own
      // package.json "imports", node_modules and npm: specifiers included)
      'run', '--no-prompt', '--no-lock', '--no-remote', '--no-npm', '--no-config', '--deny-import', '--no-check',
      `--import-map=${mapFile}`,
      `--allow-read=${readable.join(',')}`,
      '--v8-flags=--max-old-space-size=3072',
      path.join(TEST_DIR, 'sandbox', 'runner.ts'),
      JSON.stringify(config),
    ];
    this.env = { DENO_DIR: cache, NO_COLOR: '1', DENO_NO_UPDATE_CHECK: '1', ...(process.platform === 'win32' ? { SystemRoot: process.env.SystemRoot ?? 'C:\\Windows' } : {}) };
  }

  readonly env: Record<string, string>;

  start(): ChildProcess {
    const child = spawn(denoBinary(), this.args, { env: this.env, stdio: ['pipe', 'pipe', 'pipe'], windowsHide: true });
    const watcher = child.pid === undefined ? undefined : watchOver(child.pid);
    // once the runner is gone its pid may be reused: the watch must not outlive it
    child.once('exit', () => watcher?.kill());
    return child;
  }

  dispose(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }
}
