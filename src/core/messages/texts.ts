/** The shapes every part of the catalog shares. */
import type { Lang } from '../findings.js';

/** A word or number put into a message as it is. */
export type Word = string | number;
/** The parameters of a message that takes none. */
export type None = Record<string, never>;
/** A message's Vietnamese and English text from its parameters. */
export type Texts<P> = Record<Lang, (p: P) => string>;
/** Each code of a parameter map with its texts. */
export type TextsOf<M> = { [C in keyof M]: Texts<M[C]> };
