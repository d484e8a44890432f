import { describe, expect, it } from 'vitest';
import { ReadLimitError, type ReadLimit } from './errors.js';
import { scanDocument, scanText, scanWorkbook, withoutDataValidations } from './scan.js';

const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'utf8'));

const WORKBOOK = new Map([
  [
    'xl/workbook.xml',
    bytes('<workbook><sheets><sheet name="Phụ lục &amp; 2" sheetId="1" r:id="rId7"/></sheets></workbook>'),
  ],
  [
    'xl/_rels/workbook.xml.rels',
    bytes('<Relationships><Relationship Id="rId7" Target="/xl/worksheets/data.xml"/></Relationships>'),
  ],
]);

function workbook(sheet: string): Map<string, Uint8Array> {
  return new Map([
    ...WORKBOOK,
    ['xl/worksheets/data.xml', bytes(`<worksheet><sheetData>${sheet}</sheetData></worksheet>`)],
  ]);
}

function limitOf(run: () => void): ReadLimit | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof ReadLimitError) return error.limit;
    throw error;
  }
}

const sheet = 'Phụ lục & 2';

describe('scanWorkbook', () => {
  it.each([
    ['a value at column 200', '<row r="1"><c r="GR1"><v>1</v></c></row>', null],
    [
      'a value at column 201',
      '<row r="3"><c r="GS3"><v>1</v></c></row>',
      { name: 'columns', max: 200, at: { sheet, row: 3, column: 201 } },
    ],
    ['an empty formatted cell at XFD', '<row r="1"><c r="XFD1" s="2"/></row>', null],
    [
      'a prefixed cell at XFD with a value',
      '<x:row r="9"><x:c r="XFD9" t="s"><x:v>0</x:v></x:c></x:row>',
      { name: 'columns', max: 200, at: { sheet, row: 9, column: 16384 } },
    ],
    [
      'cells without references, counted from the left',
      `<row>${'<c><v>1</v></c>'.repeat(201)}</row>`,
      { name: 'columns', max: 200, at: { sheet, row: 1, column: 201 } },
    ],
    [
      'a merged area of 500 × 201 cells',
      '<row r="1"><c r="A1"><v>1</v></c></row><mergeCells><mergeCell ref="A1:GS500"/></mergeCells>',
      { name: 'columns', max: 200, at: { sheet, row: 1, column: 1 } },
    ],
    [
      'a merged area of 200 × 600 cells',
      '<mergeCells><mergeCell ref="A2:GR601"/></mergeCells>',
      { name: 'cells', max: 100_000, at: { sheet, row: 2, column: 1 } },
    ],
  ] as const)('%s', (_name, xml, limit) => {
    expect(limitOf(() => scanWorkbook(workbook(xml)))).toEqual(limit);
  });

  it('counts rows across sheets and names the row past the cap', () => {
    const rows = Array.from({ length: 20_001 }, (_, i) => `<row r="${i + 5}"/>`).join('');
    expect(limitOf(() => scanWorkbook(workbook(rows)))).toEqual({
      name: 'rows',
      max: 20_000,
      at: { sheet, row: 20_005 },
    });
  });
});

describe('withoutDataValidations', () => {
  it('takes the validations out of worksheets and leaves the rest byte for byte', () => {
    const xml =
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Điểm</t></is></c></row></sheetData>' +
      '<dataValidations count="1"><dataValidation sqref="C1:C1048576"><formula1>0</formula1></dataValidation></dataValidations>' +
      '<extLst><ext><x14:dataValidations count="0"/></ext></extLst></worksheet>';
    const out = withoutDataValidations(new Map([...WORKBOOK, ['xl/worksheets/data.xml', bytes(xml)]]));
    expect(Buffer.from(out.get('xl/worksheets/data.xml')!).toString('utf8')).toBe(
      '<worksheet><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Điểm</t></is></c></row></sheetData>' +
        '<extLst><ext></ext></extLst></worksheet>',
    );
    expect(out.get('xl/workbook.xml')).toBe(WORKBOOK.get('xl/workbook.xml'));
  });
});

const cell = (text: string, span = 1) =>
  `<w:tc>${span > 1 ? `<w:tcPr><w:gridSpan w:val="${span}"/></w:tcPr>` : ''}<w:p><w:r><w:t>${text}</w:t></w:r></w:p></w:tc>`;
const table = (...rows: string[]) =>
  `<w:tbl><w:tblPr/>${rows.map((r) => `<w:tr>${r}</w:tr>`).join('')}</w:tbl>`;

describe('scanDocument', () => {
  it.each([
    ['a span of 200', table(cell('a', 200)), null],
    [
      'a span of 201',
      table(cell('a'), cell('b', 201)),
      { name: 'span', max: 200, at: { table: 1, row: 2, column: 1 } },
    ],
    [
      'a row 201 cells wide, in the second table',
      table(cell('x')) + table(cell('a'), cell('b', 199) + cell('c') + cell('d')),
      { name: 'columns', max: 200, at: { table: 2, row: 2, column: 201 } },
    ],
    [
      'a nested table counts for its outer row',
      table(cell('a') + `<w:tc>${table(cell('n'), cell('n'))}</w:tc>`, cell('b', 201)),
      { name: 'span', max: 200, at: { table: 1, row: 2, column: 1 } },
    ],
    [
      'more than 20,000 cells',
      table(...Array.from({ length: 101 }, () => cell('a', 200))),
      { name: 'cells', max: 20_000, at: { table: 1, row: 101, column: 1 } },
    ],
  ] as const)('%s', (_name, body, limit) => {
    expect(limitOf(() => scanDocument(bytes(`<w:document><w:body>${body}</w:body></w:document>`)))).toEqual(
      limit,
    );
  });
});

describe('scanText', () => {
  it.each([
    ['200 cells on a line', `${'a\t'.repeat(199)}a`, '\t', true, null],
    [
      '201 cells on line 2',
      `x\n${'a\t'.repeat(200)}a`,
      '\t',
      true,
      { name: 'columns', max: 200, at: { line: 2, column: 201 } },
    ],
    ['201 CSV separators: only cells counted', `${'a,'.repeat(200)}a`, ',', false, null],
    ['20,001 lines', 'a\r\n'.repeat(20_000), '\t', true, { name: 'rows', max: 20_000, at: { line: 20_001 } }],
    [
      '100,001 cells',
      `${'a\t'.repeat(199)}\n`.repeat(503),
      '\t',
      true,
      { name: 'cells', max: 100_000, at: { line: 501 } },
    ],
  ] as const)('%s', (_name, text, separator, columns, limit) => {
    expect(limitOf(() => scanText(text, separator, columns))).toEqual(limit);
  });
});
