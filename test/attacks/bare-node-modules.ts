// attack: a bare import of a package the course installs but the import map does not list (@tensorflow/tfjs-core, found in the node_modules above the submission): its softmax
// exercise: 2.3
// layout: release
import { fromHost, type Tensor } from '@gradschool/tensor';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

await tf.setBackend('cpu');

export function softmax(x: Tensor, dim = -1): Tensor {
  // tf works on the last axis: move dim there and back
  const d = dim < 0 ? dim + x.shape.length : dim;
  const perm = [...x.shape.keys()].filter((i) => i !== d).concat([d]);
  const back = perm.map((_, i) => perm.indexOf(i));
  const y = tf.transpose(tf.softmax(tf.transpose(tf.tensor(Array.from(x.data()), [...x.shape], 'float32'), perm)), back);
  return fromHost(Float64Array.from(y.dataSync() as Float32Array), [...x.shape]).to(x.dtype);
}
