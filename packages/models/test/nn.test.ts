import { fc, test } from '@fast-check/vitest';
import { parameter, Variable, variable } from '@gradschool/autograd';
import { Generator, randn, tensor, type Tensor } from '@gradschool/tensor';
import { describe, expect, it } from 'vitest';
import {
  Dropout, fans, gain, kaimingNormal, kaimingUniform, Linear, linearDefault, LogSoftmax, Module, Parameter, ReLU, Sequential,
  Sigmoid, Softmax, Tanh, xavierNormal, xavierUniform,
} from '../src/index.ts';

const seed = fc.integer({ min: 0, max: 2 ** 31 - 1 });
const flat = (t: Tensor | Variable): number[] => Array.from(t.data());

/** Sample mean and variance in float64. */
function moments(values: number[]): { mean: number; variance: number } {
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  return { mean, variance: values.reduce((a, b) => a + (b - mean) ** 2, 0) / values.length };
}

class Heads extends Module {
  readonly scale = new Parameter(tensor([2]));
  readonly trunk: Sequential;
  readonly heads: Linear[];
  constructor(gen: Generator) {
    super();
    this.trunk = new Sequential(new Linear(3, 4, { generator: gen }), new Dropout(0.5, gen));
    this.heads = [new Linear(4, 1, { generator: gen, bias: false }), new Linear(4, 2, { generator: gen })];
  }
  forward(x: Tensor): Variable {
    const h = this.trunk.forward(x);
    return this.heads[1].forward(h).sum().add(this.heads[0].forward(h).sum()).mul(this.scale);
  }
}

describe('Module bookkeeping', () => {
  it('names parameters by path: own fields first, then children, Sequential and arrays by index', () => {
    const model = new Heads(new Generator(0));
    expect(model.namedParameters().map(([name, p]) => [name, p.shape])).toEqual([
      ['scale', [1]], ['trunk.0.weight', [4, 3]], ['trunk.0.bias', [4]], ['heads.0.weight', [1, 4]], ['heads.1.weight', [2, 4]], ['heads.1.bias', [2]],
    ]);
    expect(model.parameters().every((p) => p instanceof Parameter && p.requiresGrad)).toBe(true);
    expect(new Sequential(new Linear(2, 5, { generator: new Generator(0) }), new ReLU(), new Linear(5, 3, { generator: new Generator(0) }))
      .namedParameters().map(([n]) => n)).toEqual(['0.weight', '0.bias', '2.weight', '2.bias']);
  });

  it("finds autograd's parameter(...) fields too, but not constants or results of ops", () => {
    class Mixed extends Module<[], Variable> {
      readonly w = parameter([1, 2]);
      readonly constant = variable([3, 4]);
      readonly made = parameter([5]).mul(2);
      forward(): Variable { return this.w.sum(); }
    }
    const model = new Mixed();
    expect(model.namedParameters().map(([n]) => n)).toEqual(['w']);
    model.forward().backward();
    expect(flat(model.parameters()[0].grad!)).toEqual([1, 1]);
  });

  it('switches train/eval mode all the way down', () => {
    const model = new Heads(new Generator(0));
    const dropout = model.trunk.layers[1];
    model.eval();
    expect([model.training, model.trunk.training, dropout.training, model.heads[0].training]).toEqual([false, false, false, false]);
    model.train();
    expect([model.training, dropout.training, model.heads[1].training]).toEqual([true, true, true]);
  });

  it('zeroGrad clears what backward accumulated', () => {
    const model = new Heads(new Generator(1));
    model.forward(randn([5, 3], new Generator(2))).backward();
    expect(model.parameters().every((p) => p.grad !== null)).toBe(true);
    model.zeroGrad();
    expect(model.parameters().every((p) => p.grad === null)).toBe(true);
  });

  test.prop([seed, fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), fc.integer({ min: 1, max: 4 })], { numRuns: 25 })(
    'a state dict saved as JSON loads into a fresh model, which then computes the same thing', (s, inF, hidden, outF) => {
      const make = (g: Generator) => new Sequential(new Linear(inF, hidden, { generator: g }), new Tanh(), new Linear(hidden, outF, { generator: g }));
      const trained = make(new Generator(s));
      const fresh = make(new Generator(s + 1));
      fresh.loadStateDict(JSON.parse(JSON.stringify(trained.stateDict())));
      const x = randn([3, inF], new Generator(s + 2));
      expect(flat(fresh.forward(x))).toEqual(flat(trained.forward(x)));
      trained.namedParameters().forEach(([, p], i) => expect(flat(fresh.parameters()[i])).toEqual(flat(p)));
    });

  it('refuses a state dict that does not fit, naming the parameters', () => {
    const g = new Generator(0);
    const model = new Sequential(new Linear(2, 3, { generator: g }));
    const state = model.stateDict();
    const { ['0.bias']: _, ...missing } = state;
    expect(() => model.loadStateDict({ ...missing, extra: state['0.bias'] })).toThrow(
      'loadStateDict: the state does not fit this model (missing: 0.bias; unexpected: extra)');
    const other = new Sequential(new Linear(2, 4, { generator: g })).stateDict();
    expect(() => model.loadStateDict(other)).toThrow("loadStateDict: '0.weight' is [3,2] float32 in the model but [4,2] float32 with 8 values in the state");
    // Nothing was half loaded.
    expect(flat(model.parameters()[0])).toEqual(state['0.weight'].data);
  });
});

describe('Linear', () => {
  const dims = fc.integer({ min: 1, max: 5 });
  test.prop([seed, fc.array(fc.integer({ min: 1, max: 3 }), { minLength: 0, maxLength: 2 }), dims, dims, fc.boolean()], { numRuns: 40 })(
    'computes x Wᵀ + b over leading batch dims, with the gradients of the closed form', (s, batch, inF, outF, bias) => {
      const gen = new Generator(s);
      const layer = new Linear(inF, outF, { generator: gen, bias, dtype: 'float64' });
      const x = randn([...batch, inF], gen, { dtype: 'float64' });
      const y = layer.forward(x);
      expect(y.shape).toEqual([...batch, outF]);
      const [W, b, X] = [layer.weight.toArray() as number[][], layer.bias ? flat(layer.bias) : null, flat(x)];
      const rows = X.length / inF;
      const expected: number[] = [];
      for (let r = 0; r < rows; r++) {
        for (let o = 0; o < outF; o++) {
          expected.push(W[o].reduce((acc, w, i) => acc + w * X[r * inF + i], b ? b[o] : 0));
        }
      }
      flat(y).forEach((v, i) => expect(Math.abs(v - expected[i])).toBeLessThan(1e-12));
      // L = Σ y: dL/dW[o][i] = Σ_rows x[r][i], dL/db[o] = rows.
      y.sum().backward();
      const colSums = Array.from({ length: inF }, (_, i) => Array.from({ length: rows }, (_, r) => X[r * inF + i]).reduce((a, c) => a + c, 0));
      (layer.weight.grad!.toArray() as number[][]).forEach((row) => row.forEach((g, i) => expect(Math.abs(g - colSums[i])).toBeLessThan(1e-12)));
      if (layer.bias) expect(flat(layer.bias.grad!)).toEqual(new Array(outF).fill(rows));
    });

  it('initialises like PyTorch: weight and bias within ±1/√in', () => {
    const layer = new Linear(16, 200, { generator: new Generator(3) });
    for (const p of layer.parameters()) expect(flat(p).every((v) => Math.abs(v) <= 0.25)).toBe(true);
    expect(Math.max(...flat(layer.weight).map(Math.abs))).toBeGreaterThan(0.24);
  });

  it('says how many features it wanted', () => {
    const layer = new Linear(2, 3, { generator: new Generator(0) });
    expect(() => layer.forward(tensor([[1, 2, 3]]))).toThrow('Linear(2, 3): input of shape [1,3] must have 2 features in its last dim');
    expect(() => new Linear(-1, 3, { generator: new Generator(0) })).toThrow('Linear: inFeatures must be an integer >= 0, got -1');
  });
});

describe('initializers', () => {
  it("use PyTorch's gains and fans", () => {
    expect(gain('linear')).toBe(1);
    expect(gain('sigmoid')).toBe(1);
    expect(gain('tanh')).toBeCloseTo(5 / 3, 15);
    expect(gain('relu')).toBeCloseTo(Math.SQRT2, 15);
    expect(gain('leakyRelu', 0.2)).toBeCloseTo(Math.sqrt(2 / 1.04), 15);
    expect(fans([8, 3, 5, 5])).toEqual({ fanIn: 75, fanOut: 200 });
    expect(() => fans([4])).toThrow('fans: a weight needs at least 2 dims [out, in, ...], got shape [4]');
  });

  // 200·150 = 30000 draws: the sample variance has a relative standard error under 1 %, so 5 % is
  // over 6 of them; the mean gets 6 standard errors too, which a correct initializer exceeds once in
  // 500 million draws (4 failed a stress run: once in 16 000, too often for seeds that change every run).
  // A wrong fan (150 for 350) moves the variance by 2.3x, a wrong gain or bound by far more than 5 %.
  const shape = [200, 150];
  const cases: [string, (g: Generator) => Tensor, number, number | null][] = [
    ['kaimingNormal relu', (g) => kaimingNormal(shape, g), 2 / 150, null],
    ['kaimingUniform tanh fanOut', (g) => kaimingUniform(shape, g, { nonlinearity: 'tanh', mode: 'fanOut' }), (5 / 3) ** 2 / 200, Math.sqrt(3) * (5 / 3) / Math.sqrt(200)],
    ['xavierNormal', (g) => xavierNormal(shape, g), 2 / 350, null],
    ['xavierUniform gain 2', (g) => xavierUniform(shape, g, { gain: 2 }), 4 * 2 / 350, 2 * Math.sqrt(6 / 350)],
    ['linearDefault', (g) => linearDefault(shape, g), 1 / (3 * 150), 1 / Math.sqrt(150)],
  ];
  for (const [name, init, variance, bound] of cases) {
    test.prop([seed], { numRuns: 3 })(`${name} has the intended spread, reproducibly`, (s) => {
      const values = flat(init(new Generator(s)));
      const m = moments(values);
      expect(Math.abs(m.mean)).toBeLessThan(6 * Math.sqrt(variance / values.length));
      expect(Math.abs(m.variance / variance - 1)).toBeLessThan(0.05);
      if (bound !== null) expect(values.every((v) => Math.abs(v) <= bound * (1 + 1e-6))).toBe(true);
      expect(flat(init(new Generator(s)))).toEqual(values);
    });
  }
});

describe('activations', () => {
  const values = fc.array(fc.double({ min: -30, max: 30, noNaN: true }), { minLength: 1, maxLength: 12 });
  const cases: [string, Module, (x: number) => number, (x: number) => number][] = [
    ['ReLU', new ReLU(), (x) => Math.max(0, x), (x) => (x > 0 ? 1 : 0)],
    ['Sigmoid', new Sigmoid(), (x) => 1 / (1 + Math.exp(-x)), (x) => Math.exp(-x) / (1 + Math.exp(-x)) ** 2],
    ['Tanh', new Tanh(), Math.tanh, (x) => 1 - Math.tanh(x) ** 2],
  ];
  for (const [name, layer, f, df] of cases) {
    test.prop([values], { numRuns: 30 })(`${name} and its derivative match the closed form`, (xs) => {
      const x = new Variable(tensor(xs, { dtype: 'float64' }), { requiresGrad: true });
      const y = layer.forward(x);
      y.sum().backward();
      flat(y).forEach((v, i) => expect(Math.abs(v - f(xs[i]))).toBeLessThan(1e-12));
      flat(x.grad!).forEach((g, i) => expect(Math.abs(g - df(xs[i]))).toBeLessThan(1e-12));
    });
  }

  const rows = fc.integer({ min: 1, max: 5 }).chain((k) => fc.array(fc.array(fc.double({ min: -500, max: 500, noNaN: true }), { minLength: k, maxLength: k }), { minLength: 1, maxLength: 4 }));
  test.prop([rows], { numRuns: 40 })('Softmax rows are probabilities and LogSoftmax is their log, finite even for scores of ±500', (m) => {
    const x = tensor(m, { dtype: 'float64' });
    const p = new Softmax(1).forward(x).toArray() as number[][];
    const logp = new LogSoftmax(1).forward(x).toArray() as number[][];
    m.forEach((row, i) => {
      const top = Math.max(...row);
      const lse = top + Math.log(row.reduce((a, v) => a + Math.exp(v - top), 0));
      expect(Math.abs(p[i].reduce((a, b) => a + b, 0) - 1)).toBeLessThan(1e-12);
      // float64, values up to 500 in magnitude: 1e-12 relative.
      row.forEach((v, j) => expect(Math.abs(logp[i][j] - (v - lse))).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(v - lse))));
    });
  });
});

describe('Dropout', () => {
  test.prop([seed, fc.double({ min: 0.05, max: 0.95, noNaN: true })], { numRuns: 15 })(
    'in training, zeroes about p of the units and scales the rest by 1/(1-p); gradients follow the mask', (s, p) => {
      const x = new Variable(randn([40, 50], new Generator(s), { dtype: 'float64' }).add(3), { requiresGrad: true });
      const layer = new Dropout(p, new Generator(s + 1));
      const y = layer.forward(x);
      y.sum().backward();
      const [xs, ys, gs] = [flat(x), flat(y), flat(x.grad!)];
      let dropped = 0;
      ys.forEach((v, i) => {
        if (v === 0) {
          dropped++;
          expect(gs[i]).toBe(0);
        } else {
          expect(Math.abs(v - xs[i] / (1 - p))).toBeLessThan(1e-12 * Math.abs(v));
          expect(Math.abs(gs[i] - 1 / (1 - p))).toBeLessThan(1e-12);
        }
      });
      // 2000 Bernoulli(p) draws: 4 standard deviations is at most 4·√(0.25/2000) ≈ 0.045.
      expect(Math.abs(dropped / 2000 - p)).toBeLessThan(0.045);
    });

  it('passes the input through in evaluation mode and when p = 0, and zeroes all when p = 1', () => {
    const x = randn([3, 4], new Generator(0));
    expect(flat(new Dropout(0.5, new Generator(1)).eval().forward(x))).toEqual(flat(x));
    expect(flat(new Dropout(0, new Generator(1)).forward(x))).toEqual(flat(x));
    expect(flat(new Dropout(1, new Generator(1)).forward(x)).every((v) => v === 0)).toBe(true);
    expect(() => new Dropout(1.5, new Generator(1))).toThrow('Dropout: p must lie in [0, 1], got 1.5');
  });

  it('draws the same mask from the same seed', () => {
    const x = randn([6, 7], new Generator(0));
    expect(flat(new Dropout(0.3, new Generator(9)).forward(x))).toEqual(flat(new Dropout(0.3, new Generator(9)).forward(x)));
  });
});
