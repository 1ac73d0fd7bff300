/**
 * A toy language for the masked autoencoder: six-word sentences
 *
 *   <the|a> <animal> <its sound> <preposition> the <place>
 *
 * where the sound goes with the animal (dog barks, cat meows, bird sings, cow moos) and the
 * preposition with the place (on the roof, in the barn, under the tree, at the pond). A masked
 * word can be predicted from the visible ones exactly when its partner is visible, as in BERT
 * where the context tells which word is missing; the article and the pairs themselves are random.
 */
import { checkGenerator, checkTensor, type Generator, tensor, type Tensor } from '@gradschool/tensor';
import { checkCount } from '../../check.ts';

const MASK = '[mask]';
const ARTICLES = ['the', 'a'];
const ANIMALS = ['dog', 'cat', 'bird', 'cow'];
const SOUNDS = ['barks', 'meows', 'sings', 'moos'];
const PREPOSITIONS = ['on', 'in', 'under', 'at'];
const PLACES = ['roof', 'barn', 'tree', 'pond'];

/** Every token's text; index 0 is the mask token, which no sentence contains. */
export const TOY_VOCAB: readonly string[] = [MASK, ...ARTICLES, ...ANIMALS, ...SOUNDS, ...PREPOSITIONS, ...PLACES];
export const MASK_TOKEN = 0;
export const TOY_SENTENCE_LENGTH = 6;

const id = (word: string): number => TOY_VOCAB.indexOf(word);

/** n sentences as an int32 [n, 6] tensor of token ids. */
export function toyCorpus(n: number, generator: Generator): Tensor {
  checkCount('toyCorpus', 'n', n);
  checkGenerator('toyCorpus', generator);
  const ids = new Int32Array(n * TOY_SENTENCE_LENGTH);
  for (let i = 0; i < n; i++) {
    const animal = generator.int(0, ANIMALS.length);
    const place = generator.int(0, PLACES.length);
    const words = [ARTICLES[generator.int(0, ARTICLES.length)], ANIMALS[animal], SOUNDS[animal], PREPOSITIONS[place], 'the', PLACES[place]];
    ids.set(words.map(id), i * TOY_SENTENCE_LENGTH);
  }
  return tensor(ids, { shape: [n, TOY_SENTENCE_LENGTH] });
}

/** The words of one sentence (a 1-D tensor of ids). */
export function decodeTokens(ids: Tensor): string {
  checkTensor('decodeTokens', 'ids', ids);
  return Array.from(ids.data(), (i) => TOY_VOCAB[i] ?? `<${i}>`).join(' ');
}
