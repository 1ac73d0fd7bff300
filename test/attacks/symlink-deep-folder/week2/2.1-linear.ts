// attack: re-export the reference through a symbolic link nine folders deep (vendor/…), deeper than a walk for links may look
// exercises: 2.1
// link: lib/vendor/@course/answers/dist/esm/week2/impl/v1/linear.ts -> solutions/week2/2.1-linear.ts
export * from '../lib/vendor/@course/answers/dist/esm/week2/impl/v1/linear.ts';
