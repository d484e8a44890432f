/**
 * Cell text clean-up shared by every reader: HTML markup left by converters becomes plain lines
 * (never kept as HTML), inline "- " lists become one line per item.
 */
import { Parser } from 'htmlparser2';
import { cleanLines } from '../core/text.js';

const MARKUP =
  /<\/?(?:ul|ol|li|p|br|div|span|b|strong|i|em|u|font|sup|sub|table|tr|td|th|tbody|thead)\b[^>]*>/i;
const BLOCK = new Set(['p', 'div', 'li', 'br', 'tr', 'ul', 'ol', 'table']);

export interface PlainText {
  text: string;
  /** tag names that were removed, in order of first appearance */
  tags: string[];
}

/** Strips HTML markup from a cell: list items become "- " lines, blocks become lines. */
export function markupToText(input: string): PlainText {
  if (!MARKUP.test(input)) return { text: input, tags: [] };
  const tags: string[] = [];
  let out = '';
  const parser = new Parser(
    {
      onopentag(name) {
        if (!tags.includes(name)) tags.push(name);
        if (BLOCK.has(name)) out += '\n';
        if (name === 'li') out += '- ';
      },
      ontext(text) {
        out += text;
      },
      onclosetag(name) {
        if (BLOCK.has(name)) out += '\n';
      },
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(input);
  parser.end();
  return { text: cleanLines(out), tags };
}

/**
 * "… như sau: - Thực hiện A. - Thực hiện B." → three lines. A dash starts an item only at the start
 * of the text or after the end of a sentence, so "Văn hóa - Thông tin" and "kinh tế - xã hội" stay.
 */
export function splitInlineBullets(text: string): string {
  return cleanLines(
    text
      .split('\n')
      .map((line) => line.replace(/(?<=[.;:!?…])\s+-\s+/gu, '\n- ').replace(/^-(?=\S)/, '- '))
      .join('\n'),
  );
}
