/** Terminal colours, off when the output is not a terminal or NO_COLOR is set. */
export interface Style {
  readonly green: (s: string) => string;
  readonly red: (s: string) => string;
  readonly yellow: (s: string) => string;
  readonly cyan: (s: string) => string;
  readonly dim: (s: string) => string;
  readonly bold: (s: string) => string;
}

const ansi = (code: number, reset: number) => (s: string) => `\u001b[${code}m${s}\u001b[${reset}m`;

export function style(color: boolean): Style {
  const plain = (s: string) => s;
  return color
    ? { green: ansi(32, 39), red: ansi(31, 39), yellow: ansi(33, 39), cyan: ansi(36, 39), dim: ansi(2, 22), bold: ansi(1, 22) }
    : { green: plain, red: plain, yellow: plain, cyan: plain, dim: plain, bold: plain };
}

export const wantsColor = (stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean =>
  env.NO_COLOR === undefined && (env.FORCE_COLOR !== undefined ? env.FORCE_COLOR !== '0' : Boolean(stream.isTTY));
