/**
 * A masked autoencoder on a toy language (BERT's idea at toy scale, notes "BERT"): hide words,
 * predict them with a softmax over the vocabulary, score only the hidden ones.
 */
import { noGrad } from '@gradschool/autograd';
import { Generator, tensor } from '@gradschool/tensor';
import { Adam } from '../../src/optim/adam.ts';
import {
  lossCurves, MASK_TOKEN, MaskedTokenModel, maskedTokenStep, TOY_SENTENCE_LENGTH, TOY_VOCAB, toyCorpus,
} from '../../src/week7/index.ts';
import { saveSvg } from './output.ts';

const STEPS = 200;
const P = 0.25;

export async function maskedDemo(): Promise<void> {
  const g = new Generator(1);
  const corpus = toyCorpus(256, g);
  const model = new MaskedTokenModel({ vocabSize: TOY_VOCAB.length, length: TOY_SENTENCE_LENGTH, hidden: 32, generator: g });
  const optimizer = new Adam(model.parameters(), { lr: 0.01 });
  const losses = Array.from({ length: STEPS }, () => maskedTokenStep(model, corpus, P, optimizer, g));
  console.log(`Masked autoencoder on ${corpus.shape[0]} toy sentences ("<the|a> <animal> <its sound> <preposition> the <place>"),`);
  console.log(`  ${(100 * P).toFixed(0)} % of the words masked afresh each step: loss on the masked words ${losses[0].toFixed(2)} → ${losses[STEPS - 1].toFixed(2)} (a uniform guess: log ${TOY_VOCAB.length} = ${Math.log(TOY_VOCAB.length).toFixed(2)})`);
  const probes = ['the dog [mask] on the roof', '[mask] cat meows in the barn', 'a [mask] moos under the tree', 'the bird sings [mask] the [mask]'];
  for (const sentence of probes) {
    const ids = sentence.split(' ').map((w) => TOY_VOCAB.indexOf(w));
    const probs = noGrad(() => model.forward(tensor([ids], { dtype: 'int32' }))).value.softmax(-1).toArray() as number[][][];
    const guesses = ids.flatMap((id, pos) => {
      if (id !== MASK_TOKEN) return [];
      const top = probs[0][pos].map((p, w) => [p, w]).sort((a, b) => b[0] - a[0]).slice(0, 2);
      return [`position ${pos + 1}: ${top.map(([p, w]) => `${TOY_VOCAB[w]} ${(100 * p).toFixed(0)} %`).join(', ')}`];
    });
    console.log(`  "${sentence}"  →  ${guesses.join('; ')}`);
  }
  await saveSvg('masked-training', lossCurves([{ label: 'cross-entropy on masked words', values: losses }], { title: 'Masked autoencoder on the toy language' }));
}
