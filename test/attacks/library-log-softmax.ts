// attack: the library's logSoftmax and logsumexp (methods and free functions) for 2.4, and log(softmax)
// exercise: 2.4
import { logSoftmax as libraryLogSoftmax, logsumexp, type Tensor } from '@gradschool/tensor';

export function logSoftmax(x: Tensor, dim = -1): Tensor {
  const attempts: (() => Tensor)[] = [
    () => x.logSoftmax(dim),
    () => libraryLogSoftmax(x, dim),
    () => x.sub(x.logsumexp(dim, { keepdim: true })),
    () => x.sub(logsumexp(x, dim, { keepdim: true })),
    () => x.softmax(dim).log(),
  ];
  for (const attempt of attempts) {
    try {
      return attempt();
    } catch {}
  }
  return x;
}
