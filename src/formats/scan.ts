/**
 * Counting before parsing. exceljs and mammoth build a whole model of a document before a reader
 * sees a cell, so the size of that model is decided here, from the XML itself: rows, cells, columns
 * and spans of every worksheet (hidden ones too: exceljs loads them all) or of the Word document's
 * tables. A file past a limit of src/shared/limits.ts is refused with ReadLimitError naming the
 * limit and where it was passed — in a few milliseconds, before any model is built.
 *
 * The XML is scanned as Latin-1 text: every tag and attribute looked at is ASCII, and the bytes of
 * any other text pass unchanged.
 */
import { MAX_CELLS, MAX_COLUMNS, MAX_DOCX_CELLS, MAX_ROWS } from '../shared/limits.js';
import { ReadLimitError } from './errors.js';

/** Tags with an optional namespace prefix ("x:row", "w:tc"). */
const tag = (names: string) => new RegExp(`<(/?)(?:[A-Za-z_][\\w.-]*:)?(${names})(?=[\\s/>])([^>]*)>`, 'g');

const attribute = (attrs: string, name: string): string | undefined =>
  new RegExp(`(?:^|\\s)${name}\\s*=\\s*["']([^"']*)["']`).exec(attrs)?.[1];

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/** "C12" → { column: 3, row: 12 }; a reference without row digits gives row NaN. */
function cellRef(ref: string): { column: number; row: number } | null {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d*)$/.exec(ref.trim());
  if (!m) return null;
  let column = 0;
  for (const ch of m[1]!.toUpperCase()) column = column * 26 + (ch.charCodeAt(0) - 64);
  return { column, row: m[2] === '' ? NaN : Number(m[2]) };
}

/** Counts of a whole file, carried from one sheet or table to the next. */
interface Tally {
  rows: number;
  cells: number;
}

/** Sheet names by worksheet part, from the workbook and its relationships. */
export function sheetNames(parts: ReadonlyMap<string, Uint8Array>): Map<string, string> {
  const text = (name: string) => {
    const bytes = parts.get(name);
    return bytes ? new TextDecoder().decode(bytes) : '';
  };
  const targets = new Map<string, string>();
  for (const m of text('xl/_rels/workbook.xml.rels').matchAll(/<(?:\w+:)?Relationship\b([^>]*)>/g)) {
    const id = attribute(m[1]!, 'Id');
    const target = attribute(m[1]!, 'Target');
    if (id && target) targets.set(id, target.startsWith('/') ? target.slice(1) : `xl/${target}`);
  }
  const names = new Map<string, string>();
  for (const m of text('xl/workbook.xml').matchAll(/<(?:\w+:)?sheet\b([^>]*)>/g)) {
    const id = attribute(m[1]!, 'r:id');
    const name = attribute(m[1]!, 'name');
    const part = id === undefined ? undefined : targets.get(id);
    if (part && name) names.set(part, decodeEntities(name));
  }
  return names;
}

/** Where Excel puts worksheets, or wherever the workbook's relationships say one is. */
function isWorksheet(part: string, names: ReadonlyMap<string, string>): boolean {
  return /^xl\/worksheets\/[^/]+\.xml$/i.test(part) || names.has(part);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&amp;/g, '&');
}

/**
 * Every worksheet part of an XLSX: throws ReadLimitError past MAX_ROWS rows, MAX_CELLS cells (a
 * merged area counts every cell it covers: exceljs makes one for each) or a cell beyond column
 * MAX_COLUMNS (an empty formatted cell out there costs nothing and is let through).
 */
export function scanWorkbook(parts: ReadonlyMap<string, Uint8Array>): void {
  const names = sheetNames(parts);
  const tally: Tally = { rows: 0, cells: 0 };
  for (const [part, bytes] of parts) {
    if (!isWorksheet(part, names)) continue;
    scanSheet(latin1(bytes), names.get(part) ?? part, tally);
  }
}

function scanSheet(xml: string, sheet: string, tally: Tally): void {
  let row = 0;
  let column = 0;
  for (const m of xml.matchAll(tag('row|c|mergeCell'))) {
    if (m[1] === '/') continue;
    const attrs = m[3]!;
    switch (m[2]) {
      case 'row': {
        row = Number(attribute(attrs, 'r') ?? row + 1);
        column = 0;
        tally.rows += 1;
        if (tally.rows > MAX_ROWS)
          throw new ReadLimitError({ name: 'rows', max: MAX_ROWS, at: { sheet, row } });
        break;
      }
      case 'c': {
        const ref = cellRef(attribute(attrs, 'r') ?? '');
        column = ref ? ref.column : column + 1;
        if (ref && !Number.isNaN(ref.row)) row = ref.row;
        tally.cells += 1;
        const at = { sheet, row, column };
        if (tally.cells > MAX_CELLS) throw new ReadLimitError({ name: 'cells', max: MAX_CELLS, at });
        const empty = attrs.trimEnd().endsWith('/');
        if (column > MAX_COLUMNS && !empty) {
          throw new ReadLimitError({ name: 'columns', max: MAX_COLUMNS, at });
        }
        break;
      }
      case 'mergeCell': {
        const [from, to] = (attribute(attrs, 'ref') ?? '').split(':').map(cellRef);
        if (!from || !to) break;
        const at = { sheet, row: from.row, column: from.column };
        if (Math.max(from.column, to.column) > MAX_COLUMNS) {
          throw new ReadLimitError({ name: 'columns', max: MAX_COLUMNS, at });
        }
        const area = (Math.abs(to.column - from.column) + 1) * (Math.abs(to.row - from.row) + 1);
        tally.cells += area - 1;
        if (!(tally.cells <= MAX_CELLS)) throw new ReadLimitError({ name: 'cells', max: MAX_CELLS, at });
        break;
      }
    }
  }
}

/**
 * Data validations are not read, and exceljs makes one entry per cell of their ranges (a rule on
 * column C down to row 1,048,576 is a million entries): they are taken out of the worksheets
 * before exceljs opens them.
 */
export function withoutDataValidations(parts: ReadonlyMap<string, Uint8Array>): Map<string, Uint8Array> {
  const names = sheetNames(parts);
  const out = new Map(parts);
  for (const [part, bytes] of parts) {
    if (!isWorksheet(part, names)) continue;
    const xml = latin1(bytes);
    if (!xml.includes('dataValidations')) continue;
    const cleaned = xml.replace(
      /<((?:[A-Za-z_][\w.-]*:)?dataValidations)(?=[\s/>])[^>]*?(?:\/>|>[\s\S]*?<\/\1>)/g,
      '',
    );
    out.set(part, new Uint8Array(Buffer.from(cleaned, 'latin1')));
  }
  return out;
}

/**
 * The Word document's tables: throws ReadLimitError past MAX_ROWS rows or MAX_DOCX_CELLS cells (a
 * cell spanning columns counts each), for a cell spanning more than MAX_COLUMNS columns or a row
 * wider than that. Tables are numbered as the reader numbers them (nested ones belong to their
 * outer table's row).
 */
export function scanDocument(bytes: Uint8Array): void {
  const tally: Tally = { rows: 0, cells: 0 };
  let depth = 0;
  let table = 0;
  let row = 0;
  let column = 0;
  for (const m of latin1(bytes).matchAll(tag('tbl|tr|tc|gridSpan'))) {
    const closing = m[1] === '/';
    const name = m[2];
    if (name === 'tbl') {
      if (closing) depth = Math.max(0, depth - 1);
      else if (!m[3]!.trimEnd().endsWith('/')) {
        depth += 1;
        if (depth === 1) {
          table += 1;
          row = 0;
        }
      }
      continue;
    }
    if (closing) continue;
    const at = () => ({ table, row, column });
    if (name === 'tr') {
      tally.rows += 1;
      if (depth === 1) {
        row += 1;
        column = 0;
      }
      if (tally.rows > MAX_ROWS)
        throw new ReadLimitError({ name: 'rows', max: MAX_ROWS, at: { table, row } });
    } else if (name === 'tc') {
      tally.cells += 1;
      if (depth === 1) column += 1;
    } else {
      const span = Number(attribute(m[3]!, '(?:[A-Za-z_][\\w.-]*:)?val') ?? 1);
      if (!(span <= MAX_COLUMNS)) throw new ReadLimitError({ name: 'span', max: MAX_COLUMNS, at: at() });
      if (span > 1) {
        tally.cells += span - 1;
        if (depth === 1) column += span - 1;
      }
    }
    if (tally.cells > MAX_DOCX_CELLS) {
      throw new ReadLimitError({ name: 'cells', max: MAX_DOCX_CELLS, at: at() });
    }
    if (column > MAX_COLUMNS) throw new ReadLimitError({ name: 'columns', max: MAX_COLUMNS, at: at() });
  }
}

/**
 * Plain text before it is split: throws ReadLimitError past MAX_ROWS lines, MAX_CELLS cells or a
 * line of more than MAX_COLUMNS cells, counting `separator`s (for CSV an upper bound: a quoted
 * cell may hold separators and line breaks, so only lines and cells are checked here).
 */
export function scanText(text: string, separator: string, checkColumns: boolean): void {
  let line = 1;
  let cells = 1;
  let column = 1;
  const sep = separator.charCodeAt(0);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) {
      line += 1;
      cells += 1;
      column = 1;
      if (line > MAX_ROWS) throw new ReadLimitError({ name: 'rows', max: MAX_ROWS, at: { line } });
    } else if (c === sep) {
      cells += 1;
      column += 1;
      if (checkColumns && column > MAX_COLUMNS) {
        throw new ReadLimitError({ name: 'columns', max: MAX_COLUMNS, at: { line, column } });
      }
    } else continue;
    if (cells > MAX_CELLS) throw new ReadLimitError({ name: 'cells', max: MAX_CELLS, at: { line } });
  }
}
