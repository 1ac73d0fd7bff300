/**
 * What holds the course together: exercises/ and solutions/ have the same files with the same
 * exports and the same brief; every stub throws NotImplementedError with its own id; each
 * brief states the points its checks are worth; the guide has a section for every exercise
 * listing what its checks check and what the exercise may use; and no solution holds a stub or
 * a left-over work marker.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { EXERCISES } from '../catalogue.ts';
import { loadChecks } from '../checks.ts';
import { EXERCISES_DIR, SOLUTIONS_DIR } from '../grading/paths.ts';
import { mayUse } from '../sandbox/launch.ts';

const read = (dir: string, file: string) => readFileSync(path.join(dir, file), 'utf8');
const header = (source: string) => /^\/\*\*[\s\S]*?\*\//.exec(source)?.[0] ?? '';

const tsFiles = (dir: string, rel = ''): string[] =>
  readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((e) =>
    e.name === 'node_modules' ? [] : e.isDirectory() ? tsFiles(dir, path.join(rel, e.name)) : e.name.endsWith('.ts') ? [path.join(rel, e.name)] : [],
  );

describe('exercises and solutions', () => {
  test('have the same exercise files, and nothing else but the stubs\' NotImplementedError', () => {
    expect(tsFiles(SOLUTIONS_DIR).sort()).toEqual(EXERCISES.map((e) => e.file).sort());
    expect(tsFiles(EXERCISES_DIR).sort()).toEqual([...EXERCISES.map((e) => e.file), 'not-implemented.ts'].sort());
  });

  for (const e of EXERCISES) {
    test(`${e.id}: same exports, same brief, a stub that says which exercise it is, the right points`, async () => {
      const [stub, reference] = [await import(path.join(EXERCISES_DIR, e.file)), await import(path.join(SOLUTIONS_DIR, e.file))];
      expect(Object.keys(stub).sort()).toEqual(Object.keys(reference).sort());
      const [stubText, referenceText] = [read(EXERCISES_DIR, e.file), read(SOLUTIONS_DIR, e.file)];
      expect(header(stubText)).toBe(header(referenceText));
      const points = (await loadChecks(e.id)).reduce((a, c) => a + c.points, 0);
      expect(header(referenceText)).toContain(`Exercise ${e.id} — `);
      expect(header(referenceText)).toContain(`(${points} points)`);
      expect(header(referenceText)).toContain(`Checks: test/${e.file.replace(/\.ts$/, '.checks.ts')}`);
      const throws = [...stubText.matchAll(/throw new NotImplementedError\('([^']+)', '([\w.]+)'\)/g)].map((m) => m[1]);
      expect(throws.length).toBeGreaterThan(0);
      expect(new Set(throws)).toEqual(new Set([e.id]));
    });
  }
});

test('each chapter is worth 100 points', async () => {
  const points = new Map<string, number>();
  for (const e of EXERCISES) points.set(e.chapter.title, (points.get(e.chapter.title) ?? 0) + (await loadChecks(e.id)).reduce((a, c) => a + c.points, 0));
  for (const [chapter, sum] of points) expect(sum, chapter).toBe(100);
});

describe('the chapter guides', () => {
  for (const e of EXERCISES) {
    const guide = () => read(EXERCISES_DIR, e.chapter.guide);
    test(`list every check of ${e.id} with its points, as the grader names it`, async () => {
      for (const c of await loadChecks(e.id)) expect(guide()).toContain(`- ${c.name} (${c.points} point${c.points === 1 ? '' : 's'})`);
    });
    test(`have the section ${e.id} that the brief of ${e.file} links to`, () => {
      const link = /Guide: exercises\/(\S+)#(\S+)/.exec(read(SOLUTIONS_DIR, e.file));
      expect(link?.[1]).toBe(e.chapter.guide);
      const headings = [...guide().matchAll(/^## (.+)$/gm)].map((m) => m[1].toLowerCase().replace(/[^\w\s-]/g, '').trim().replace(/\s/g, '-'));
      expect(headings).toContain(link?.[2]);
    });
    test(`say in ${e.id}'s section what it may use, as the sandbox enforces it`, () => {
      const text = guide();
      const start = text.indexOf(`\n## ${e.id} `);
      const section = text.slice(start, text.indexOf('\n## ', start + 1) >>> 0).replace(/\s+/g, ' ');
      expect(section).toContain(mayUse(e));
    });
  }
});

// the markers are spelled out of parts so that this file does not itself carry them
const STUB_OR_MARKER = new RegExp(['not ' + 'implemented', 'NotImplemented', '\\bTO' + 'DO\\b', '\\bFIX' + 'ME\\b', '\\bXX' + 'X\\b'].join('|'), 'i');

test('no solution holds a stub or a left-over work marker', () => {
  const offenders = tsFiles(SOLUTIONS_DIR).filter((f) => STUB_OR_MARKER.test(read(SOLUTIONS_DIR, f)));
  expect(offenders).toEqual([]);
});
