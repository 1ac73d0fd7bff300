/** Colours the week-7 pages share with the week-7 demo (packages/models/demo/week7/output.ts). */

/** Training data on an energy map. */
export const DATA_COLOUR = '#e377c2';
/** K-means prototypes, the columns of W. */
export const PROTOTYPE_COLOUR = '#d62728';
