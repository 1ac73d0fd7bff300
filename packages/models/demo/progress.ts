import { isTerminal, print } from './io.ts';

/**
 * A progress bar for a loop of `total` steps. On a terminal it redraws one line in place
 * (carriage return); in a log or a pipe it prints a plain line every tenth of the way.
 */
export function progressBar(label: string, total: number): (done: number, status: string) => void {
  const width = 30;
  const live = isTerminal();
  let lastTenth = -1;
  let longest = 0;
  return (done, status) => {
    const filled = Math.round((width * done) / total);
    const line = `${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${String(done).padStart(String(total).length)}/${total}  ${status}`;
    if (live) {
      // Pad to the longest line so far: a shorter one must cover every character of the last.
      longest = Math.max(longest, line.length);
      print(`\r${line.padEnd(longest)}`);
      if (done === total) print('\n');
      return;
    }
    const tenth = Math.floor((10 * done) / total);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      print(`${line}\n`);
    }
  };
}
