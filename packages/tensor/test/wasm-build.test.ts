/** The committed kernels.generated.ts is exactly what `npm run build:wasm` makes from the AssemblyScript source: never hand-edited, never stale. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { GENERATED, generate } from '../wasm/build.ts';

it('src/wasm/kernels.generated.ts is byte-identical to a fresh build (run `npm run build:wasm -w @gradschool/tensor` after editing wasm/assembly/)', async () => {
  const fresh = await generate();
  expect(readFileSync(new URL(`../${GENERATED}`, import.meta.url), 'utf8') === fresh).toBe(true);
});
