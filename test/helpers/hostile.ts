/**
 * Crafted uploads, made here (never downloaded): the attacks of issue 7 against the readers. Each
 * is small on disk and huge once read — a sheet with one cell at column XFD, a Word cell spanning
 * 200 million columns, ZIPs whose headers declare kilobytes for gigabytes, a sheet past the row cap.
 * The ZIPs are written byte by byte so that their headers can say what the attacker wants.
 */
import { crc32 } from 'node:zlib';
import { deflateSync, unzipSync } from 'fflate';

interface RawEntry {
  name: string;
  /** the stored bytes: raw DEFLATE data for method 8 */
  data: Uint8Array;
  method: 0 | 8;
  /** what the headers say the entry inflates to */
  declaredSize: number;
  crc: number;
}

/** A ZIP from entries exactly as given: nothing checks that the declared sizes are true. */
export function rawZip(entries: readonly RawEntry[]): Uint8Array {
  const chunks: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(e.method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.data.length, 18);
    local.writeUInt32LE(e.declaredSize, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(e.method, 10);
    dir.writeUInt16LE(0x21, 14);
    dir.writeUInt32LE(e.crc >>> 0, 16);
    dir.writeUInt32LE(e.data.length, 20);
    dir.writeUInt32LE(e.declaredSize, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    chunks.push(local, name, e.data);
    central.push(dir, name);
    offset += local.length + name.length + e.data.length;
  }
  const centralSize = central.reduce((n, c) => n + c.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, ...central, end]));
}

/** An honest entry: deflated, with its true size and CRC. */
export function entry(name: string, content: string | Uint8Array): RawEntry {
  const bytes = typeof content === 'string' ? new Uint8Array(Buffer.from(content, 'utf8')) : content;
  return {
    name,
    data: deflateSync(bytes, { level: 6 }),
    method: 8,
    declaredSize: bytes.length,
    crc: crc32(bytes),
  };
}

/**
 * Raw DEFLATE data that inflates to `size` zero bytes (rounded up to 258), about 1/1300 of that:
 * one fixed-Huffman block of a literal 0 and then "repeat 258 bytes at distance 1" as often as
 * needed. Written bit by bit, so a 1 GB bomb costs 7 MB and a few milliseconds, not a gigabyte.
 */
export function deflateBomb(size: number): Uint8Array {
  const repeats = Math.ceil(Math.max(0, size - 1) / 258);
  const out = new Uint8Array(Math.ceil((3 + 8 + repeats * 13 + 7) / 8) + 1);
  let bit = 0;
  const bits = (value: number, n: number) => {
    for (let i = 0; i < n; i++, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  // Huffman codes go most significant bit first
  const code = (value: number, n: number) => {
    for (let i = n - 1; i >= 0; i--, bit++) if ((value >> i) & 1) out[bit >> 3]! |= 1 << (bit & 7);
  };
  bits(1, 1); // final block
  bits(1, 2); // fixed Huffman codes
  code(0x30, 8); // literal 0
  for (let i = 0; i < repeats; i++) {
    code(0xc5, 8); // length code 285: 258 bytes
    code(0, 5); // distance code 0: distance 1
  }
  code(0, 7); // end of block
  return out;
}

/** An entry whose headers declare 4 KB and which inflates to `size` bytes. */
export function lyingEntry(name: string, size: number): RawEntry {
  return { name, data: deflateBomb(size), method: 8, declaredSize: 4096, crc: 0 };
}

/** The entries of a real ZIP (one the product wrote), to add a crafted part to. */
export function entriesOf(zip: Uint8Array): RawEntry[] {
  return Object.entries(unzipSync(zip)).map(([name, data]) => entry(name, data));
}

const XLSX_FRAME = [
  entry(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
      '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
      '</Types>',
  ),
  entry(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>' +
      '</Relationships>',
  ),
  entry(
    'xl/workbook.xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">' +
      '<sheets><sheet name="Phụ lục" sheetId="1" r:id="rId1"/></sheets></workbook>',
  ),
  entry(
    'xl/_rels/workbook.xml.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>' +
      '</Relationships>',
  ),
];

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

/** A workbook of one sheet "Phụ lục" with these rows (cells as inline strings). */
export function xlsxOfRows(rows: Iterable<string>): Uint8Array {
  const sheet =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>' +
    Array.from(rows).join('') +
    '</sheetData></worksheet>';
  return rawZip([...XLSX_FRAME, entry('xl/worksheets/sheet1.xml', sheet)]);
}

/** The 111 KB attack: one cell at XFD1 and 20,000 one-cell rows. */
export function xlsxFarColumn(): Uint8Array {
  function* rows() {
    yield `<row r="1">${inline('A1', 'STT')}${inline('XFD1', 'x')}</row>`;
    for (let r = 2; r <= 20_001; r++) yield `<row r="${r}">${inline(`A${r}`, String(r))}</row>`;
  }
  return xlsxOfRows(rows());
}

/** `count` one-cell rows: one past the cap is refused, the cap itself is read. */
export function xlsxManyRows(count: number): Uint8Array {
  function* rows() {
    for (let r = 1; r <= count; r++) yield `<row r="${r}">${inline(`A${r}`, String(r))}</row>`;
  }
  return xlsxOfRows(rows());
}

const DOCX_FRAME = [
  entry(
    '[Content_Types].xml',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
      '</Types>',
  ),
  entry(
    '_rels/.rels',
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
      '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
      '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>' +
      '</Relationships>',
  ),
];

/** A Word document whose body is this XML. */
export function docxOfBody(body: string): Uint8Array {
  const document =
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>' +
    body +
    '</w:body></w:document>';
  return rawZip([...DOCX_FRAME, entry('word/document.xml', document)]);
}

const wordCell = (text: string, span = 1) =>
  `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;

/** The 9 KB attack: a table whose second row has one cell spanning 200,000,000 columns. */
export function docxWideSpan(): Uint8Array {
  return docxOfBody(
    '<w:tbl>' +
      `<w:tr>${wordCell('STT')}${wordCell('Tiêu chí')}</w:tr>` +
      `<w:tr>${wordCell('x', 200_000_000)}</w:tr>` +
      '</w:tbl>',
  );
}
