/** Where the week-7 demo puts its pictures: `out/week7-<name>.svg` at the repository root. */
import { writeText } from '../io.ts';

const OUT = new URL('../../../../out/', import.meta.url);

export async function saveSvg(name: string, svg: string): Promise<void> {
  const url = new URL(`week7-${name}.svg`, OUT);
  await writeText(url, svg);
  console.log(`  wrote ${decodeURIComponent(url.pathname)}`);
}

export { DATA_COLOUR, PROTOTYPE_COLOUR } from '../../src/plot/palette.ts';
