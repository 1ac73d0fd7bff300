/**
 * The live pages: one HTML file per lesson, each loading its script from src/. The library
 * packages are TypeScript source, which Vite compiles as it does the pages' own code.
 */
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { mnistDigits } from './mnist-digits.ts';

const root = fileURLToPath(new URL('.', import.meta.url));
const pages = readdirSync(root).filter((name) => name.endsWith('.html'));

export default defineConfig({
  root,
  // relative URLs, so the built folder works from any path on any static host
  base: './',
  plugins: [mnistDigits()],
  // the library's webgpu worker is a module with imports
  worker: { format: 'es' },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // gpu.js alone is 600 kB; the pages are meant to be fetched once and run offline
    chunkSizeWarningLimit: 1500,
    rolldownOptions: {
      input: Object.fromEntries(pages.map((name) => [name.replace(/\.html$/, ''), `${root}${name}`])),
      // Rolldown reports plugins that take most of a build; on a loaded machine that is every build, and says nothing of the site
      checks: { bundlerTimings: false },
    },
  },
});
