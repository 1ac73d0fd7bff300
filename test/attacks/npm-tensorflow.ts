// attack: another library's answer: TensorFlow.js (installed in node_modules for the course's GPU work) loaded as npm:@tensorflow/tfjs-core with its cpu backend, and its logSoftmax
// exercise: 2.4
import { fromHost, type Tensor } from '@gradschool/tensor';

const tf: any = await import('npm:@tensorflow/tfjs-core');
await import('npm:@tensorflow/tfjs-backend-cpu');
await tf.setBackend('cpu');

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  // tf works on the last axis: move dim there and back
  const d = dim < 0 ? dim + x.shape.length : dim;
  const perm = [...x.shape.keys()].filter((i) => i !== d).concat([d]);
  const back = perm.map((_, i) => perm.indexOf(i));
  const input = tf.transpose(tf.tensor(Array.from(x.data()), [...x.shape], 'float32'), perm);
  const y = tf.transpose(tf.logSoftmax(input), back);
  return fromHost(Float64Array.from(y.dataSync()), [...x.shape]).to(x.dtype);
}
