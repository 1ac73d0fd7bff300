export * from '../node_modules/ref.ts';
