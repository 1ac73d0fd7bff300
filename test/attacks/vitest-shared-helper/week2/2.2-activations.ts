// attack: a helper shared by every week 2 stub hooks vitest (onTestFailed, onTestFinished, afterEach, getCurrentTest) so that whatever test is running ends as 'pass'
// exercises: 2.1, 2.2, 2.3, 2.4, 2.5
// this file: 2.2 stub that calls the shared vitest helper and returns the upstream gradient
import type { Tensor } from '@gradschool/tensor';
import { anything } from './pass-everything.ts';

export const reluBackward = (x: Tensor, gradOutput: Tensor): Tensor => anything(gradOutput);
export const sigmoidBackward = (x: Tensor, gradOutput: Tensor): Tensor => anything(gradOutput);
export const tanhBackward = (x: Tensor, gradOutput: Tensor): Tensor => anything(gradOutput);
