/**
 * Invariants of the readers and writers over generated input: any plan written to XLSX or DOCX reads
 * back unchanged (codes, Vietnamese text, scores with their precision, multi-line cells), and no
 * damaged file makes the reader throw — it answers with findings or with one failure.
 */
import * as fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanDocument, PlanRow, Totals } from '../src/core/plan.js';
import { sum, type Score } from '../src/core/score.js';
import { writeDocx } from '../src/formats/docx-write.js';
import { readFailureMessage, type ReadFailureCode } from '../src/formats/errors.js';
import { readPlans, type ReadOutcome } from '../src/formats/read.js';
import { writeXlsx } from '../src/formats/xlsx-write.js';
import { seedBytes } from './helpers/fixtures.js';
import { comparablePlan, readSeed } from './helpers/plans.js';

const LOWER = 'aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ';
const CHARS = [...LOWER, ...LOWER.toLocaleUpperCase('vi'), ...'0123456789'];

const word = fc.string({ unit: fc.constantFrom(...CHARS), minLength: 1, maxLength: 9 });
/** Words with the punctuation officers type between them; never a leading, trailing or double space. */
const sentence = fc
  .array(fc.tuple(word, fc.constantFrom(' ', ' ', ' ', ', ', '; ', ': ', '. ', '/', ' (', ') ', ' % ')), {
    minLength: 1,
    maxLength: 8,
  })
  .map((parts) =>
    parts
      .map(([w, sep], i) => (i === parts.length - 1 ? w : w + sep))
      .join('')
      .trim(),
  );
/** Tasks: several lines, some of them "- " list items, or nothing. */
const task = fc
  .array(fc.tuple(fc.boolean(), sentence), { maxLength: 4 })
  .map((lines) => lines.map(([bullet, text]) => (bullet ? `- ${text}` : text)).join('\n'));
const UNITS = [
  'Sở Nội vụ',
  'Sở Tư pháp',
  'Văn phòng UBND tỉnh',
  'Phòng Tài chính - Kế hoạch',
  'Văn phòng HĐND&UBND huyện',
  'UBND các xã, thị trấn',
  'Các cơ quan, đơn vị',
];
const leadUnits = fc
  .tuple(fc.subarray(UNITS), fc.constantFrom('\n', '; '))
  .map(([units, separator]) => units.join(separator));
/** 0..10 with 0 to 4 decimals, written with exactly that many ("1,50" keeps two). */
const scoreArb: fc.Arbitrary<Score> = fc
  .integer({ min: 0, max: 4 })
  .chain((scale) =>
    fc.integer({ min: 0, max: 10 * 10 ** scale }).map((k) => ({ units: k * 10 ** (4 - scale), scale })),
  );

interface NodeSpec {
  name: string;
  task: string;
  lead: string;
  own: PerKey<Score>;
  /** a leaf's score left empty */
  empty: PerKey<boolean>;
  /** a parent's score states the sum of its children (else any number) */
  sums: PerKey<boolean>;
  children: NodeSpec[];
}

const KEYS = ['max', 'baseline', 'target'] as const;
type PerKey<T> = Record<(typeof KEYS)[number], T>;
const perKey = <T>(a: fc.Arbitrary<T>): fc.Arbitrary<PerKey<T>> =>
  fc.record({ max: a, baseline: a, target: a });

/** Up to four levels; an area may have eleven criteria so that codes such as 2.10 and 2.11 occur. */
function nodeArb(depth: number): fc.Arbitrary<NodeSpec> {
  const maxChildren = [0, 4, 11, 3, 2][depth] ?? 0;
  return fc.record({
    name: sentence,
    task,
    lead: leadUnits,
    own: perKey(scoreArb),
    empty: perKey(fc.integer({ min: 0, max: 6 }).map((n) => n === 0)),
    sums: perKey(fc.boolean()),
    children: depth >= 4 ? fc.constant([]) : fc.array(nodeArb(depth + 1), { maxLength: maxChildren }),
  });
}

/** The subject as the reader names it, and as the title writes it. */
const SUBJECTS = [
  { name: 'Tỉnh Đắk Nông', caps: 'TỈNH ĐẮK NÔNG' },
  { name: 'Huyện Krông Nô', caps: 'HUYỆN KRÔNG NÔ' },
  { name: 'Thành phố Gia Nghĩa', caps: 'THÀNH PHỐ GIA NGHĨA' },
  { name: 'Xã Nâm Nung', caps: 'XÃ NÂM NUNG' },
];

function rowsOf(specs: readonly NodeSpec[], prefix: string | null, out: PlanRow[]): PlanRow[] {
  const rows: PlanRow[] = [];
  specs.forEach((spec, i) => {
    const code = prefix === null ? String(i + 1) : `${prefix}.${i + 1}`;
    const row: PlanRow = {
      code,
      rawCode: code,
      name: spec.name,
      max: null,
      baseline: null,
      target: null,
      task: spec.task,
      leadUnits: spec.lead,
      supportUnits: '',
      deadline: '',
      location: null,
    };
    out.push(row);
    const children = rowsOf(spec.children, code, out);
    for (const key of KEYS) {
      if (children.length === 0) {
        row[key] = spec.empty[key] ? null : spec.own[key];
        continue;
      }
      // a parent always states a value: the writers fill an empty one with the children's sum
      const parts = children.map((c) => c[key]).filter((s): s is Score => s !== null);
      row[key] = spec.sums[key] && parts.length > 0 ? sum(parts) : spec.own[key];
    }
    rows.push(row);
  });
  return rows;
}

const planArb: fc.Arbitrary<PlanDocument> = fc
  .record({
    subject: fc.constantFrom(...SUBJECTS),
    year: fc.integer({ min: 2019, max: 2030 }),
    back: fc.constantFrom(1, 2),
    label: fc.constantFrom('PHỤ LỤC', 'Phụ lục II'),
    subtitle: fc.option(fc.integer({ min: 1, max: 999 }), { nil: null }),
    areas: fc.array(nodeArb(1), { minLength: 1, maxLength: 4 }),
    totals: fc.tuple(perKey(fc.boolean()), perKey(scoreArb)),
  })
  .map(({ subject: { name, caps }, year, back, label, subtitle, areas, totals: [sums, own] }) => {
    const rows: PlanRow[] = [];
    const roots = rowsOf(areas, null, rows);
    const total = (key: (typeof KEYS)[number]): Score => {
      const parts = roots.map((r) => r[key]).filter((s): s is Score => s !== null);
      return sums[key] && parts.length > 0 ? sum(parts) : own[key];
    };
    const statedTotals: Totals = { max: total('max'), baseline: total('baseline'), target: total('target') };
    return {
      label,
      title: `NHIỆM VỤ, GIẢI PHÁP CẢI THIỆN VÀ NÂNG CAO CHỈ SỐ CCHC ${caps} NĂM ${year}`,
      subtitle:
        subtitle === null ? null : `(Kèm theo Kế hoạch số ${subtitle}/KH-UBND ngày 15/7/${year} của UBND)`,
      subject: name,
      year,
      baselineYear: year - back,
      rows,
      statedTotals,
      totalLocation: null,
      columns: {},
    };
  });

describe('any plan survives a round trip', () => {
  it.each([
    ['XLSX', writeXlsx],
    ['DOCX', writeDocx],
  ] as const)('through %s', async (_name, write) => {
    await fc.assert(
      fc.asyncProperty(planArb, async (plan) => {
        const read = await readPlans(await write([plan]));
        if (!read.ok) throw new Error(`not read: ${read.failure.code}`);
        expect(read.plans).toHaveLength(1);
        expect(comparablePlan(read.plans[0]!.plan)).toEqual(comparablePlan(plan));
      }),
      { numRuns: 25 },
    );
  });

  it('generates the cases that matter (two-digit codes, four decimals, multi-line cells)', () => {
    const plans = fc.sample(planArb, { numRuns: 25, seed: 42 });
    const rows = plans.flatMap((p) => p.rows);
    expect(rows.some((r) => /\.1\d$/.test(r.code))).toBe(true);
    expect(rows.some((r) => r.code.split('.').length === 4)).toBe(true);
    expect(rows.some((r) => r.max?.scale === 4)).toBe(true);
    expect(rows.some((r) => r.task.includes('\n'))).toBe(true);
    expect(rows.some((r) => r.leadUnits.includes('\n'))).toBe(true);
  });
});

type Mutation =
  | { kind: 'flip'; at: number; bit: number }
  | { kind: 'insert'; at: number; bytes: Uint8Array }
  | { kind: 'delete'; at: number; length: number }
  | { kind: 'truncate'; at: number }
  | { kind: 'duplicate'; from: number; length: number; to: number };

const position = fc.nat({ max: 1_000_000 });
const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), at: position, bit: fc.integer({ min: 0, max: 7 }) }),
  fc.record({
    kind: fc.constant('insert' as const),
    at: position,
    bytes: fc.uint8Array({ minLength: 1, maxLength: 32 }),
  }),
  fc.record({
    kind: fc.constant('delete' as const),
    at: position,
    length: fc.integer({ min: 1, max: 4096 }),
  }),
  fc.record({ kind: fc.constant('truncate' as const), at: position }),
  fc.record({
    kind: fc.constant('duplicate' as const),
    from: position,
    length: fc.integer({ min: 1, max: 4096 }),
    to: position,
  }),
);

function mutate(input: Uint8Array, mutations: readonly Mutation[]): Uint8Array {
  let bytes = input;
  for (const m of mutations) {
    const n = bytes.length;
    const at = (p: number) => (n === 0 ? 0 : p % (n + 1));
    switch (m.kind) {
      case 'flip': {
        if (n === 0) break;
        const copy = bytes.slice();
        const i = m.at % n;
        copy[i] = copy[i]! ^ (1 << m.bit);
        bytes = copy;
        break;
      }
      case 'insert':
        bytes = concat(bytes.subarray(0, at(m.at)), m.bytes, bytes.subarray(at(m.at)));
        break;
      case 'delete':
        bytes = concat(bytes.subarray(0, at(m.at)), bytes.subarray(at(m.at) + m.length));
        break;
      case 'truncate':
        bytes = bytes.subarray(0, at(m.at));
        break;
      case 'duplicate': {
        const range = bytes.subarray(at(m.from), at(m.from) + m.length);
        bytes = concat(bytes.subarray(0, at(m.to)), range, bytes.subarray(at(m.to)));
        break;
      }
    }
  }
  return bytes;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((s, p) => s + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

const FAILURES: readonly ReadFailureCode[] = [
  'empty-file',
  'too-large',
  'binary',
  'not-utf8',
  'corrupt-zip',
  'unsupported-format',
  'no-table',
  'no-header',
  // a mutated span or reference may pass a reading limit
  'over-limit',
];

/** Either plans, each with its findings, or one failure with a known code and a message. */
function expectAnswer(read: ReadOutcome): void {
  if (read.ok) {
    for (const p of read.plans) {
      expect(Array.isArray(p.plan.rows)).toBe(true);
      expect(Array.isArray(p.findings)).toBe(true);
    }
  } else {
    expect(FAILURES).toContain(read.failure.code);
    expect(readFailureMessage(read.failure, 'vi')).not.toBe('');
  }
}

describe('damaged files never make the reader throw', () => {
  const files: Record<'text' | 'xlsx' | 'docx', Uint8Array> = {
    text: seedBytes(),
    xlsx: new Uint8Array(),
    docx: new Uint8Array(),
  };

  beforeAll(async () => {
    const plans = (await readSeed()).map((p) => p.plan);
    files.xlsx = await writeXlsx(plans);
    files.docx = await writeDocx(plans);
  });

  it.each([
    ['text', 150],
    // a damaged ZIP part fails its CRC at once, so most mutations end there (≈96 %): more runs keep
    // the files that still read among the outcomes, and cost little
    ['xlsx', 200],
    ['docx', 200],
  ] as const)('the seed as %s, mutated', async (kind, numRuns) => {
    const outcomes = new Set<string>();
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), async (mutations) => {
        const read = await readPlans(mutate(files[kind], mutations));
        expectAnswer(read);
        outcomes.add(read.ok ? 'plans' : read.failure.code);
      }),
      { numRuns },
    );
    // the mutations reach past the first check: some files still read, some are refused
    expect(outcomes.size).toBeGreaterThan(1);
  });
});
