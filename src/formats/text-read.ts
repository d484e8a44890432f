/**
 * Plain text: tab-separated tables as converters write them from the official documents (the
 * seed's form: titles on lines of their own, header rows repeated per page), and CSV.
 */
import { parse } from 'csv-parse/sync';
import type { ReadFailure } from './errors.js';
import { MAX_COLUMNS } from '../shared/limits.js';
import { ReadLimitError } from './errors.js';
import { scanText } from './scan.js';
import type { SourceBlock } from './source.js';

export type Decoded = { ok: true; text: string } | { ok: false; failure: ReadFailure };

/** UTF-8 (with or without BOM) or UTF-16 with BOM; anything else is refused, not guessed. */
export function decodeText(bytes: Uint8Array): Decoded {
  let encoding = 'utf-8';
  let start = 0;
  if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    start = 2;
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    start = 2;
  } else if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    start = 3;
  }
  let text: string;
  try {
    text = new TextDecoder(encoding, { fatal: true }).decode(bytes.subarray(start));
  } catch {
    return { ok: false, failure: { code: looksBinary(bytes) ? 'binary' : 'not-utf8' } };
  }
  if (hasControlCharacters(text.slice(0, 65536))) return { ok: false, failure: { code: 'binary' } };
  return { ok: true, text: text.normalize('NFC') };
}

/** Text files hold tabs and line breaks, never NUL or the other C0 control characters. */
function hasControlCharacters(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0b && c !== 0x0c && c !== 0x0d) return true;
  }
  return false;
}

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 4096);
  return sample.some((b) => b < 9);
}

export function isTabSeparated(text: string): boolean {
  return text.slice(0, 200_000).includes('\t');
}

/**
 * Tab-separated text as converters write it: no quoting at all (a cell may hold an unbalanced '"'),
 * one row per line. A line without a tab is free text (a title, a note).
 */
export function readTabSeparated(text: string): SourceBlock[] {
  scanText(text, '\t', true);
  return text.split(/\r\n|\r|\n/).map((line, i) => {
    const location = { line: i + 1 };
    if (!line.includes('\t')) return { kind: 'text', text: line, location };
    return { kind: 'row', cells: line.split('\t').map((t) => ({ text: t })), location };
  });
}

/** CSV with quoted cells (which may hold separators and line breaks); the delimiter guessed unless given. */
export function readCsv(text: string, delimiter = guessCsvDelimiter(text)): SourceBlock[] {
  scanText(text, delimiter, false);
  const records = parse(text, {
    delimiter,
    quote: '"',
    relax_quotes: true,
    relax_column_count: true,
    skip_empty_lines: false,
    info: true,
  }) as unknown as { record: string[]; info: { lines: number } }[];
  return records.map(({ record, info }) => {
    // info.lines is where the record ends; a quoted cell may span lines
    const spanned = record.reduce((n, cell) => n + (cell.match(/\r\n|\r|\n/g)?.length ?? 0), 0);
    const location = { line: info.lines - spanned };
    if (record.length > MAX_COLUMNS) {
      throw new ReadLimitError({
        name: 'columns',
        max: MAX_COLUMNS,
        at: { ...location, column: MAX_COLUMNS + 1 },
      });
    }
    if (record.length <= 1) return { kind: 'text', text: record[0] ?? '', location };
    return { kind: 'row', cells: record.map((t) => ({ text: t })), location };
  });
}

/** Spreadsheets saved as CSV in a Vietnamese locale separate with ";". */
function guessCsvDelimiter(text: string): string {
  const sample = text.split(/\r?\n/, 30).join('\n');
  const count = (ch: string) => sample.split(ch).length - 1;
  return count(';') > count(',') ? ';' : ',';
}
