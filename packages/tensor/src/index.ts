export { Tensor, checkTensor, type Operand } from './tensor.ts';
export {
  OPS, installMethods, registerPromotion, withDefaults, type ArgsOf, type DifferentiableName, type Dims,
  type KeepDim, type OpName, type PromotionTarget, type ShapeArgs, type TensorMethods, type ValuesIndices, type VarOptions,
} from './ops/table.ts';
export { type DType, type TypedArray, promote, floatOf, isFloat } from './dtype.ts';
export {
  ShapeError, type Shape, broadcastShapes, describeValue, normalizeDim, normalizeDims, reducedCount, sizeOf, contiguousStrides, fmt as formatShape,
} from './shape.ts';
export {
  type Backend, type BackendOptions, type Storage, type View, type UnaryOp, type BinaryOp, type ReduceOp,
  UNARY_OPS, BINARY_OPS, registerBackend, setBackend, getBackend,
} from './backend.ts';
export { Generator, checkGenerator, rand, randn, randint, type RandomOptions } from './random.ts';
export {
  tensor, scalar, full, zeros, ones, zerosLike, onesLike, fullLike, arange, linspace, eye, fromHost,
  type NestedArray, type TensorOptions, type DTypeOption,
} from './ops/create.ts';
export { unary, binary, where, clamp, broadcastView } from './ops/elementwise.ts';
export { concat, stack, gather, indexSelect, indexVector, scatterAdd, oneHot } from './ops/indexing.ts';
export { matmul, dot, outer } from './ops/linalg.ts';
export {
  sum, mean, prod, max, min, argmax, argmin, maxWithIndices, minWithIndices, logsumexp, softmax, logSoftmax,
  variance, std,
} from './ops/reduce.ts';
export { reshape, view, flatten, permute, transpose, squeeze, unsqueeze, expand, slice, narrow, contiguous, shapeArgs } from './ops/views.ts';
import './cpu/backend.ts';
export { kernelsCompiled } from './cpu/scalar.ts';
import './wasm/backend.ts';
export { wasmPool } from './wasm/backend.ts';
export { disposeGpu, startWebgpu, GPU_MODES, type GpuBackend, type GpuMode } from './gpu/index.ts';
