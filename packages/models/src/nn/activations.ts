/**
 * Nonlinearities as layers. Between two Linear layers they are what lets a network bend its
 * decision boundaries; each one's gradient is recorded by the autograd op it calls.
 */
import type { Variable } from '@gradschool/autograd';
import { Module } from './module.ts';
import { asVariable, type Input } from './parameter.ts';

/** max(0, x): passes positive inputs, zeroes the rest. */
export class ReLU extends Module {
  forward(x: Input): Variable { return asVariable(x, 'ReLU').relu(); }
  override toString(): string { return 'ReLU()'; }
}

/** 1 / (1 + e^-x): squashes to (0, 1), e.g. a probability. */
export class Sigmoid extends Module {
  forward(x: Input): Variable { return asVariable(x, 'Sigmoid').sigmoid(); }
  override toString(): string { return 'Sigmoid()'; }
}

/** tanh x = 2σ(2x) - 1: squashes to (-1, 1), centred on 0. */
export class Tanh extends Module {
  forward(x: Input): Variable { return asVariable(x, 'Tanh').tanh(); }
  override toString(): string { return 'Tanh()'; }
}

/** exp(x_i) / Σ_j exp(x_j) along `dim`: scores to probabilities that sum to 1. */
export class Softmax extends Module {
  readonly dim: number;
  constructor(dim = -1) { super(); this.dim = dim; }
  forward(x: Input): Variable { return asVariable(x, 'Softmax').softmax(this.dim); }
  override toString(): string { return `Softmax(dim=${this.dim})`; }
}

/**
 * x_i - log Σ_j exp(x_j) along `dim`: the log of softmax, computed without forming softmax,
 * so it stays finite where softmax would round to 0 (and its log to -inf).
 */
export class LogSoftmax extends Module {
  readonly dim: number;
  constructor(dim = -1) { super(); this.dim = dim; }
  forward(x: Input): Variable { return asVariable(x, 'LogSoftmax').logSoftmax(this.dim); }
  override toString(): string { return `LogSoftmax(dim=${this.dim})`; }
}
