import { grade } from './grading/grade.ts';
import { resolveTarget } from './grading/target.ts';
const r = await grade({ target: resolveTarget(process.argv[2], process.argv[3]), seed: 42, only: process.argv.slice(4) });
for (const e of r.exercises) {
  console.log(e.id, e.status, e.earned, '/', e.points, 'uses', e.uses, 'output', e.output.slice(0, 3));
  for (const c of e.checks) console.log('   ', c.status, c.name.slice(0, 40), '|', (c.message ?? '').slice(0, 300).replace(/\n/g, ' ⏎ '));
}
console.log(r.earned, r.points, r.durationMs);
