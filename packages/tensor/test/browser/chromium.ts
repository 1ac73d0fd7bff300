/**
 * Runs a TypeScript entry in headless Chromium: Vite bundles it (following
 * `new Worker(new URL('./x.ts', import.meta.url))`, so the library's own webgpu worker comes
 * along), the page loads it, and a function the entry put on `globalThis` is called with JSON
 * arguments; its JSON result comes back. With `inWorker` the call runs in a dedicated Worker the
 * page starts, where a thread may block on Atomics.wait, as the webgpu mode needs.
 *
 * The files are served over http from localhost, which browsers count as a secure context:
 * WebGPU exists only there (not on about:blank). (Request interception would serve a page, but
 * never answers a worker's own requests: its imports, a nested worker's script.) SharedArrayBuffer,
 * which needs a cross-origin isolated page on the web, the package's flags enable everywhere.
 * The Chromium is the one the @sparticuz/chromium package ships (with SwiftShader, a software
 * GPU, for WebGL and WebGPU on a machine without one), so `npm ci` brings it; CHROMIUM_PATH
 * picks another. `launchChromium` starts it for the live pages' end-to-end test too (web/test/e2e.ts).
 */
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import puppeteer, { type Browser, type LaunchOptions } from 'puppeteer-core';
import { build, type Rollup } from 'vite';

/** A module worker that loads the entry and answers one call with its result (or error). */
const CALLER = `import './entry.js';
self.onmessage = async ({ data: { call, args } }) => {
  try {
    self.postMessage({ result: await globalThis[call](...args) });
  } catch (e) {
    self.postMessage({ error: e instanceof Error ? e.stack ?? e.message : String(e) });
  }
};`;

/** The bundle's files by the path the server gives them: entry.js and the chunks and workers it loads. */
async function bundle(entry: string): Promise<Map<string, string | Uint8Array>> {
  const output = await build({
    configFile: false,
    root: dirname(entry),
    logLevel: 'error',
    worker: { format: 'es' },
    build: {
      write: false,
      target: 'esnext',
      minify: false,
      modulePreload: false,
      rollupOptions: { input: { entry }, preserveEntrySignatures: 'exports-only', output: { entryFileNames: '[name].js' } },
    },
  }) as Rollup.RollupOutput | Rollup.RollupOutput[];
  const files = new Map<string, string | Uint8Array>();
  for (const { output: items } of [output].flat()) {
    for (const item of items) files.set(`/${item.fileName}`, item.type === 'chunk' ? item.code : item.source);
  }
  return files;
}

const contentType = (path: string) => (path === '/' ? 'text/html' : path.endsWith('.js') ? 'text/javascript' : 'application/octet-stream');

/** Why no Chromium can be started here, or null: the package's build is Linux x64 only. */
export function noChromium(): string | null {
  if (process.env.CHROMIUM_PATH || (process.platform === 'linux' && process.arch === 'x64')) return null;
  return `@sparticuz/chromium ships a Linux x64 build only (this is ${process.platform} ${process.arch}); set CHROMIUM_PATH to a Chrome or Chromium to run in it`;
}

/**
 * Start the package's Chromium (or CHROMIUM_PATH's), headless, with the package's flags, then
 * `args`; the other options go to puppeteer as they are.
 */
export async function launchChromium({ args = [], ...options }: LaunchOptions = {}): Promise<Browser> {
  // the package unpacks Chromium and SwiftShader into the temporary folder once; keep them with the install, which npm ci renews
  process.env.TMPDIR = fileURLToPath(new URL('../../../../node_modules/.cache/chromium', import.meta.url));
  mkdirSync(process.env.TMPDIR, { recursive: true });
  const { default: chromium } = await import('@sparticuz/chromium');
  return puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (await chromium.executablePath()),
    // in a container, /dev/shm may be too small for Chromium's shared memory: use /tmp
    args: [...chromium.args, ...args, '--disable-dev-shm-usage'],
    headless: 'shell',
    ...options,
  });
}

export async function runInChromium<T>(entry: string, call: string, args: readonly unknown[], { inWorker = false } = {}): Promise<T> {
  const missing = noChromium();
  if (missing) throw new Error(missing);
  const files = await bundle(entry);
  files.set('/caller.js', CALLER);
  // in a worker, only the worker runs the entry
  files.set('/', `<!doctype html><meta charset="utf-8">${inWorker ? '' : '<script type="module" src="/entry.js"></script>'}`);
  const server = createServer(({ url = '/' }, response) => {
    const body = files.get(new URL(url, 'http://localhost').pathname);
    response.writeHead(body === undefined ? 404 : 200, { 'Content-Type': body === undefined ? 'text/plain' : contentType(url) });
    response.end(body ?? `${url} is not part of the bundle`);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const browser = await launchChromium({
    // WebGPU is still behind a flag on Linux; Chromium honours only the last --enable-features, so features stay in the package's one flag
    args: ['--enable-unsafe-webgpu'],
    protocolTimeout: 600_000,
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(`http://localhost:${port}/`, { waitUntil: 'load' });
    if (errors.length > 0) throw new Error(`${entry} failed to load in Chromium: ${errors.join('; ')}`);
    if (!inWorker) {
      return await page.evaluate((name, values) => (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...values), call, [...args]) as T;
    }
    return await page.evaluate((name, values) => new Promise((resolve, reject) => {
      const worker = new Worker('/caller.js', { type: 'module' });
      worker.onmessage = ({ data }: MessageEvent<{ result?: unknown; error?: string }>) => {
        worker.terminate();
        if (data.error === undefined) resolve(data.result);
        else reject(new Error(data.error));
      };
      worker.onerror = (event) => reject(new Error(`the worker failed to start: ${event.message || 'no message (a module that failed to load?)'}`));
      worker.postMessage({ call: name, args: values });
    }), call, [...args]) as T;
  } finally {
    await browser.close();
    server.close();
  }
}
