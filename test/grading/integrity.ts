/**
 * Runs in the grading worker before any exercise code. The checks compare with Math, Object.is,
 * array and typed-array methods and the tensor library; freezing them (and pinning the globals
 * that name them) means exercise code cannot make a wrong answer look right by patching one.
 * Error.prototype and Object.prototype stay unfrozen: libraries legitimately assign `name`,
 * `toString` and the like on their own objects, which a frozen prototype would forbid.
 */
import { Tensor } from '@gradschool/tensor';

const TypedArray = Object.getPrototypeOf(Float64Array) as object;
const pinned = {
  Math, JSON, Number, Object, Array, Reflect, Map, Set, Float64Array, Float32Array, Int32Array, Uint32Array, Tensor,
} as const;

for (const value of Object.values(pinned)) Object.freeze(value);
for (const proto of [
  Array.prototype, Number.prototype, String.prototype, Function.prototype, Map.prototype, Set.prototype,
  Float64Array.prototype, Float32Array.prototype, Int32Array.prototype, Uint32Array.prototype, TypedArray,
  (TypedArray as { prototype: object }).prototype, Tensor.prototype,
]) {
  Object.freeze(proto);
}
for (const name of Object.keys(pinned)) {
  if (name in globalThis) Object.defineProperty(globalThis, name, { writable: false, configurable: false });
}
