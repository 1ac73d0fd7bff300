/**
 * The live pages, end to end, as a learner meets them: build the site as `npm run build:web`
 * does, serve the folder over http from localhost, and in the headless Chromium the
 * @sparticuz/chromium package ships (WebGL on SwiftShader, a CPU emulating a GPU) open every
 * page, move a control, let it train, and check that each model's loss fell and each picture
 * changed.
 * Each page's screenshot is saved, and its path printed (E2E_OUT picks the folder).
 *
 *   npm run test:browser -w @gradschool/web
 *   E2E_ONLY=spiral,kmeans npx tsx web/test/e2e.ts      (some pages only)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';
import { build } from 'vite';
import { launchChromium, noChromium } from '../../packages/tensor/test/browser/chromium.ts';
import { CHECKS, type Drag, moveControl, type PageCheck } from './pages.ts';

const web = fileURLToPath(new URL('..', import.meta.url));
const shots = resolve(process.env.E2E_OUT ?? join(web, '../out/web'));

const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json' };

/** The built folder, served as a static host would. */
function serve(folder: string): Promise<{ url: string; close(): void }> {
  const server = createServer(({ url = '/' }, response) => {
    const path = join(folder, decodeURIComponent(new URL(url, 'http://localhost').pathname));
    try {
      const body = readFileSync(path.endsWith('/') ? join(path, 'index.html') : path);
      response.writeHead(200, { 'Content-Type': TYPES[extname(path)] ?? 'application/octet-stream' });
      response.end(body);
    } catch {
      response.writeHead(404).end();
    }
  });
  return new Promise((done) => server.listen(0, '127.0.0.1', () => {
    done({ url: `http://localhost:${(server.address() as AddressInfo).port}/`, close: () => server.close() });
  }));
}

/** Press the mouse on the element a drag names, move it in a few steps, release it. */
async function drag(page: Page, { host, target, by }: Drag): Promise<void> {
  const [x, y] = await page.$eval(host, (e, selector) => {
    const box = (selector ? e.shadowRoot!.querySelector(selector)! : e).getBoundingClientRect();
    return [box.x + box.width / 2, box.y + box.height / 2];
  }, target);
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(x + (by[0] * i) / 5, y + (by[1] * i) / 5);
  await page.mouse.up();
}

/** Load a page, move its controls, let it train, and say what went wrong (nothing: ''). */
async function check(page: Page, url: string, c: PageCheck): Promise<string> {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const loading = performance.now();
  await page.goto(`${url}${c.page}.html${c.backend ? `?backend=${encodeURIComponent(c.backend)}` : ''}`, { waitUntil: 'load' });
  await page.waitForFunction(() => globalThis.lesson !== undefined, { timeout: 60_000 });
  console.log(`    ready in ${((performance.now() - loading) / 1000).toFixed(1)} s${c.backend ? '' : ' (the backends timed)'}`);
  const figures = await Promise.all(c.figures.map(async (selector) => (await page.$(selector))!));
  const shoot = () => Promise.all(figures.map(async (figure) => Buffer.from(await figure.screenshot())));
  const before = await shoot();
  for (const control of c.controls) await ('host' in control ? drag(page, control) : page.evaluate(moveControl, control));
  await new Promise((r) => setTimeout(r, c.seconds * 1000));
  await page.evaluate(() => globalThis.lesson!.pause());
  const after = await shoot();
  const losses = await page.evaluate(() => globalThis.lesson!.losses());
  const readout = await page.$eval('#readout', (e) => [e.querySelector('.now')!.textContent, e.querySelector('.timings')!.textContent].filter(Boolean).join('\n    '));
  const file = join(shots, `${c.page}.png`);
  await page.screenshot({ path: file, fullPage: true });
  const problems = [...errors];
  c.figures.forEach((selector, i) => before[i].equals(after[i]) && problems.push(`the picture (${selector}) did not change`));
  if (c.shows) {
    const shown = await page.$eval(c.shows.selector, (e) => e.textContent ?? '');
    if (!shown.includes(c.shows.includes)) problems.push(`${c.shows.selector} does not show '${c.shows.includes}': ${shown}`);
  }
  if (c.trains) {
    for (const [i, history] of losses.entries()) {
      const [first, last] = [history[0], Math.min(...history.slice(-5))];
      const which = losses.length > 1 ? ` of model ${i + 1}` : '';
      if (!(history.length >= 5 && last < first)) problems.push(`the loss${which} did not fall: ${history.length} steps, ${first} → ${last}`);
      else console.log(`    loss${which} ${first.toFixed(3)} → ${last.toFixed(3)} in ${history.length} steps`);
    }
  }
  console.log(`    ${readout}\n    screenshot: ${file}`);
  return problems.join('; ');
}

const missing = noChromium();
if (missing) {
  console.log(`live pages not checked: ${missing}`);
  process.exit(0);
}

const only = process.env.E2E_ONLY?.split(',');
const checks = CHECKS.filter((c) => !only || only.includes(c.page));
const started = performance.now();
const folder = mkdtempSync(join(tmpdir(), 'gradschool-web-'));
await build({ configFile: join(web, 'vite.config.ts'), logLevel: 'warn', build: { outDir: folder, emptyOutDir: true } });
mkdirSync(shots, { recursive: true });
const site = await serve(folder);
console.log(`  built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
const browser = await launchChromium({ defaultViewport: { width: 1280, height: 900 } });
let failed = 0;
try {
  for (const c of checks) {
    console.log(`  ${c.page}`);
    const page = await browser.newPage();
    const problem = await check(page, site.url, c).catch((e: unknown) => (e instanceof Error ? e.message : String(e)));
    await page.close();
    if (problem) {
      failed++;
      console.log(`  ✗ ${c.page}: ${problem}`);
    }
  }
} finally {
  await browser.close();
  site.close();
  rmSync(folder, { recursive: true, force: true });
}
console.log(`\nlive pages: ${checks.length - failed} of ${checks.length} passed in ${((performance.now() - started) / 1000).toFixed(0)} s`);
process.exitCode = failed > 0 ? 1 : 0;
