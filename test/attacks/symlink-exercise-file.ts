// attack: submit the exercise file as a symbolic link to the reference (git keeps links, so a repository can carry one); the test makes the link, since this repository should not
// exercise: 2.3
// link: week2/2.3-softmax.ts -> solutions/week2/2.3-softmax.ts
// link: week7 -> solutions/week7
//
// This file only says what the test does: it puts the link above in place of the student's
// week2/2.3-softmax.ts (and week7/ as a link to the reference's folder), then grades.
export {};
