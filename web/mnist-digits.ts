/**
 * The MNIST digits the MNIST page trains on, as files beside the pages: `digits/<d>.json` in the
 * format of the `mnist` package (`{ "data": [...] }`, one digit's 784 pixels after another), so
 * the page reads them with the library's own loadMnist({ source }). Only the first
 * DIGITS_PER_CLASS of each class ship (about 2 MB for all ten, not the package's 21 MB):
 * served by `vite` as it runs, written into the built folder by `vite build`.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';

export const DIGITS_PER_CLASS = 100;
const PIXELS = 784;
const folder = join(dirname(createRequire(import.meta.url).resolve('mnist/package.json')), 'src/digits');

function digitsFile(d: number): string {
  const { data } = JSON.parse(readFileSync(join(folder, `${d}.json`), 'utf8')) as { data: number[] };
  return JSON.stringify({ data: data.slice(0, DIGITS_PER_CLASS * PIXELS) });
}

export function mnistDigits(): Plugin {
  const files = new Map(Array.from({ length: 10 }, (_, d) => [`digits/${d}.json`, () => digitsFile(d)]));
  return {
    name: 'gradschool-mnist-digits',
    configureServer(server) {
      server.middlewares.use((request, response, next) => {
        const file = files.get((request.url ?? '').replace(/^\//, '').split('?')[0]);
        if (!file) return next();
        response.setHeader('Content-Type', 'application/json');
        response.end(file());
      });
    },
    generateBundle() {
      for (const [fileName, file] of files) this.emitFile({ type: 'asset', fileName, source: file() });
    },
  };
}
