// attack: submit the exercise file as a symbolic link to a pipe nobody writes to (on a grading machine: /dev/stdin of a grader started from a terminal, or fed by a pipe): whoever reads the file waits for ever
// exercise: 2.3
// link: week2/2.3-softmax.ts -> @fifo
//
// This file only says what the test does: it makes a named pipe beside the submission (standing
// in for /dev/stdin, which differs from machine to machine) and puts a link to it in place of
// week2/2.3-softmax.ts, then grades with the CLI in a child process, so that a grader stuck
// reading the pipe can be seen, released (the test opens the pipe and closes it) and stopped.
export {};
