/**
 * The little the demo needs from its runtime, for Node (tsx) and Deno alike: write a text
 * file, write to the terminal without a newline, and know whether stdout is a terminal.
 */
interface DenoLike {
  mkdir(path: URL, options: { recursive: boolean }): Promise<void>;
  writeTextFile(path: URL, text: string): Promise<void>;
  stdout: { writeSync(bytes: Uint8Array): number; isTerminal(): boolean };
}
interface NodeFs {
  mkdir(path: URL, options: { recursive: boolean }): Promise<unknown>;
  writeFile(path: URL, text: string): Promise<void>;
}
interface NodeProcess { stdout: { write(text: string): boolean; isTTY?: boolean } }

const deno = (globalThis as { Deno?: DenoLike }).Deno;
const nodeProcess = (globalThis as { process?: NodeProcess }).process;

/** Write `text` to the file at `url`, making its folder first. */
export async function writeText(url: URL, text: string): Promise<void> {
  const folder = new URL('.', url);
  if (deno) {
    await deno.mkdir(folder, { recursive: true });
    await deno.writeTextFile(url, text);
    return;
  }
  const specifier = 'node:fs/promises'; // through a variable, so type-checking needs no Node types
  const fs = (await import(specifier)) as NodeFs;
  await fs.mkdir(folder, { recursive: true });
  await fs.writeFile(url, text);
}

const encoder = new TextEncoder();

/** Print without a trailing newline (to redraw a progress bar in place). */
export function print(text: string): void {
  if (deno) deno.stdout.writeSync(encoder.encode(text));
  else nodeProcess?.stdout.write(text);
}

export const isTerminal = (): boolean => (deno ? deno.stdout.isTerminal() : nodeProcess?.stdout.isTTY === true);
