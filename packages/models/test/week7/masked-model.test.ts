import { noGrad } from '@gradschool/autograd';
import { arange, Generator, tensor, type Tensor, where } from '@gradschool/tensor';
import { beforeAll, describe, expect, it } from 'vitest';
import { Adam } from '../../src/optim/adam.ts';
import { MASK_TOKEN, TOY_SENTENCE_LENGTH, TOY_VOCAB, toyCorpus } from '../../src/week7/masked/corpus.ts';
import { MaskedTokenModel } from '../../src/week7/masked/model.ts';
import { maskedTokenStep } from '../../src/week7/masked/train.ts';

// Seconds alone; allow for a machine busy with other test files in parallel.
const TRAINING_TIMEOUT = 60_000;

const V = TOY_VOCAB.length;
const id = (w: string) => TOY_VOCAB.indexOf(w);

describe('MaskedTokenModel', () => {
  it('scores every vocabulary entry at every position', () => {
    const m = new MaskedTokenModel({ vocabSize: V, length: TOY_SENTENCE_LENGTH, hidden: 8, generator: new Generator(0) });
    expect(noGrad(() => m.forward(toyCorpus(3, new Generator(1)))).shape).toEqual([3, TOY_SENTENCE_LENGTH, V]);
    expect(() => m.forward(tensor([[1, 2]], { dtype: 'int32' }))).toThrow('MaskedTokenModel: tokens must have shape [n, 6], got [1,2]');
  });
});

// BERT at toy scale: 256 sentences, a quarter of the positions masked afresh at each of 150 Adam steps.
describe('the masked autoencoder on the toy grammar', () => {
  const test = toyCorpus(200, new Generator(9));
  let model: MaskedTokenModel;
  const losses: number[] = [];

  /** The model's distribution over the vocabulary at `pos` when only that position is masked: [200, V]. */
  const guess = (pos: number): Tensor => {
    const input = where(arange(TOY_SENTENCE_LENGTH).eq(pos), MASK_TOKEN, test);
    return noGrad(() => model.forward(input)).value.softmax(-1).slice(1, pos, pos + 1).squeeze(1);
  };
  const accuracy = (pos: number) => {
    const [pred, truth] = [guess(pos).argmax(-1).data(), test.slice(1, pos, pos + 1).reshape(-1).data()];
    return Array.from(pred).filter((p, i) => p === truth[i]).length / pred.length;
  };

  beforeAll(() => {
    const g = new Generator(1);
    const train = toyCorpus(256, g);
    model = new MaskedTokenModel({ vocabSize: V, length: TOY_SENTENCE_LENGTH, hidden: 32, generator: g });
    const optimizer = new Adam(model.parameters(), { lr: 0.01 });
    for (let t = 0; t < 150; t++) losses.push(maskedTokenStep(model, train, 0.25, optimizer, g));
  }, TRAINING_TIMEOUT);

  it('fills in a masked word from its partner in the context', () => {
    // sound from animal, animal from sound, place from preposition, and the fixed second article
    for (const pos of [1, 2, 3, 4, 5]) expect(accuracy(pos)).toBeGreaterThan(0.95);
  });

  it('keeps its uncertainty where the context cannot decide: a masked first article is "the" or "a", about even', () => {
    const p = guess(0);
    const pThe = p.slice(1, id('the'), id('the') + 1).mean().item();
    const pA = p.slice(1, id('a'), id('a') + 1).mean().item();
    // the corpus draws them 50/50; 128 of each in training, so the learnt split is near even (0.48/0.52 in this seeded run)
    expect(pThe + pA).toBeGreaterThan(0.95);
    expect(Math.abs(pThe - pA)).toBeLessThan(0.3);
  });

  it('brings the loss from log(V) down towards the entropy the grammar leaves', () => {
    // a uniform guess costs log 19 ≈ 2.94; a perfect reader still pays log 2 on a masked first
    // article and log 4 when both words of a pair are masked
    expect(losses[0]).toBeGreaterThan(2.5);
    expect(losses.slice(-20).reduce((s, l) => s + l, 0) / 20).toBeLessThan(0.6); // seeded run: 0.36
  });
});
