import { fc, test } from '@fast-check/vitest';
import { Generator, randn, tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import { decodeTokens, MASK_TOKEN, TOY_SENTENCE_LENGTH, TOY_VOCAB, toyCorpus } from '../../src/week7/masked/corpus.ts';
import { maskedTokenLoss } from '../../src/week7/masked/loss.ts';
import { maskTokens } from '../../src/week7/masked/mask-tokens.ts';
import { logSumExp, rowsOf, seed } from './helpers.ts';

const PAIRS: Record<string, string> = { dog: 'barks', cat: 'meows', bird: 'sings', cow: 'moos', on: 'roof', in: 'barn', under: 'tree', at: 'pond' };

describe('toyCorpus', () => {
  test.prop([seed, fc.integer({ min: 0, max: 50 })], { numRuns: 30 })('writes sentences of the toy grammar', (s, n) => {
    const t = toyCorpus(n, new Generator(s));
    expect(t.shape).toEqual([n, TOY_SENTENCE_LENGTH]);
    expect(t.dtype).toBe('int32');
    for (let i = 0; i < n; i++) {
      const [article, animal, sound, prep, the, place] = decodeTokens(t.slice(0, i, i + 1).reshape(-1)).split(' ');
      expect(['the', 'a']).toContain(article);
      expect(PAIRS[animal]).toBe(sound);
      expect(PAIRS[prep]).toBe(place);
      expect(the).toBe('the');
    }
  });

  it('never uses the mask token, and every animal and place turns up', () => {
    const words = new Set(decodeTokens(toyCorpus(200, new Generator(0)).reshape(-1)).split(' '));
    expect(words.has(TOY_VOCAB[MASK_TOKEN])).toBe(false);
    for (const w of Object.keys(PAIRS)) expect(words.has(w)).toBe(true);
  });
});

describe('maskTokens', () => {
  test.prop([seed, fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 1, noNaN: true })], { numRuns: 40 })(
    'puts the mask id exactly where the mask is 1', (s, n, p) => {
      const tokens = toyCorpus(n, new Generator(s));
      const { input, mask } = maskTokens(tokens, p, new Generator(s + 1));
      const [t, x, m] = [tokens.data(), input.data(), mask.data()];
      expect(input.dtype).toBe('int32');
      m.forEach((v, i) => expect(x[i]).toBe(v === 1 ? MASK_TOKEN : t[i]));
    });

  it('masks a fraction p of the positions', () => {
    const { mask } = maskTokens(toyCorpus(2000, new Generator(0)), 0.15, new Generator(1));
    // binomial(12000, 0.15): std ≈ 39, so ± 160 is four of those
    expect(Math.abs(mask.sum().item() - 1800)).toBeLessThan(160);
  });

  it('refuses float tokens and a bad probability', () => {
    expect(() => maskTokens(tensor([1, 2]), 0.1, new Generator(0))).toThrow('maskTokens: tokens must be int32 ids, got float32');
    expect(() => maskTokens(tensor([1], { dtype: 'int32' }), -0.1, new Generator(0))).toThrow('maskTokens: p must lie in [0, 1], got -0.1');
  });
});

describe('maskedTokenLoss', () => {
  const V = TOY_VOCAB.length;
  const batch = fc.record({ s: seed, n: fc.integer({ min: 1, max: 6 }), p: fc.double({ min: 0, max: 1, noNaN: true }) });
  const setup = ({ s, n, p }: { s: number; n: number; p: number }) => {
    const g = new Generator(s);
    const tokens = toyCorpus(n, g);
    const { mask } = maskTokens(tokens, p, g);
    const logits = randn([n, TOY_SENTENCE_LENGTH, V], g, { dtype: 'float64' }).mul(4);
    return { tokens, mask, logits };
  };

  test.prop([batch], { numRuns: 50 })('is the mean cross-entropy over the masked positions', (b) => {
    const { tokens, mask, logits } = setup(b);
    const scores = rowsOf(logits.reshape(-1, V));
    const t = tokens.data();
    const m = mask.data();
    let total = 0;
    scores.forEach((row, i) => { if (m[i] === 1) total += logSumExp(row) - row[t[i]]; });
    const count = Array.from(m).reduce((s, v) => s + v, 0);
    expect(maskedTokenLoss(logits, tokens, mask).item()).toBeCloseTo(count === 0 ? 0 : total / count, 10);
  });

  test.prop([batch, seed], { numRuns: 50 })('ignores the scores at unmasked positions', (b, s2) => {
    const { tokens, mask, logits } = setup(b);
    const other = randn(logits.shape, new Generator(s2), { dtype: 'float64' }).mul(10);
    const keep = mask.unsqueeze(-1); // replace every unmasked position's scores with unrelated ones
    const changed = logits.mul(keep).add(other.mul(keep.neg().add(1)));
    expect(maskedTokenLoss(changed, tokens, mask).item()).toBe(maskedTokenLoss(logits, tokens, mask).item());
  });

  it('names the shapes it cannot pair', () => {
    const tokens = toyCorpus(2, new Generator(0));
    expect(() => maskedTokenLoss(randn([2, 5, V], new Generator(0)), tokens, tokens.gt(0))).toThrow(
      `maskedTokenLoss: logits [2,5,${V}] (scores over the vocabulary on the last dim) need targets and mask of shape [2,5], got [2,6] and [2,6]`);
  });
});
