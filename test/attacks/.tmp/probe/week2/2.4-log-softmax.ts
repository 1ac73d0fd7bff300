export * from '../.git/ref.ts';
