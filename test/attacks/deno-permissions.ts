// attack: ask Deno for more permissions at run time (permissions.request / requestSync for read, write, run, env, net), revoke and re-query, then use them to read the reference
// exercise: 7.6
import type { Variable } from '@gradschool/autograd';

const D = (globalThis as any).Deno;
const repo = String(D?.mainModule ?? '').replace(/^file:\/\//, '').replace(/\/test\/sandbox\/runner\.ts$/, '');

for (const name of ['read', 'write', 'run', 'env', 'net', 'ffi', 'sys', 'import']) {
  try {
    const status = await D.permissions.request({ name, path: repo });
    if (status?.state === 'granted') console.log(`LEAK: ${name} permission granted`);
  } catch {}
  try { D.permissions.requestSync?.({ name }); } catch {}
}
try { await D.permissions.revoke({ name: 'read', path: '/' }); } catch {}
let reference: any;
try {
  reference = await import(`file://${repo}/solutions/week7/7.6-autoencoder.ts`);
  console.log('LEAK: imported the reference after asking for permissions');
} catch {}

const no = (): never => { throw new Error('not done'); };
export const encode = (x: Variable, params: any): Variable => reference?.encode(x, params) ?? no();
export const decode = (h: Variable, params: any): Variable => reference?.decode(h, params) ?? no();
export const reconstructionEnergy = (y: Variable, r: Variable): Variable => reference?.reconstructionEnergy(y, r) ?? no();
export const reconstructionLoss = (y: Variable, r: Variable): Variable => reference?.reconstructionLoss(y, r) ?? no();
