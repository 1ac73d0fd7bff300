/**
 * The one alias: `#target/<file>` is the exercise file the target says (exercises/, solutions/,
 * a submission, or the reference for a fallback exercise). Relative imports between exercise
 * files go through the same redirect, so a student's 2.6 importing './2.4-log-softmax.ts' gets
 * the reference 2.4 when 2.4 falls back; a reference file that imports an exercise its copy of
 * the course does not hold (a student release ships only some references) gets the student's.
 * `@gradschool/*` always means this repository's packages, so a submission graded in bulk runs
 * on the instructor's library.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Plugin } from 'vite';
import { EXERCISES } from '../catalogue.ts';
import { REPO_ROOT } from './paths.ts';
import { fileFor, type Target } from './target.ts';

export function targetResolver(target: Target): Plugin {
  const redirects = new Map(EXERCISES.map((e) => [path.join(target.root, e.file), fileFor(target, e.id)]));
  const redirect = (file: string): string => redirects.get(file) ?? file;
  return {
    name: 'gradschool-target',
    enforce: 'pre',
    resolveId(source, importer) {
      if (source.startsWith('#target/')) return redirect(path.join(target.root, source.slice('#target/'.length)));
      const pkg = /^@gradschool\/([\w-]+)$/.exec(source);
      if (pkg) {
        const entry = path.join(REPO_ROOT, 'packages', pkg[1], 'src', 'index.ts');
        return existsSync(entry) ? entry : null;
      }
      if (importer && (source.startsWith('./') || source.startsWith('../'))) {
        const file = path.resolve(path.dirname(importer.split('?')[0]), source);
        const to = redirect(file);
        if (to !== file) return to;
        const inReference = path.relative(target.reference, file);
        if (!inReference.startsWith('..') && !existsSync(file)) return redirect(path.join(target.root, inReference));
        return null;
      }
      return null;
    },
  };
}
