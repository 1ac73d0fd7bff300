/**
 * Watching a target for saves, for `npm run course` and `npm run grade -- --watch`: a saved file
 * affects its own exercise and every exercise that imports it; those are re-graded together
 * after a short quiet spell, one batch at a time.
 */
import { watch as watchFiles } from 'node:fs';
import path from 'node:path';
import { EXERCISES, type Exercise } from '../catalogue.ts';
import { readSource, usesOf } from './source.ts';
import { fileFor, type Target } from './target.ts';

export function watchExercises(
  target: Target,
  selected: readonly Exercise[],
  regrade: (ids: string[], saved: string[]) => Promise<void>,
): { close(): void } {
  const pending = new Set<string>();
  const saved = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let busy = Promise.resolve();
  const affected = (changed: string): string[] =>
    selected
      .filter((e) => e.file === changed || usesOf(readSource(fileFor(target, e.id)), e.id).some((id) => EXERCISES.find((x) => x.id === id)?.file === changed))
      .map((e) => e.id);
  const watcher = watchFiles(target.root, { recursive: true }, (_event, name) => {
    if (!name || !name.endsWith('.ts')) return;
    const changed = name.split(path.sep).join('/');
    const ids = affected(changed);
    if (ids.length === 0) return;
    for (const id of ids) pending.add(id);
    saved.add(changed);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const [batch, files] = [[...pending], [...saved]];
      pending.clear();
      saved.clear();
      busy = busy.then(() => regrade(batch, files));
    }, 300);
  });
  return {
    close: () => {
      watcher.close();
      clearTimeout(timer);
    },
  };
}

/** Started through npm and npm was killed, or the terminal closed: end rather than linger as an orphan. */
export function endWithParent(end: () => void): () => void {
  const parent = process.ppid;
  const poll = setInterval(() => process.ppid !== parent && end(), 1000);
  process.once('SIGHUP', end);
  return () => {
    clearInterval(poll);
    process.off('SIGHUP', end);
  };
}
