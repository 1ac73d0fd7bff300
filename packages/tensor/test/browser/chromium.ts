/**
 * Runs a TypeScript entry in headless Chromium: esbuild bundles it into one script, the page
 * loads it, and a function the script put on `globalThis` is called with JSON arguments; its
 * JSON result comes back. The Chromium is the one the @sparticuz/chromium package ships (with
 * SwiftShader, a software GPU, for WebGL on a machine without one), so `npm ci` brings it;
 * CHROMIUM_PATH picks another.
 */
import { build } from 'esbuild';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import puppeteer from 'puppeteer-core';

export async function runInChromium<T>(entry: string, call: string, args: readonly unknown[]): Promise<T> {
  const bundle = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'iife', write: false, logLevel: 'error' });
  // the package unpacks Chromium and SwiftShader into the temporary folder once; keep them with the install, which npm ci renews
  process.env.TMPDIR = fileURLToPath(new URL('../../../../node_modules/.cache/chromium', import.meta.url));
  mkdirSync(process.env.TMPDIR, { recursive: true });
  const { default: chromium } = await import('@sparticuz/chromium');
  const browser = await puppeteer.launch({
    executablePath: process.env.CHROMIUM_PATH ?? (await chromium.executablePath()),
    args: chromium.args,
    headless: 'shell',
    protocolTimeout: 600_000,
  });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.addScriptTag({ content: bundle.outputFiles[0].text });
    if (errors.length > 0) throw new Error(`${entry} failed to load in Chromium: ${errors.join('; ')}`);
    return await page.evaluate((name, values) => (globalThis as unknown as Record<string, (...a: unknown[]) => unknown>)[name](...values), call, [...args]) as T;
  } finally {
    await browser.close();
  }
}
