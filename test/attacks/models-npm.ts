// attack: the models package reached other ways than its name: npm:@gradschool/models, a data: URL re-export, import() from eval, its source path from node_modules
// exercise: 7.1
import type { Tensor } from '@gradschool/tensor';

const repo = String((globalThis as any).Deno?.mainModule ?? '').replace(/\/test\/sandbox\/runner\.ts$/, '');
let models: any;
for (const spec of [
  'npm:@gradschool/models',
  'data:application/javascript,export * from "@gradschool/models";',
  'data:application/javascript,export * from "npm:@gradschool/models";',
  `${repo}/node_modules/@gradschool/models/src/index.ts`,
  `${repo}/packages/models/src/index.ts`,
  `${repo.replace('file:///', 'file:////')}/packages/models/src/index.ts`,
]) {
  try {
    models = await import(spec);
    console.log(`LEAK: loaded @gradschool/models as ${spec.slice(0, 80)}`);
    break;
  } catch {}
}
if (!models) {
  try { models = await eval('import("@gradschool/models")'); console.log('LEAK: loaded @gradschool/models from eval'); } catch {}
}

export const kmeansEnergy = (y: Tensor, w: Tensor): Tensor => models.kmeansEnergy(y, w);
export const kmeansInfer = (y: Tensor, w: Tensor): { z: Tensor; energy: Tensor } => models.kmeansInfer(y, w);
