/// <reference types="node" />
/** Where the week-7 demo puts its pictures, and how it reports progress. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Output {
  /** Write `out/week7-<name>.svg`. */
  svg(name: string, content: string): void;
  log(message: string): void;
}

export function fileOutput(dir: string): Output {
  mkdirSync(dir, { recursive: true });
  return {
    svg(name, content) {
      const path = join(dir, `week7-${name}.svg`);
      writeFileSync(path, content);
      console.log(`  wrote ${path}`);
    },
    log: (message) => console.log(message),
  };
}
