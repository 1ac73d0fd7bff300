// attack: a Worker from a data: URL (outside the student's import-map scope) that imports @gradschool/tensor and computes logsumexp for the main thread, which waits for it synchronously with Atomics.wait
// exercise: 7.2
import { fromHost, type Tensor } from '@gradschool/tensor';

const WORKER = `
const lib = await import('@gradschool/tensor');
self.onmessage = ({ data: { shape, values, beta, dim, shared } }) => {
  const energies = lib.fromHost(new Float64Array(values), shape);
  const f = beta === Infinity ? energies.min(dim) : lib.logsumexp(energies.mul(-beta), dim).div(-beta);
  const out = new Float64Array(shared, 8);
  out.set(f.data());
  const flag = new Int32Array(shared, 0, 2);
  flag[1] = f.shape.length;
  Atomics.store(flag, 0, 1);
  Atomics.notify(flag, 0);
};
postMessage('ready');
`;

const worker = new Worker(`data:application/javascript,${encodeURIComponent(WORKER)}`, { type: 'module' });
const ready = await Promise.race([
  new Promise((resolve) => { worker.onmessage = () => resolve(true); worker.onerror = (e) => { e.preventDefault(); resolve(false); }; }),
  new Promise((resolve) => setTimeout(() => resolve(false), 2_000)),
]);

export function freeEnergy(energies: Tensor, beta: number, dim = -1): Tensor {
  if (!ready) return energies;
  const d = dim < 0 ? dim + energies.shape.length : dim;
  const outShape = energies.shape.filter((_, i) => i !== d);
  const shared = new SharedArrayBuffer(8 + 8 * Math.max(1, outShape.reduce((a, b) => a * b, 1)));
  worker.postMessage({ shape: [...energies.shape], values: Float64Array.from(energies.data()), beta, dim: d, shared });
  Atomics.wait(new Int32Array(shared, 0, 2), 0, 0, 2_000);
  return fromHost(new Float64Array(shared, 8).slice(), outShape).to(energies.dtype);
}
