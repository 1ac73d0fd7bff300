/** Element types. Floats hold values; int32 holds indices (argmax, gather, randint). */
export type DType = 'float32' | 'float64' | 'int32';
export type TypedArray = Float32Array | Float64Array | Int32Array;

export const DTYPES: readonly DType[] = ['float32', 'float64', 'int32'];

export function allocate(dtype: DType, length: number): TypedArray {
  switch (dtype) {
    case 'float32': return new Float32Array(length);
    case 'float64': return new Float64Array(length);
    case 'int32': return new Int32Array(length);
  }
}

export function dtypeOf(array: TypedArray): DType {
  if (array instanceof Float32Array) return 'float32';
  if (array instanceof Float64Array) return 'float64';
  return 'int32';
}

export const isFloat = (dtype: DType): boolean => dtype !== 'int32';

/** PyTorch-style promotion: float64 wins over float32, any float wins over int32. */
export function promote(a: DType, b: DType): DType {
  if (a === 'float64' || b === 'float64') return 'float64';
  if (a === 'float32' || b === 'float32') return 'float32';
  return 'int32';
}

/** The float type an integer tensor becomes under true division, exp, log, ... */
export const floatOf = (dtype: DType): DType => (dtype === 'int32' ? 'float32' : dtype);

export function checkDType(op: string, dtype: string): DType {
  if (!(DTYPES as readonly string[]).includes(dtype)) {
    throw new TypeError(`${op}: unknown dtype '${dtype}'; expected one of ${DTYPES.join(', ')}`);
  }
  return dtype as DType;
}
