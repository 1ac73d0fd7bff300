/**
 * Hints in steps, per exercise, for `npm run course -- hint <id>`: the first nudges toward the
 * idea, the last all but shows the formula. Written from the chapter guides (exercises/week2 and
 * week7 READMEs: each section's math, shapes, checks and "Hint" paragraph) and the course notes;
 * each exercise's policy in catalogue.ts is respected — no hint points to an off-limits library
 * function (2.3, 2.4, 7.2, 7.4 rebuild the softmax family) or to an import the exercise may not
 * use (autograd only in 7.6–7.9). The keys are exactly the ids of EXERCISES.
 */
export const HINTS: Readonly<Record<string, readonly string[]>> = Object.freeze({
  '2.1': [
    'A linear layer is one matrix product plus a bias added to every row; the guide\'s section 2.1 derives all three gradients from the chain rule, ∂L/∂z_in = ∂L/∂z_out · ∂z_out/∂z_in, where for one example the Jacobian ∂y/∂x is W itself. Start by writing the shapes: x [N, in], W [out, in], b [out], g = ∂L/∂y [N, out].',
    'Every gradient has the shape of what it is the gradient of: ∂L/∂x is [N, in] like x, ∂L/∂W is [out, in] like W, ∂L/∂b is [out] like b. The checks draw in ≠ out ≠ N, so a product with a wrong transpose fails at once instead of passing by luck on a square W.',
    'The forward pass is `x.matmul(weight.T)`, [N, out], then `.add(bias)`, which broadcasts b over the N rows. Because b was copied to every row, its gradient adds up what every row sent back: a sum of g over the batch axis, dim 0 — a sum, not a mean.',
    'The gradients are `gradOutput.matmul(weight)` ([N, out]·[out, in] = [N, in]), `gradOutput.T.matmul(x)` ([out, N]·[N, in] = [out, in]) and `gradOutput.sum(0)`. With N = 0 these same expressions give an empty ∂L/∂x and zero ∂L/∂W and ∂L/∂b, with no special case.',
  ],
  '2.2': [
    'All three activations are elementwise, so their Jacobians are diagonal and backprop is an elementwise product: ∂L/∂x = g ⊙ f′(x) (guide, section 2.2). The three functions share that form; only f′ changes, and the lecture\'s table of modules gives it.',
    'Two slips the checks catch: returning f′(x) alone, without multiplying by `gradOutput`, and reading x as the output. Each function receives the forward pass\'s *input* x, so `tanhBackward` must compute tanh(x) itself. Build a new tensor; never write into `gradOutput`.',
    'For ReLU, `x.gt(0)` is 1 where x > 0 and 0 elsewhere: it is the sign of x that gates the gradient, not the sign of g. For sigmoid, start from s = `x.sigmoid()`, which never overflows; e⁻ˣ is Infinity at x = −1000, and a formula built on it gives ∞/∞ = NaN.',
    'ReLU backward is `gradOutput.mul(x.gt(0))`. Sigmoid backward is g·s·(1 − s) with s = `x.sigmoid()`; tanh backward is g·(1 − t²) with t = `x.tanh()` (`t.square()` gives t²). At x = ±1000 both derivatives come out as plain 0.',
  ],
  '2.3': [
    'Softmax does not change when the same constant is added to every score of a line, because exp(c) cancels between numerator and denominator (guide, section 2.3). Use that freedom to make every exponent at most 0, so that nothing overflows; build it from `max`, `exp` and `sum` — the library\'s own softmax is what you are rebuilding.',
    'Subtract the maximum of each line along `dim` — of each line, not of the whole tensor: `[[1000, 999], [−1000, −1001]]` is always tried, and a global max makes the second line underflow to 0/0. `dim` may be negative; the library\'s reductions accept it as it is.',
    '`x.max(dim, { keepdim: true })` keeps the reduced axis with size 1, so subtracting it broadcasts back along the right axis; keep it for the sum in the denominator too. Without `keepdim`, an [N, C] tensor meets an [N] one and the axes line up wrongly — silently so when N = C.',
    'With m = `x.max(dim, { keepdim: true })`, let e = `x.sub(m).exp()`; the answer is e divided by `e.sum(dim, { keepdim: true })`. The largest entry of e is exp(0) = 1, so the denominator lies between 1 and the length of the line: never 0, never Infinity.',
  ],
  '2.4': [
    'Compute log-probabilities directly rather than as the log of your softmax: a probability below ~1e-308 rounds to 0, and log 0 = −Infinity where the true answer is an ordinary number like −1000 (guide, section 2.4). The tool is the log-sum-exp trick, built from `max`, `exp`, `sum` and `log`.',
    'With m the maximum of each line, log Σⱼ exp(xⱼ) = m + log Σⱼ exp(xⱼ − m). The largest term inside the log is exp(0) = 1, so the sum is at least 1 and its log is never −Infinity; nothing overflows either. Take m and the sum with `{ keepdim: true }` so that they broadcast along `dim`.',
    'The classic slip is to subtract m and forget to add it back, which leaves every line off by its own m. Two quick tests: logSoftmax([1000, 1000]) is [−log 2, −log 2], and logSoftmax([0, −1000]) must give [0, −1000] exactly.',
    'Let s = x − m, with m = `x.max(dim, { keepdim: true })`. Then logsoftmax(x) = s − log Σ exp(s), that is `s.sub(s.exp().sum(dim, { keepdim: true }).log())`: the m cancels, so there is nothing to add back when you subtract from s rather than from x.',
  ],
  '2.5': [
    'Softmax is not elementwise: each output of a line depends on every input, so its Jacobian along a line of length C is the C×C matrix ∂yᵢ/∂xⱼ = yᵢ(δᵢⱼ − yⱼ) (guide, section 2.5). Backprop needs only its product with g, and that product can be multiplied out by hand until no matrix is left.',
    'Both functions receive the forward pass\'s *output* y and g, of one shape, and may build nothing larger than y: a check notes the size of every tensor you make. So no [C, C] Jacobian, not even in plain arrays; one number per line, a sum along `dim` with `{ keepdim: true }`, is all the extra you need.',
    'Multiplying out Σᵢ gᵢ yᵢ(δᵢⱼ − yⱼ) gives y ⊙ (g − Σᵢ gᵢyᵢ). For logsoftmax, ∂yᵢ/∂xⱼ = δᵢⱼ − pⱼ with p = softmax(x) = exp(y), and the sum leaves g − p·Σᵢ gᵢ. Mind the index: g − Σᵢ gᵢpᵢ is the transposed Jacobian, and wrong; and use p = `y.exp()`, not the log-probabilities y.',
    'softmaxBackward is `y.mul(gradOutput.sub(gradOutput.mul(y).sum(dim, { keepdim: true })))`. logSoftmaxBackward is g − exp(y) ⊙ Σ g, with Σ g = `gradOutput.sum(dim, { keepdim: true })`. Use `dim` in both sums: always summing over the last axis fails the "along any dim" checks.',
  ],
  '2.6': [
    'Cross-entropy is the practicum\'s loss for classification: the negative log-probability of the right class, averaged over the batch (guide, section 2.6). Build it on your own work: import `logSoftmax` from `./2.4-log-softmax.ts`, and `softmax` from `./2.3-softmax.ts` for the gradient.',
    'logits is [N, C] and targets int32 [N]; the loss is a scalar tensor (shape []) and its gradient is [N, C], like logits. Take log-probabilities with your logSoftmax, not the log of softmax: crossEntropy([[0, −1000]], [1]) must be 1000, and log(softmax) gives Infinity there.',
    'To read logp[n][targetₙ] from every row, gather along dim 1 with the targets as a column: `logp.gather(1, targets.unsqueeze(1))` is [N, 1] (along dim 0 it reads the wrong entries). For the gradient, `oneHot(targets, C)` from `@gradschool/tensor` builds the rows you wanted.',
    'The loss is minus the mean of the gathered values: `logSoftmax(logits, 1).gather(1, targets.unsqueeze(1)).mean().neg()`. The gradient is (softmax(logits, 1) − oneHot(targets, C)) / N: predicted minus wanted, divided by N because the loss is a mean — not onehot − softmax, which points uphill.',
  ],
  '2.7': [
    'This is the lecture\'s generalised backprop on a graph of scalars (guide, section 2.7): each operation returns a new Value whose `children` are its operands and whose `backwardStep` adds `out.grad` times the local derivative into each child\'s `grad`. Start with `add` and `mul`, then follow the guide\'s table of local derivatives.',
    'Operands may be plain numbers (`a.sub(2)`, `a.div(4)`), so turn `other` into a Value before using it or calling its methods: `other instanceof Value ? other : new Value(other)`. Then neg, sub and div need no backward step of their own: −a = a·(−1), a − b = a + (−b), a/b = a·b⁻¹.',
    'Always accumulate with `+=`, never `=`: in x·x the same Value is both children and must receive both contributions. pow adds k·aᵏ⁻¹·`out.grad`; for exp and tanh the derivative comes from the output: eᵃ is `out.data`, and tanh′ is 1 − `out.data`², not 1 − a² of the input a.',
    '`topologicalSort` is a depth-first search that appends a node to the list after all its children, with a `Set` of visited nodes so that each is listed once, however many paths reach it. `backward()` sets `this.grad = 1`, then calls `backwardStep()` on that list from the end (the root) to the start.',
  ],
  '2.8': [
    'Two parts: an optimizer, then the practicum\'s training loop (guide, section 2.8). Momentum keeps one velocity per parameter, starting at 0: v ← μ·v + g, then p ← p − η·v. That is PyTorch\'s form, so the very first step is a plain gradient step p − η·g.',
    'Keep the velocities inside the optimizer between calls, in a `Map` keyed by parameter name: one per name, never one shared. Return new tensors from `mul`, `add` and `sub`. The checks reject the averaged v ← μ·v + (1 − μ)·g, which shrinks every step. `accuracy` is a fraction: `predictions.eq(targets).mean().item()`.',
    'For the loop, import your 2.1, 2.2 and 2.6. Initialise w1 [hidden, features] and w2 [classes, hidden] with `randn(shape, options.gen)` times √(2/fan-in), biases with `zeros`. Forward: h = linearForward(x, w1, b1), scores = linearForward(h.relu(), w2, b2); record `crossEntropy(scores, y).item()` before the update.',
    'Backward runs the forward in reverse: out = linearBackward(h.relu(), w2, crossEntropyBackward(scores, y)), then inner = linearBackward(x, w1, reluBackward(h, out.x)); then `optimizer.step(params, { w1: inner.weight, b1: inner.bias, w2: out.weight, b2: out.bias })`, `steps` times. predict is `scores.argmax(1)`.',
  ],
  '2.9': [
    'Three of the lecture\'s practical tricks, each a few lines (guide, section 2.9): standardise the inputs per feature, initialise by fan-in, and shuffle the examples into minibatches. Each is checked on its own, so take them one at a time.',
    'standardize works per column, along dim 0: μ = `x.mean(0)` and the population σ = `x.std(0, { correction: 0 })` (plain `x.std(0)` divides by N − 1). When `stats` is given, apply its mean and std unchanged — they come from the training set — and return the stats you used with the new x.',
    'A constant column has σ = 0: divide by `where(std.gt(0), std, 1)`, so that it becomes 0 rather than NaN, and return the real std. For heInit the shape is [fanOut, fanIn] and the variance 2/fanIn, set by the number of *inputs* — not 2/fanOut, nor Xavier\'s 2/(fanIn + fanOut).',
    'heInit is `randn([fanOut, fanIn], gen, { dtype: \'float64\' })` times √(2/fanIn). For minibatches, `gen.permutation(n)` draws a fresh order at every call; cut it into consecutive slices of batchSize, keeping the shorter last one, so every index appears once. Never `Math.random`. A shuffle of your own must be Fisher–Yates (for i from n − 1 down to 1, swap i with j = `gen.int(0, i + 1)`): sorting with a random comparator, or swapping each i with any j in 0…n − 1, favours some orders, and the check counts 40 000 shuffles of 4 to see it.',
  ],
  '7.1': [
    'K-means is the lecture\'s first latent-variable EBM: E(y, z) = ‖y − Wz‖² with z one-hot, so Wz is one column of W — the prototypes are W\'s k *columns* (guide, section 7.1). kmeansEnergy is the whole table, every point against every prototype; inference picks the smallest entry of each row.',
    'Shapes: y [n, d], W [d, k], the table [n, k]. The checks use d ≠ k, so reading W\'s rows as prototypes fails at once. The energy is the squared distance summed over the d coordinates: not its square root, and not a mean.',
    'Broadcasting builds every difference at once: `y.unsqueeze(2)` is [n, d, 1], and minus W [d, k] it becomes [n, d, k]; square it and sum over dim 1. The expanded form ‖y‖² − 2y·W + ‖W‖² with one `matmul` is right too, but can round to a tiny negative.',
    'kmeansEnergy is `y.unsqueeze(2).sub(w).square().sum(1)`. From that table E, kmeansInfer returns z = `E.argmin(1)` (int32, the index of the closest prototype) and energy = `E.min(1)`, the free energy F(y) = min_z E(y, z). `argmin` gives a single index even where prototypes tie.',
  ],
  '7.2': [
    'The free energy eliminates the latent by a soft minimum at inverse temperature β: F_β = −(1/β) log Σ_z exp(−βE), which lies between min E − log(K)/β and min E (guide, section 7.2). It is week 2\'s log-sum-exp turned around by the minus sign; build it from `min`, `exp`, `sum` and `log`, not the library\'s softmax family.',
    'As written, exp(−βE) underflows to 0 (and then log 0) or overflows to Infinity. Subtract the *minimum* of each line, m = `energies.min(dim, { keepdim: true })`, not the maximum as in softmax: the exponent is −βE, so the largest term comes from the smallest energy.',
    'β = Infinity must give exactly min E, but −β·(E − m) is −Infinity·0 = NaN where E = m: handle `beta === Infinity` first. Only that case: a large finite β is not the minimum yet (on [0, 0], F_β = −log 2/β). The reduced axis disappears, [n, K] giving [n]: squeeze `dim` at the end.',
    'F_β = m − (1/β) log Σ exp(−β(E − m)). The second term is `energies.sub(m).mul(-beta).exp().sum(dim, { keepdim: true }).log().div(beta)`; subtract it from m, then `.squeeze(dim)`. Check [0, 0] with β = 1: −log 2, below both energies.',
  ],
  '7.3': [
    'Lloyd\'s algorithm is coordinate descent on the mean free energy, which the notes find "better and faster" than gradient steps (guide, section 7.3). One step: fix W and choose every z with your 7.1 `kmeansInfer` (import it from `./7.1-kmeans.ts`); then fix z and move each prototype to the mean of the points that chose it.',
    'A prototype that no point chose has no mean (0/0) and keeps its place: not the origin, not NaN. In `kmeans`, record the mean free energy before the first step and after every step taken; stop as soon as a step leaves W unchanged, or after `maxSteps`. Return the z of the final W, not of the W the last step started from.',
    'Make the assignments a matrix: `oneHot(z, k).to(w.dtype)` is [n, k], so `y.T.matmul(onehot)` is [d, k], the sum of each prototype\'s points, and `onehot.sum(0)` [k] counts them. Then `where(counts.gt(0), sums.div(counts.maximum(1)), w)` divides only where there is something to divide.',
    'kmeans: energies starts as [mean F of W], with mean F = `kmeansInfer(y, w).energy.mean().item()`. Each step: next = lloydStep(y, w); moved = `next.ne(w).sum().item() > 0`; w = next; push mean F of w; break if nothing moved. At the end, z = `kmeansInfer(y, w).z`.',
  ],
  '7.4': [
    'The Gibbs distribution turns energies into probabilities, P(y) = exp(−βE(y)) / Σ_y′ exp(−βE(y′)): low energy, high probability. Maximum likelihood, the lecture\'s first contrastive method, minimises −(1/β) log P(Y) at the observed Y (guide, section 7.4). Mind the log: without it, neither the loss nor its gradient is right.',
    'gibbs is a softmax of −βE, and the library\'s softmax family is off limits here: build it from `exp` and `sum`, on E − min E as in 7.2, so every exponent is ≤ 0 and the sum is at least 1. The loss is L(Y) = E(Y) − F_β over all y, with F_β your 7.2 `freeEnergy` (import it from `./7.2-free-energy.ts`).',
    'energies is [n, G] and targets int32 [n]. `energies.gather(1, targets.unsqueeze(1))` reads E(Yₙ) from each row, [n, 1] (squeeze it to [n]); `freeEnergy(energies, beta, 1)` is [n]. The loss is the *mean* over the batch, a scalar, which is why the gradient carries a 1/n.',
    'gibbs: w = `energies.sub(energies.min(dim, { keepdim: true })).mul(-beta).exp()`, divided by `w.sum(dim, { keepdim: true })`. mlLossGradient is (onehot(Y) − P) / n: `oneHot(targets, G).to(energies.dtype)` minus `gibbs(energies, beta, 1)`, divided by n — down at the data, up everywhere by its probability.',
  ],
  '7.5': [
    'The denoising autoencoder finds where the energy must go up by corrupting the training points: "take a point y and corrupt it" (guide, section 7.5). Gaussian noise adds σε, ε ~ N(0, 1), to every entry; masking noise sets each entry to 0 with probability p and leaves the others exactly as they were.',
    'Every random number comes from `gen`: the same seed gives the same corruption, and each call draws fresh noise. So no `Math.random`, and no `new Generator(gen.seed)` inside the function, which replays the same noise at every call. Draw one number per *entry*, not per row: the checks measure the correlation between neighbours.',
    '`randn(y.shape, gen, { dtype })` and `rand(y.shape, gen, { dtype })` draw whole tensors at once. Their default dtype is float32, so pass `{ dtype: \'float64\' }` for the float64 y the checks send: the result keeps y\'s shape and dtype. Return a new tensor and leave y alone.',
    'corruptGaussian is `y.add(randn(y.shape, gen, …).mul(sigma))`. For the mask, `rand(y.shape, gen, …).ge(p)` is 1 with probability 1 − p — the entries to *keep* — so corruptMask is y multiplied by it (`.lt(p)` would keep each entry with probability p, the wrong way round).',
  ],
  '7.6': [
    'The practicum\'s autoencoder is two nn.Linear layers with a tanh after the first, and seen as an EBM its reconstruction error is an energy (guide, section 7.6). Everything here takes and returns autograd Variables, whose operations mirror the Tensor\'s: `matmul`, `.T`, `add`, `sub`, `tanh`, `square`, `sum`, `mean`.',
    'The weights have nn.Linear\'s layout, one row per output: W_enc is [code, input] and W_dec [input, code], so each layer multiplies by the *transpose*, x·Wᵀ; the checks use input ≠ code. The decoder\'s output stays linear, with no tanh, because our points live anywhere in the plane, not in [−1, 1].',
    'Build every result from the Variables\' own operations. Going through `.value` and wrapping the answer in a new `variable(...)` gives the right numbers but cuts the graph, so no gradient reaches the parameters — and the last check calls `backward()` and reads all four `.grad`s. The input counts too: starting from `x.value` (or `h.value`) leaves x out of the graph, and the encode and decode checks also read `x.grad` and `h.grad`, which descending the energy with respect to the data needs.',
    'encode is `x.matmul(params.encoderWeight.T).add(params.encoderBias).tanh()`; decode is the same with the decoder\'s weights and no tanh. The energy sums over the features, `y.sub(reconstruction).square().sum(1)`, [n]; the loss is its `.mean()` over the batch — not PyTorch\'s MSELoss, which also divides by the width.',
  ],
  '7.7': [
    'The notes\' recipe: take a point y and corrupt it, then train the encoder and decoder to reconstruct the *original* point from the corrupted one (guide, section 7.7). `daeStep` is one gradient step on your 7.6 loss with the noisy points as input and the clean ones as target: import `encode`, `decode` and the loss from `./7.6-autoencoder.ts`.',
    'In `daeStep`, make each of the four Tensors a leaf with `parameter(t)` and wrap the data with `variable(t)`, both from `@gradschool/autograd`. Compute the loss of clean against decode(encode(noisy)), call `loss.backward()`, and read each leaf\'s `.grad`; report `loss.item()`, the loss before the step.',
    'Every parameter moves against its gradient, the biases too: p.value − lr·p.grad, returned as plain Tensors. `daeEnergy` runs the same forward pass on y itself (no noise, no step) and returns the `.value` of your 7.6 reconstructionEnergy: ‖y − dec(enc(y))‖² per point, [n].',
    'trainDae: W_enc [hidden, input] and W_dec [input, hidden] are `randn(shape, options.gen)` times √(1/fan-in) (fan-in: input, then hidden), in clean\'s dtype; biases are zeros. Then `steps` times: noisy = `options.corrupt(clean, options.gen)` *inside* the loop, fresh noise for every step, then daeStep, keeping its loss.',
  ],
  '7.8': [
    'Contrastive divergence is "a smarter way to find the y point that we want to push up the energy for": give each training point a random kick, then move down the energy by gradient descent, and push up where the walk lands (guide, section 7.8). Three pieces: `descend`, `contrastivePoints` (a kick, then descend) and a hinge loss.',
    '`energy` maps a Variable [n, d] to n energies. Differentiate their *sum*: point i\'s energy depends only on point i, so the gradient of the sum with respect to row i is exactly its own gradient — the mean would shrink every step by n. Step downhill: y ← y − lr·∂E/∂y, `steps` times.',
    'From `@gradschool/autograd`, `grad((x) => energy(x).sum())` is a function from a Tensor to `[its gradient]`. For the kick, reuse your 7.5 `corruptGaussian(y, options.kick, gen)` (import it from `./7.5-corruption.ts`), then descend `options.steps` steps of `options.lr` from there.',
    'descend: slope = `grad((x) => energy(x).sum())`, then `steps` times x = `x.sub(slope(x)[0].mul(lr))`. contrastiveLoss is mean [m + E(y) − E(ȳ)]₊ on the Variables themselves, so it stays trainable: `positive.sub(negative).add(margin).relu().mean()` — E(y) with a plus, E(ȳ) with a minus.',
  ],
  '7.9': [
    'BERT is a denoising autoencoder for text: the corruption masks some of the words, and the model predicts them with a big softmax over the vocabulary (guide, section 7.9). Two functions: the corruption `maskTokens`, and a cross-entropy that counts the masked positions only.',
    'maskTokens hides each position independently with probability p — the share to hide, not to keep — drawn from `gen`: `rand(tokens.shape, gen).lt(p)` is the mask. `where(mask, maskId, tokens)` builds the new input and keeps int32; never write maskId into the tokens themselves, since the loss needs them as targets.',
    'The loss averages over the *masked* positions: visible ones contribute nothing (multiply by the mask), and the divisor is the number masked, not all positions. Use the stable `logSoftmax(-1)` of the Variable, since log of softmax gives −log 0 = Infinity. With nothing masked the loss is 0, not 0/0: divide by `Math.max(mask.sum().item(), 1)`.',
    '`logits.logSoftmax(-1).gather(-1, targets.unsqueeze(-1)).squeeze(-1)` is log P(target) at every position, [..., L]. Multiply it by the mask, sum, negate and divide by the count: `logProb.mul(mask).sum().neg().div(count)`, a scalar Variable whose gradient is (softmax − onehot)/count where masked.',
  ],
  '7.10': [
    'Here the latent is a real vector rather than a one-hot choice, so inference is a walk downhill on z instead of a search through a list (guide, section 7.10). E(y, z) = ‖y − Wz‖² + λ‖z‖² per example; you write the energy, its gradient by hand (no autograd in this exercise), and the walk.',
    'Write the shapes down: y [n, d], z [n, k], W [d, k]. Row-wise, Wz is `z.matmul(w.T)`, [n, d]; z·W only fits when d = k, and is the wrong product even then. Both terms of E are squared and summed along each row, so the energy is [n].',
    'Differentiate with care: ∂E/∂z = −2Wᵀ(y − Wz) + 2λz — keep both factors 2, the minus sign and the penalty\'s 2λz. Row-wise, the residual y − z·Wᵀ [n, d] times W is [n, k], like z. Walk from z0 by building a new z at each step, so that z0 stays as it was.',
    'latentEnergyGradient is `y.sub(z.matmul(w.T)).matmul(w).mul(-2).add(z.mul(2 * lambda))`. inferLatent: z = z0, then `steps` times z = z − lr·∂E/∂z, and return that z with `latentEnergy(y, w, z, lambda)` — the energy where the walk ended, not at z0.',
  ],
});
