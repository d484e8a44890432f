import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isMisspelled,
  resolveUnits,
  splitAtCommas,
  splitUnitCell,
  tableUnitMatcher,
  UnitMatcher,
  unitKey,
  unitKind,
  type KnownUnit,
} from './units.js';

const district = { levelWords: ['huyện'] } as const;
const province = { levelWords: ['tỉnh'] } as const;

describe('splitUnitCell', () => {
  it.each<[string, string[]]>([
    ['Phòng Nội vụ; Phòng Tư pháp', ['Phòng Nội vụ', 'Phòng Tư pháp']],
    ['Phòng Nội vụ\nPhòng Tư pháp', ['Phòng Nội vụ', 'Phòng Tư pháp']],
    ['Phòng Nội vụ\r\nPhòng Tư pháp', ['Phòng Nội vụ', 'Phòng Tư pháp']],
    ['- Phòng Nội vụ;\n+ Phòng Tư pháp.', ['Phòng Nội vụ', 'Phòng Tư pháp']],
    ['• Văn  phòng   HĐND&UBND huyện:', ['Văn phòng HĐND&UBND huyện']],
    ['* UBND các xã, thị trấn,', ['UBND các xã, thị trấn']],
    ['– Sở Nội vụ;;\n\n; ', ['Sở Nội vụ']],
    // a comma does not split here: "UBND các xã, thị trấn" is one unit
    ['Sở Nội vụ, UBND cấp huyện', ['Sở Nội vụ, UBND cấp huyện']],
    ['Kinh tế - Hạ tầng', ['Kinh tế - Hạ tầng']],
    ['', []],
    [' ; \n ', []],
  ])('splits %j into %j', (cell, units) => {
    expect(splitUnitCell(cell)).toEqual(units);
  });

  it('never returns an empty part nor one with a separator or padding', () => {
    const piece = fc.constantFrom('Phòng Nội vụ', 'UBND các xã, thị trấn', ';', '\n', ' ', '- ', '.', '\r\n');
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        for (const part of splitUnitCell(pieces.join(''))) {
          expect(part).not.toBe('');
          expect(part).not.toMatch(/[;\n\r]/);
          expect(part).toBe(part.trim());
        }
      }),
    );
  });
});

describe('splitAtCommas', () => {
  const knownSet = (names: string[]) => (name: string) => names.includes(name.trim());

  it.each<[string, string[], string[]]>([
    ['UBND các xã, thị trấn', ['Sở Nội vụ'], ['UBND các xã, thị trấn']],
    ['UBND các xã, thị trấn', ['UBND các xã'], ['UBND các xã, thị trấn']],
    ['Sở Nội vụ, UBND cấp huyện', ['Sở Nội vụ', 'UBND cấp huyện'], ['Sở Nội vụ', 'UBND cấp huyện']],
    ['Sở Nội vụ, UBND cấp huyện', ['Sở Nội vụ'], ['Sở Nội vụ, UBND cấp huyện']],
    [
      'Sở Nội vụ, UBND các xã, thị trấn',
      ['Sở Nội vụ', 'UBND các xã, thị trấn'],
      ['Sở Nội vụ', 'UBND các xã, thị trấn'],
    ],
    // the split with the most known parts wins
    ['A, B, C', ['A', 'B', 'C', 'A, B'], ['A', 'B', 'C']],
    // a segment known as a whole is never split
    ['A, B', ['A', 'B', 'A, B'], ['A, B']],
    ['Sở Nội vụ', ['Sở Nội vụ'], ['Sở Nội vụ']],
  ])('splits %j (known: %j) into %j', (segment, known, parts) => {
    expect(splitAtCommas(segment, knownSet(known))).toEqual(parts);
  });

  it('keeps every letter: the parts joined by commas give the segment back', () => {
    const name = fc.constantFrom('Sở Nội vụ', 'UBND cấp huyện', 'Sở Tư pháp', 'thị trấn', 'UBND các xã');
    const known = ['Sở Nội vụ', 'UBND cấp huyện', 'Sở Tư pháp'];
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (names) => {
        const segment = names.join(', ');
        const parts = splitAtCommas(segment, knownSet(known));
        expect(parts.join(', ')).toBe(segment);
        if (parts.length > 1) for (const p of parts) expect(known).toContain(p);
      }),
    );
  });
});

describe('unitKey', () => {
  it.each<[string, string]>([
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng HỘND&UBND huyện'],
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng HỖND&UBND'],
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng HĐND & UBND huyện'],
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng HĐND và UBND huyện'],
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện'],
    ['Văn phòng HĐND&UBND huyện', 'VĂN PHÒNG HĐND&UBND HUYỆN'],
    ['Phòng Nội vụ', 'Phòng nội vụ'],
    ['Phòng Nội vụ', 'Phòng Nội vụ huyện'],
    ['Phòng Nội vụ', ' Phòng  Nội\nvụ. '],
    ['Phòng Văn hóa và Thông tin', 'Phòng Văn hoá & Thông tin'],
    ['Phòng Tài chính - Kế hoạch', 'Phòng Tài chính-Kế hoạch'],
    ['UBND cấp xã', 'Uỷ ban nhân dân cấp xã'],
  ])('%j and %j have one key in a district plan', (a, b) => {
    expect(unitKey(a, district)).toBe(unitKey(b, district));
  });

  it.each<[string, string]>([
    ['Phòng Tư pháp', 'Phòng Nội vụ'],
    ['Bộ phận Một cửa huyện', 'Bộ phận Một cửa xã'],
    ['UBND cấp huyện', 'UBND cấp xã'],
    ['Văn phòng HĐND&UBND huyện', 'Văn phòng UBND huyện'],
    ['Phòng Kinh tế - Hạ tầng', 'Phòng Kinh tế'],
  ])('%j and %j have different keys', (a, b) => {
    expect(unitKey(a, district)).not.toBe(unitKey(b, district));
    expect(unitKey(a, province)).not.toBe(unitKey(b, province));
  });

  it('drops only the plan level word: "huyện" in a district plan, not in a province plan', () => {
    expect(unitKey('Công an huyện', district)).toBe(unitKey('Công an', district));
    expect(unitKey('Công an huyện', province)).not.toBe(unitKey('Công an', province));
    expect(unitKey('Công an tỉnh', province)).toBe(unitKey('Công an', province));
  });

  it('reads OCR variants of HĐND only as whole words', () => {
    expect(unitKey('Cửa hàng Honda', { levelWords: [] })).toBe('cửa hàng honda');
    expect(unitKey('Thường trực HỘND', { levelWords: [] })).toBe('thường trực hđnd');
  });

  it('ignores case, spacing around "&" and "-", and tone placement', () => {
    const base = fc.constantFrom(
      'Văn phòng HĐND&UBND huyện',
      'Phòng Tài chính - Kế hoạch',
      'Phòng Văn hóa và Thông tin',
      'Trung tâm Y tế huyện',
      'Phòng Lao động - TB&XH',
    );
    const variant = fc
      .tuple(
        base,
        fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
        fc.constantFrom(' ', '  ', '\n', ''),
      )
      .map(([name, flips, pad]) => {
        const cased = [...name]
          .map((ch, i) => (flips[i % flips.length] ? ch.toLocaleUpperCase('vi') : ch.toLocaleLowerCase('vi')))
          .join('');
        const spaced = cased
          .replace(/&/g, `${pad}&${pad}`)
          .replace(/ - /g, pad === '\n' ? ' -\n' : `${pad}-${pad}`);
        const toned = spaced.replace(/óa/g, 'oá').replace(/ÓA/g, 'OÁ');
        return { name, variant: toned };
      });
    fc.assert(
      fc.property(variant, ({ name, variant: v }) => {
        expect(unitKey(v, district)).toBe(unitKey(name, district));
      }),
    );
  });
});

describe('isMisspelled', () => {
  it.each([
    ['Văn phòng HỘND&UBND huyện', true],
    ['Văn phòng HỖND&UBND', true],
    ['Văn phòng HDND&UBND', true],
    ['Văn phòng HĐND&UBND huyện', false],
    ['Văn phòng Hội đồng nhân dân và Ủy ban nhân dân huyện', false],
    ['Phòng nội vụ', false],
  ])('isMisspelled(%j) is %j', (name, misspelled) => {
    expect(isMisspelled(name)).toBe(misspelled);
  });
});

describe('unitKind', () => {
  it.each([
    ['Văn phòng UBND tỉnh', 'department'],
    ['Văn phòng Ủy ban nhân dân thành phố', 'department'],
    ['Văn phòng HĐND&UBND huyện', 'office'],
    ['Sở Nội vụ', 'department'],
    ['Ban Quản lý các khu công nghiệp', 'department'],
    ['Thanh tra tỉnh', 'department'],
    ['Phòng Nội vụ', 'office'],
    ['Thanh tra huyện', 'office'],
    ['UBND các xã, thị trấn', 'committee'],
    ['Ủy ban nhân dân huyện', 'committee'],
    ['Trung tâm Phục vụ hành chính công', 'center'],
    ['Bộ phận Một cửa', 'section'],
    ['Tổ công tác', 'section'],
    ['Các cơ quan, đơn vị', 'group'],
    ['Công an huyện', 'agency'],
    ['Kho bạc Nhà nước huyện', 'agency'],
    ['Hội Nông dân', 'other'],
    // "Sở" must start a word: "Sơn" is not a department
    ['Sơn La', 'other'],
  ])('unitKind(%j) is %j', (name, kind) => {
    expect(unitKind(name)).toBe(kind);
  });
});

describe('UnitMatcher', () => {
  const offices = [
    'Phòng Nội vụ',
    'Phòng Tư pháp',
    'Phòng Tài chính - Kế hoạch',
    'Phòng Tài nguyên và Môi trường',
    'Phòng Văn hóa và Thông tin',
    'Phòng Giáo dục và Đào tạo',
    'Phòng Y tế',
    'Phòng Kinh tế - Hạ tầng',
    'Phòng Lao động - TB&XH',
    'Văn phòng HĐND&UBND huyện',
    'Thanh tra huyện',
    'Bộ phận Một cửa huyện',
    'Bộ phận Một cửa xã',
    'UBND cấp huyện',
    'UBND cấp xã',
    'UBND các xã, thị trấn',
    'Công an huyện',
    'Trung tâm Văn hóa - Thể thao',
  ];
  const matcher = new UnitMatcher<string>(district);
  for (const name of offices) matcher.add(name, name);

  it.each(offices)('matches %j to itself exactly, never to another unit', (name) => {
    expect(matcher.match(name)).toEqual({ value: name, exact: true });
  });

  it.each<[string, string, boolean]>([
    ['Phòng nội vụ', 'Phòng Nội vụ', true],
    ['Văn phòng HỘND&UBND huyện', 'Văn phòng HĐND&UBND huyện', true],
    ['Văn phòng HỖND&UBND', 'Văn phòng HĐND&UBND huyện', true],
    ['Văn phòng HĐND và UBND', 'Văn phòng HĐND&UBND huyện', true],
    ['Uỷ ban nhân dân cấp xã', 'UBND cấp xã', true],
    ['Phòng Văn hoá & Thông tin', 'Phòng Văn hóa và Thông tin', true],
    // without diacritics
    ['Phong Tu phap', 'Phòng Tư pháp', false],
    ['Phong Noi vu', 'Phòng Nội vụ', false],
    // one wrong letter in a long name
    ['Phòng Tài nguyên và Môi truờng', 'Phòng Tài nguyên và Môi trường', false],
    ['Phòng Giáo duc và Đào tạo', 'Phòng Giáo dục và Đào tạo', false],
    ['Phòng Tài chính - Kế hoạc', 'Phòng Tài chính - Kế hoạch', false],
  ])('matches the variant %j to %j (exact key: %j)', (written, unit, exact) => {
    expect(matcher.match(written)).toEqual({ value: unit, exact });
  });

  it.each([
    'Phòng Tài chính',
    'Phòng Y tá',
    'Sở Nội vụ',
    'UBND huyện',
    'Bộ phận Một cửa tỉnh',
    'Phòng Kinh tế',
    'Phòng Tư pháp - Hộ tịch và Lý lịch',
  ])('finds no unit for %j', (written) => {
    expect(matcher.match(written)).toBeNull();
  });

  it('keeps the first value added under a key', () => {
    const m = new UnitMatcher<number>(district);
    m.add('Phòng Nội vụ', 1);
    m.add('Phòng nội vụ huyện', 2);
    m.add('', 3);
    expect(m.match('PHÒNG NỘI VỤ')).toEqual({ value: 1, exact: true });
    expect(m.match('')).toBeNull();
  });
});

describe('resolveUnits', () => {
  it('folds spelling variants into one unit named by its correct, full spelling', () => {
    const cells = [
      'Văn phòng HĐND&UBND huyện; Phòng nội vụ',
      'Văn phòng HỘND&UBND huyện\nPhòng Nội vụ',
      '- Văn phòng HỖND&UBND\n- UBND các xã, thị trấn',
      'Phòng Tư pháp',
    ];
    const r = resolveUnits(cells, [], district);
    expect(r.units).toEqual([
      {
        id: null,
        name: 'Văn phòng HĐND&UBND huyện',
        kind: 'office',
        variants: ['Văn phòng HĐND&UBND huyện', 'Văn phòng HỘND&UBND huyện', 'Văn phòng HỖND&UBND'],
      },
      { id: null, name: 'Phòng Nội vụ', kind: 'office', variants: ['Phòng nội vụ', 'Phòng Nội vụ'] },
      { id: null, name: 'UBND các xã, thị trấn', kind: 'committee', variants: ['UBND các xã, thị trấn'] },
      { id: null, name: 'Phòng Tư pháp', kind: 'office', variants: ['Phòng Tư pháp'] },
    ]);
    expect(r.cells).toEqual([
      [
        { text: 'Văn phòng HĐND&UBND huyện', unit: 0 },
        { text: 'Phòng nội vụ', unit: 1 },
      ],
      [
        { text: 'Văn phòng HỘND&UBND huyện', unit: 0 },
        { text: 'Phòng Nội vụ', unit: 1 },
      ],
      [
        { text: 'Văn phòng HỖND&UBND', unit: 0 },
        { text: 'UBND các xã, thị trấn', unit: 2 },
      ],
      [{ text: 'Phòng Tư pháp', unit: 3 }],
    ]);
    expect(r.folded).toEqual([
      { cell: 0, original: 'Phòng nội vụ', unit: 'Phòng Nội vụ' },
      { cell: 1, original: 'Văn phòng HỘND&UBND huyện', unit: 'Văn phòng HĐND&UBND huyện' },
      { cell: 2, original: 'Văn phòng HỖND&UBND', unit: 'Văn phòng HĐND&UBND huyện' },
    ]);
  });

  it('prefers a correct spelling over a more frequent misspelling, and the full form over the short one', () => {
    const cells = [
      'Văn phòng HỘND&UBND huyện',
      'Văn phòng HỘND&UBND huyện',
      'Văn phòng HỘND&UBND huyện',
      'Văn phòng HĐND&UBND',
      'Văn phòng HĐND&UBND huyện',
    ];
    const r = resolveUnits(cells, [], district);
    expect(r.units).toHaveLength(1);
    expect(r.units[0]!.name).toBe('Văn phòng HĐND&UBND huyện');
    expect(r.folded.map((f) => f.original)).toEqual(['Văn phòng HỘND&UBND huyện', 'Văn phòng HĐND&UBND']);
  });

  it('names a unit by its capitalised spelling when both are used as often, and reports the other once', () => {
    const r = resolveUnits(['Phòng nội vụ', 'Phòng Nội vụ', 'Phòng nội vụ', 'Phòng Nội vụ'], [], district);
    expect(r.units.map((u) => u.name)).toEqual(['Phòng Nội vụ']);
    expect(r.folded).toEqual([{ cell: 0, original: 'Phòng nội vụ', unit: 'Phòng Nội vụ' }]);
  });

  it('keeps different units apart', () => {
    const r = resolveUnits(
      [
        'Phòng Tư pháp; Phòng Nội vụ',
        'Bộ phận Một cửa huyện\nBộ phận Một cửa xã',
        'UBND cấp huyện; UBND cấp xã',
      ],
      [],
      district,
    );
    expect(r.units.map((u) => u.name)).toEqual([
      'Phòng Tư pháp',
      'Phòng Nội vụ',
      'Bộ phận Một cửa huyện',
      'Bộ phận Một cửa xã',
      'UBND cấp huyện',
      'UBND cấp xã',
    ]);
    expect(r.folded).toEqual([]);
  });

  const registry: KnownUnit[] = [
    { id: 7, name: 'Sở Nội vụ', aliases: ['Sở NV'] },
    { id: 9, name: 'UBND cấp huyện', aliases: ['UBND các huyện, thành phố'] },
  ];

  it('matches registry units by id, through their aliases and spelling variants', () => {
    const r = resolveUnits(
      ['Sở NV; Sở Tư pháp', 'sở nội vụ', 'UBND các huyện, thành phố'],
      registry,
      province,
    );
    expect(r.units).toEqual([
      { id: 7, name: 'Sở Nội vụ', kind: 'department', variants: ['Sở NV', 'sở nội vụ'] },
      { id: 9, name: 'UBND cấp huyện', kind: 'committee', variants: ['UBND các huyện, thành phố'] },
      { id: null, name: 'Sở Tư pháp', kind: 'department', variants: ['Sở Tư pháp'] },
    ]);
    expect(r.cells.map((c) => c.map((m) => r.units[m.unit]!.id))).toEqual([[7, null], [7], [9]]);
    expect(r.folded).toEqual([
      { cell: 0, original: 'Sở NV', unit: 'Sở Nội vụ' },
      { cell: 1, original: 'sở nội vụ', unit: 'Sở Nội vụ' },
      { cell: 2, original: 'UBND các huyện, thành phố', unit: 'UBND cấp huyện' },
    ]);
  });

  it('splits "Sở Nội vụ, UBND cấp huyện" when both are in the registry', () => {
    const r = resolveUnits(['Sở Nội vụ, UBND cấp huyện'], registry, province);
    expect(r.cells).toEqual([
      [
        { text: 'Sở Nội vụ', unit: 0 },
        { text: 'UBND cấp huyện', unit: 1 },
      ],
    ]);
  });

  it('splits at a comma when both sides are written alone elsewhere in the document', () => {
    const r = resolveUnits(['Sở Nội vụ, Sở Tư pháp', 'Sở Nội vụ', 'Sở Tư pháp'], [], province);
    expect(r.cells[0]!.map((m) => m.text)).toEqual(['Sở Nội vụ', 'Sở Tư pháp']);
    expect(r.units.map((u) => u.name)).toEqual(['Sở Nội vụ', 'Sở Tư pháp']);
  });

  it('keeps "UBND các xã, thị trấn" whole even when "UBND các xã" is known', () => {
    const r = resolveUnits(['UBND các xã, thị trấn', 'UBND các xã'], [], district);
    expect(r.cells[0]).toEqual([{ text: 'UBND các xã, thị trấn', unit: 0 }]);
    expect(r.units.map((u) => u.name)).toEqual(['UBND các xã, thị trấn', 'UBND các xã']);
  });

  it('does not split when only one side is known', () => {
    const r = resolveUnits(['Sở Nội vụ, các cơ quan liên quan'], registry, province);
    expect(r.cells[0]!.map((m) => m.text)).toEqual(['Sở Nội vụ, các cơ quan liên quan']);
  });

  it('returns every registry unit and an empty cell list for empty cells', () => {
    const r = resolveUnits(['', ' ; '], registry, province);
    expect(r.cells).toEqual([[], []]);
    expect(r.units.map((u) => u.id)).toEqual([7, 9]);
    expect(r.units.every((u) => u.variants.length === 0)).toBe(true);
  });

  it('every mention points at a unit that lists its text as a variant', () => {
    const name = fc.constantFrom(
      'Phòng Nội vụ',
      'Phòng nội vụ',
      'Phòng Tư pháp',
      'Văn phòng HĐND&UBND huyện',
      'Văn phòng HỘND&UBND',
      'UBND các xã, thị trấn',
      'Sở NV',
    );
    const cell = fc
      .tuple(fc.array(name, { minLength: 0, maxLength: 4 }), fc.constantFrom('; ', '\n', ';\n- '))
      .map(([names, sep]) => names.join(sep));
    fc.assert(
      fc.property(fc.array(cell, { maxLength: 8 }), (cells) => {
        const r = resolveUnits(cells, registry, district);
        expect(r.cells).toHaveLength(cells.length);
        const keys = r.units.map((u) => unitKey(u.name, district));
        for (const mentions of r.cells) {
          for (const m of mentions) {
            expect(r.units[m.unit]!.variants).toContain(m.text);
          }
        }
        // no two unregistered units share a key
        const unregistered = r.units.filter((u) => u.id === null).map((u) => unitKey(u.name, district));
        expect(new Set(unregistered).size).toBe(unregistered.length);
        expect(keys.length).toBe(r.units.length);
      }),
    );
  });
});

describe('tableUnitMatcher', () => {
  const match = tableUnitMatcher([
    { name: 'Tỉnh Bắc Giang', aliases: [], value: 1 },
    { name: 'Thành phố Hà Nội', aliases: ['Thủ đô Hà Nội'], value: 2 },
    { name: 'Xã Nam Đà', aliases: [], value: 3 },
    { name: 'Phường Nam Đà', aliases: [], value: 4 },
  ]);

  it.each([
    ['Tỉnh Bắc Giang', 1],
    ['tinh bac giang', 1],
    ['Bắc Giang', 1],
    ['TP. Hà Nội', 2],
    ['Hà Nội', 2],
    ['Thủ đô Hà Nội', 2],
    ['UBND tỉnh Bắc Giang', 1],
    ['Xã Nam Đà', 3],
    ['Phường Nam Đà', 4],
    // two units are "Nam Đà" without their kind word: neither
    ['Nam Đà', null],
    ['Tỉnh Sông Lam', null],
  ] as const)('%s → %s', (name, value) => {
    expect(match(name)).toBe(value);
  });
});
