// attack: reach the op table's wiring (installMethods, registerPromotion) to rewire the library's methods
// exercise: 2.3
import { installMethods, registerPromotion, type Tensor } from '@gradschool/tensor';

for (const [name, wire] of [['installMethods', installMethods], ['registerPromotion', registerPromotion]] as const) {
  try {
    (wire as (...args: unknown[]) => unknown)({ is: () => false, lift: (t: unknown) => t }, () => undefined);
    console.log(`LEAK: ${name} ran`);
  } catch (e) {
    if (!(e instanceof Error && e.name === 'OffLimitsError')) console.log(`LEAK: ${name} threw ${String(e)}, not a refusal`);
  }
}

export function softmax(x: Tensor): Tensor {
  return x;
}
