/**
 * A masked autoencoder for short token sequences, BERT's idea at toy scale: read the whole
 * (partly masked) sentence, and at every position output a softmax over the vocabulary.
 */
import type { Variable } from '@gradschool/autograd';
import { checkGenerator, checkTensor, formatShape, type Generator, oneHot, ShapeError, type Tensor } from '@gradschool/tensor';
import { checkCount, checkOptions } from '../../check.ts';
import { ReLU } from '../../nn/activations.ts';
import { Linear } from '../../nn/linear.ts';
import { Module } from '../../nn/module.ts';
import { Sequential } from '../../nn/sequential.ts';

export interface MaskedTokenModelOptions {
  vocabSize: number;
  /** Tokens per sequence. */
  length: number;
  /** Width of the hidden layer (default 64). */
  hidden?: number;
  generator: Generator;
}

/**
 * One-hot tokens, all positions side by side [n, L·V] → hidden ReLU layer → scores [n, L, V].
 * Each position's scores can depend on every other position: that is how a masked word is
 * guessed from its context. (BERT does the same with attention layers instead of one MLP.)
 */
export class MaskedTokenModel extends Module<[Tensor], Variable> {
  readonly vocabSize: number;
  readonly length: number;
  readonly net: Sequential;

  constructor(opts: MaskedTokenModelOptions) {
    super();
    checkOptions('MaskedTokenModel', opts, 'new MaskedTokenModel({ vocabSize, length, generator: new Generator(seed) })');
    checkGenerator('MaskedTokenModel', opts.generator);
    this.vocabSize = checkCount('MaskedTokenModel', 'vocabSize', opts.vocabSize, 1);
    this.length = checkCount('MaskedTokenModel', 'length', opts.length, 1);
    const hidden = checkCount('MaskedTokenModel', 'hidden', opts.hidden ?? 64, 1);
    const width = this.length * this.vocabSize;
    this.net = new Sequential(
      new Linear(width, hidden, { generator: opts.generator }), new ReLU(), new Linear(hidden, width, { generator: opts.generator }),
    );
  }

  /** Token ids this model can read: int32 [n, L], each an id of the vocabulary; `op` is the name the caller wrote. */
  checkTokens(op: string, tokens: Tensor): void {
    checkTensor(op, 'tokens', tokens);
    if (tokens.ndim !== 2 || tokens.shape[1] !== this.length) {
      throw new ShapeError(`${op}: tokens must have shape [n, ${this.length}], got ${formatShape(tokens.shape)}`);
    }
    if (tokens.dtype !== 'int32') throw new TypeError(`${op}: tokens must be int32 ids, got ${tokens.dtype}`);
    const bad = tokens.data().find((t) => t < 0 || t >= this.vocabSize);
    if (bad !== undefined) throw new RangeError(`${op}: token ${bad} is not an id of the ${this.vocabSize}-word vocabulary (0..${this.vocabSize - 1})`);
  }

  /** Token ids [n, L] (int32, the mask token among them) → scores [n, L, V]. */
  forward(tokens: Tensor): Variable {
    this.checkTokens('MaskedTokenModel', tokens);
    const n = tokens.shape[0];
    const x = oneHot(tokens, this.vocabSize).reshape(n, this.length * this.vocabSize);
    return this.net.forward(x).reshape(n, this.length, this.vocabSize);
  }
}
