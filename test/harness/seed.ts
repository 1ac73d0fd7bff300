/**
 * Seeds for the properties of the check being run. Grades must be reproducible, so every
 * property draws its inputs from a seed derived from the run's base seed and the check's name,
 * never from the clock.
 */
export const DEFAULT_SEED = 42;

let current: { base: number; check: string; count: number } | undefined;

/**
 * Run `fn` (one check) with its properties seeded from `base`. An asynchronous check must draw
 * its seeds before its first await: the context ends when `fn` returns.
 */
export function withSeed<T>(base: number, check: string, fn: () => T): T {
  const saved = current;
  current = { base, check, count: 0 };
  try {
    return fn();
  } finally {
    current = saved;
  }
}

/** The seed of the next property of the running check (a 31-bit FNV-1a hash of base, name, index). */
export function nextSeed(): number {
  const ctx = current ?? { base: DEFAULT_SEED, check: '', count: 0 };
  const key = `${ctx.base}\u0000${ctx.check}\u0000${ctx.count}`;
  if (current) current.count++;
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
  return (h >>> 1) & 0x7fffffff;
}

/** The base seed from COURSE_SEED, or the default; 'random' draws one (reported with the failures). */
export function seedFromEnv(value: string | undefined): number {
  if (value === undefined || value === '') return DEFAULT_SEED;
  if (value === 'random') return Math.floor(Math.random() * 2 ** 31);
  const n = Number(value);
  if (!Number.isSafeInteger(n)) throw new Error(`COURSE_SEED must be an integer or 'random', got '${value}'`);
  return n;
}
