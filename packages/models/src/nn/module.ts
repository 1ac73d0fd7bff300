/**
 * The base of every layer and model. A Module's parameters are its fields that hold a leaf
 * Variable requiring grad (a `Parameter`, or autograd's `parameter(...)`: both are that) and those
 * of its Module fields (or arrays of Modules), found by walking its own properties, so a subclass
 * only assigns them in its constructor (as in PyTorch).
 */
import { Variable } from '@gradschool/autograd';
import { describeValue, type DType, formatShape as fmt, tensor } from '@gradschool/tensor';
import type { Input } from './parameter.ts';

/** One saved tensor: plain JSON. */
export interface SavedTensor {
  shape: number[];
  dtype: DType;
  data: number[];
}
/** Parameter values by dotted name ("0.weight"), as JSON.stringify can write them. */
export type StateDict = Record<string, SavedTensor>;

/** A Module of any signature, for walking the tree. */
export type AnyModule = Module<any[], unknown>;

export abstract class Module<In extends unknown[] = [Input], Out = Variable> {
  /** Training mode (the default) or evaluation mode; only some layers (Dropout) behave differently. */
  training = true;

  abstract forward(...inputs: In): Out;

  /** The direct sub-modules, by field name ("encoder"), or field and index for arrays ("heads.0"). */
  namedChildren(): [string, AnyModule][] {
    return Object.entries(this).flatMap(([name, v]): [string, AnyModule][] => {
      if (v instanceof Module) return [[name, v]];
      if (Array.isArray(v)) return v.flatMap((m, i): [string, AnyModule][] => (m instanceof Module ? [[`${name}.${i}`, m]] : []));
      return [];
    });
  }

  /** Every parameter with its dotted path: this module's own first, then each child's, in field order. */
  namedParameters(prefix = ''): [string, Variable][] {
    const own = Object.entries(this)
      .filter((e): e is [string, Variable] => e[1] instanceof Variable && e[1].isLeaf && e[1].requiresGrad)
      .map(([name, p]): [string, Variable] => [prefix + name, p]);
    return own.concat(this.namedChildren().flatMap(([name, child]) => child.namedParameters(`${prefix}${name}.`)));
  }

  parameters(): Variable[] {
    return this.namedParameters().map(([, p]) => p);
  }

  /** Switch this module and all below it to training mode (or to evaluation mode with `false`). */
  train(on = true): this {
    this.training = on;
    for (const [, child] of this.namedChildren()) child.train(on);
    return this;
  }

  eval(): this {
    return this.train(false);
  }

  /** Forget accumulated gradients: backward() adds to `grad`, so clear it before each step. */
  zeroGrad(): void {
    for (const p of this.parameters()) p.zeroGrad();
  }

  /** A copy of every parameter's value, keyed by its name: `JSON.stringify` it to save the model. */
  stateDict(): StateDict {
    const state: StateDict = {};
    for (const [name, p] of this.namedParameters()) {
      state[name] = { shape: [...p.shape], dtype: p.dtype, data: Array.from(p.data()) };
    }
    return state;
  }

  /**
   * Set every parameter from a state dict (e.g. `JSON.parse` of a saved one). The names,
   * shapes and dtypes must match this model exactly, so a model is never half loaded.
   */
  loadStateDict(state: StateDict): void {
    if (typeof state !== 'object' || state === null || Array.isArray(state)) {
      throw new TypeError(`loadStateDict: the state must be an object of saved tensors by name (what stateDict() returns), got ${describeValue(state)}`);
    }
    const params = new Map(this.namedParameters());
    const missing = [...params.keys()].filter((k) => !(k in state));
    const unexpected = Object.keys(state).filter((k) => !params.has(k));
    if (missing.length > 0 || unexpected.length > 0) {
      throw new Error(
        `loadStateDict: the state does not fit this model (missing: ${missing.join(', ') || 'none'}; unexpected: ${unexpected.join(', ') || 'none'})`,
      );
    }
    for (const [name, p] of params) {
      const s = state[name];
      const fits = Array.isArray(s.data) && fmt(s.shape) === fmt(p.shape) && s.dtype === p.dtype && s.data.length === p.size;
      if (!fits) {
        throw new Error(
          `loadStateDict: '${name}' is ${fmt(p.shape)} ${p.dtype} in the model but ${fmt(s.shape ?? [])} ${s.dtype} with ${s.data?.length} values in the state`,
        );
      }
    }
    for (const [name, p] of params) p.value = tensor(state[name].data, { shape: state[name].shape, dtype: state[name].dtype });
  }
}
