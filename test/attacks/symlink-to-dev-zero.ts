// attack: submit the exercise file as a symbolic link to /dev/zero (git keeps links): whoever reads the file reads for ever, holding all it has read
// exercise: 2.4
// link: week2/2.4-log-softmax.ts -> /dev/zero
export {};
