export * from '../a/b/c/d/e/f/g/h/i/ref.ts';
