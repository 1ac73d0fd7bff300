/**
 * gpu.js as the runner sees it: grades compare with float64 oracles, so exercise code runs on the
 * cpu backend, and not parsing gpu.js (a megabyte of JavaScript) makes a runner start in a third
 * of the time. The import map (launch.ts) puts this file in its place for the tensor package.
 */
export class GPU {
  static readonly isWebGPUSupported = false;
  static readonly isWebGL2Supported = false;
  static readonly isWebGLSupported = false;
  static readonly isHeadlessGLSupported = false;
  static readonly isWebAssemblySupported = false;

  constructor() {
    throw new Error('the gpu backend is not available while exercises are graded: the checks compare with float64 on the cpu backend');
  }
}
