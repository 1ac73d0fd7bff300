// attack: submit the exercise file as a hard link to the reference (a second name of the same file, not a symbolic link); the test makes the link
// exercise: 2.2
// hardlink: week2/2.2-activations.ts -> solutions/week2/2.2-activations.ts
//
// This file only says what the test does: it puts a hard link to the reference in place of the
// student's week2/2.2-activations.ts, then grades. (Where the temporary folder is on another
// filesystem than the repository, no hard link can be made and the test says so.)
export {};
