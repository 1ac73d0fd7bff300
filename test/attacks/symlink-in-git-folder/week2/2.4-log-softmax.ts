// attack: re-export the reference through a symbolic link kept inside the submission's .git folder, which a walk for links may skip
// exercises: 2.4
// link: .git/hooks/answers.ts -> solutions/week2/2.4-log-softmax.ts
export * from '../.git/hooks/answers.ts';
