// attack: re-export the reference through a symbolic link kept in the submission's own node_modules folder, which a walk for links may skip
// exercises: 2.3
// link: node_modules/answers/softmax.ts -> solutions/week2/2.3-softmax.ts
export * from '../node_modules/answers/softmax.ts';
