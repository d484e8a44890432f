/**
 * Frameworks read from their documents: the sample commune framework in its three forms (the text
 * source, the DOCX and XLSX written from it) reads with every method recognised; a method no
 * pattern matches is scored by hand with a finding at its cell; options on rows of their own join
 * the method above; plans and frameworks are not taken for each other; the worker pool reads
 * frameworks too; the seed's two trees become frameworks of manual leaves.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { checkFramework } from '../src/core/framework-check.js';
import { frameworkFromPlan } from '../src/core/framework-from-plan.js';
import {
  RULE_KINDS,
  type FrameworkDocument,
  type RuleKind,
  type ScoringRule,
} from '../src/core/framework.js';
import { sum, toNumber } from '../src/core/score.js';
import { readFrameworks, type ReadFramework } from '../src/formats/framework-read.js';
import { closeReadPool, readFrameworksInPool } from '../src/formats/read-pool.js';
import { readPlans } from '../src/formats/read.js';
import { ROOT } from './helpers/fixtures.js';
import { readSeed } from './helpers/plans.js';

const SAMPLES = ['txt', 'docx', 'xlsx'].map((ext) =>
  resolve(ROOT, `samples/frameworks/bo-tieu-chi-cap-xa-2026.${ext}`),
);
const bytesOf = (path: string) => new Uint8Array(readFileSync(path));
const tsv = (lines: string[]) => new TextEncoder().encode(lines.join('\n'));

function kindsOf(rule: ScoringRule | null): RuleKind[] {
  if (rule === null) return [];
  return rule.kind === 'gate' ? ['gate', ...kindsOf(rule.rule)] : [rule.kind];
}

async function readOne(bytes: Uint8Array, name: string): Promise<ReadFramework> {
  const read = await readFrameworks(bytes, name);
  expect(read.failure).toBeUndefined();
  expect(read.frameworks).toHaveLength(1);
  return read.frameworks[0]!;
}

/**
 * What must be the same whatever the document's format: locations differ by nature, and so does the
 * method's layout (the DOCX and XLSX print one clause a line, "- …;"), not the rule read from it.
 */
function comparable(doc: FrameworkDocument) {
  return { ...doc, criteria: doc.criteria.map(({ location: _location, method: _method, ...c }) => c) };
}

afterAll(() => closeReadPool());

describe.each(SAMPLES)('the sample framework %s', (path) => {
  let read: ReadFramework;
  const leaves = () => read.document.criteria.filter((c) => c.rule !== null);

  it('reads as one commune framework of 2026 issued by its decision', async () => {
    read = await readOne(bytesOf(path), path);
    const { document } = read;
    expect(document.title).toBe('BỘ TIÊU CHÍ XÁC ĐỊNH CHỈ SỐ CẢI CÁCH HÀNH CHÍNH CỦA UBND CẤP XÃ NĂM 2026');
    expect(document.decision).toEqual({ number: '2468/QĐ-UBND', date: '2025-12-15' });
    expect(document.unitGroup).toBe('commune');
    expect([document.yearFrom, document.yearTo]).toEqual([2026, 2026]);
  });

  it('recognises every method: no finding at all, least of all "method not recognised"', () => {
    expect(read.findings.map((f) => `${f.rule} ${f.code}`)).toEqual([]);
    expect(leaves().filter((c) => c.rule?.kind === 'manual' && c.scorer !== 'council')).toEqual([]);
  });

  it('has at least 30 leaves and every kind of rule', () => {
    expect(leaves().length).toBeGreaterThanOrEqual(30);
    const kinds = new Set(leaves().flatMap((c) => kindsOf(c.rule)));
    expect([...RULE_KINDS].filter((k) => !kinds.has(k))).toEqual([]);
  });

  it('scores 100 over its eight areas, the bonus and penalty area on top', () => {
    const roots = read.document.criteria.filter((c) => !c.code.includes('.'));
    expect(roots).toHaveLength(9);
    const areas = roots.filter((c) => c.max !== null);
    expect(areas).toHaveLength(8);
    expect(toNumber(sum(areas.map((a) => a.max!)))).toBe(100);
    const extra = read.document.criteria.filter((c) => c.code.startsWith('9.') && c.rule !== null);
    expect(new Set(extra.map((c) => c.scorer))).toEqual(new Set(['bonus', 'penalty']));
    expect(new Set(extra.map((c) => c.rule!.kind))).toEqual(new Set(['bonus', 'penalty']));
  });

  it('reads who scores and who follows each criterion from its columns', () => {
    const byCode = new Map(read.document.criteria.map((c) => [c.code, c]));
    expect(byCode.get('8.1.2')?.scorer).toBe('survey');
    expect(byCode.get('4.1.2')?.scorer).toBe('council');
    expect(byCode.get('1.1.1')?.scorer).toBe('self');
    // the department written on the area follows each of its criteria
    expect(byCode.get('2.3.2')?.followedBy).toBe('Sở Tư pháp');
    expect(byCode.get('7.3.2')?.followedBy).toBe('Sở Khoa học và Công nghệ');
  });

  it('makes plan completion (1.1.4) depend on issuing the plan (1.1.1), as 1.1.1 says', () => {
    const rule = read.document.criteria.find((c) => c.code === '1.1.4')?.rule;
    expect(rule?.kind === 'gate' && [rule.code, rule.rule.kind]).toEqual(['1.1.1', 'bands']);
  });
});

describe('the three forms of the sample', () => {
  it('read to the same framework', async () => {
    const [text, docx, xlsx] = await Promise.all(
      SAMPLES.map(async (p) => comparable((await readOne(bytesOf(p), p)).document)),
    );
    expect(docx).toEqual(text);
    expect(xlsx).toEqual(text);
  });

  it('are not plans, and a plan is not a framework', async () => {
    const asPlans = await readPlans(bytesOf(SAMPLES[2]!));
    expect(asPlans.ok === false && asPlans.failure.code).toBe('no-header');
    const seed = await readFrameworks(
      bytesOf(resolve(ROOT, 'samples/phu-luc-dak-nong-2022-krong-no-2023.txt')),
      'x.txt',
    );
    expect(seed).toEqual({ frameworks: [], failure: { code: 'no-header' } });
  });
});

describe('readFrameworks on hand-made tables', () => {
  const HEADER = 'TT\tTài liệu kiểm chứng\tNội dung tiêu chí\tĐiểm tối đa\tCách tính điểm';

  it('keeps a method no pattern matches, scores it by hand and says where it is', async () => {
    const read = await readOne(
      tsv([
        'Bộ chỉ số CCHC của các sở, ban, ngành giai đoạn 2022–2030',
        HEADER,
        '1\t\tCông tác chỉ đạo\t2\t',
        '1.1\tKế hoạch\tBan hành kế hoạch\t1\tBan hành kịp thời: 1 điểm; Không ban hành: 0 điểm',
        '1.2\tBáo cáo\tChất lượng báo cáo\t1\tDo Sở Nội vụ xem xét',
      ]),
      'bo-chi-so.txt',
    );
    expect(read.document.unitGroup).toBe('department');
    expect([read.document.yearFrom, read.document.yearTo]).toEqual([2022, 2030]);
    const leaf = read.document.criteria.find((c) => c.code === '1.2')!;
    expect(leaf.rule).toEqual({ kind: 'manual', step: { units: 2500, scale: 2 } });
    expect(leaf.method).toBe('Do Sở Nội vụ xem xét');
    expect(leaf.evidence).toBe('Báo cáo');
    const found = read.findings.filter((f) => f.rule === 'method-not-recognised');
    expect(found).toEqual([
      {
        rule: 'method-not-recognised',
        severity: 'warning',
        code: '1.2',
        location: { line: 5, column: 5 },
        params: { text: 'Do Sở Nội vụ xem xét' },
      },
    ]);
    expect(checkFramework(read.document).filter((f) => f.severity === 'error')).toEqual([]);
  });

  it('joins options written on rows of their own to the method above', async () => {
    const read = await readOne(
      tsv([
        'BỘ TIÊU CHÍ CHỈ SỐ CCHC CỦA UBND CÁC PHƯỜNG NĂM 2026',
        HEADER,
        '1\t\tCông tác chỉ đạo\t1\t',
        '1.1\tKế hoạch\tBan hành kế hoạch CCHC năm\t1\t',
        '-\t\tBan hành kịp thời\t1\t',
        '-\t\tBan hành không kịp thời\t0,5\t',
        '\t\t- Không ban hành\t0\t',
      ]),
      'phuong.txt',
    );
    expect(read.document.unitGroup).toBe('ward');
    const leaf = read.document.criteria.find((c) => c.code === '1.1')!;
    expect(leaf.method).toBe(
      'Ban hành kịp thời: 1 điểm\nBan hành không kịp thời: 0,5 điểm\nKhông ban hành: 0 điểm',
    );
    expect(leaf.rule?.kind === 'choice' && leaf.rule.options.map((o) => o.label)).toEqual([
      'Ban hành kịp thời',
      'Ban hành không kịp thời',
      'Không ban hành',
    ]);
    expect(read.findings.filter((f) => f.rule === 'row-continued')).toHaveLength(3);
  });

  it('finds the criterion a "… thì tiêu chí này = 0" depends on by its name', async () => {
    const read = await readOne(
      tsv([
        HEADER,
        '1\t\tKế hoạch CCHC\t3\t',
        '1.1\t\tBan hành kế hoạch CCHC năm\t1\tĐạt yêu cầu: 1 điểm; Không đạt yêu cầu: 0 điểm',
        '1.2\t\tMức độ thực hiện kế hoạch\t2\tTừ 90% trở lên: 2 điểm; dưới 90%: 0 điểm. Không ban hành kế hoạch CCHC năm thì tiêu chí này = 0',
      ]),
      'khung.txt',
    );
    const rule = read.document.criteria.find((c) => c.code === '1.2')?.rule;
    expect(rule?.kind === 'gate' && rule.code).toBe('1.1');
    expect(read.document.unitGroup).toBe(null);
  });

  it('refuses what is no table of criteria as a whole file, never by throwing', async () => {
    expect(await readFrameworks(new Uint8Array(), 'empty.txt')).toEqual({
      frameworks: [],
      failure: { code: 'empty-file' },
    });
    expect(await readFrameworks(tsv(['Chỉ là một đoạn văn bản.']), 'note.txt')).toEqual({
      frameworks: [],
      failure: { code: 'no-table' },
    });
    expect((await readFrameworks(tsv(['STT\tTiêu chí\tĐiểm tối đa', '1\tA\t1']), 'p.txt')).failure).toEqual({
      code: 'no-header',
    });
  });
});

describe('readFrameworksInPool', () => {
  it('reads in a worker what readFrameworks reads here', async () => {
    const bytes = bytesOf(SAMPLES[2]!);
    const [here, pooled] = await Promise.all([
      readFrameworks(bytes, 'a.xlsx'),
      readFrameworksInPool(bytes, 'a.xlsx'),
    ]);
    expect(pooled).toEqual(here);
  }, 60_000);

  it('gives a file past the limits a failure in the framework shape', async () => {
    const pooled = await readFrameworksInPool(
      new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0, 0, 0, 0]),
      'old.doc',
    );
    expect(pooled).toEqual({
      frameworks: [],
      failure: { code: 'unsupported-format', detail: 'XLS/DOC 97-2003' },
    });
  }, 60_000);
});

describe('frameworkFromPlan: the seed trees as frameworks', () => {
  it.each([
    [0, 'province', 2022],
    [1, 'district', 2023],
  ] as const)('seed plan %i', async (index, group, year) => {
    const plan = (await readSeed())[index].plan;
    const doc = frameworkFromPlan(plan);
    expect([doc.unitGroup, doc.yearFrom, doc.yearTo, doc.title]).toEqual([group, year, year, plan.title]);
    expect(doc.criteria.map((c) => [c.code, c.max])).toEqual(plan.rows.map((r) => [r.code, r.max]));
    const leaves = doc.criteria.filter((c) => !doc.criteria.some((o) => o.code.startsWith(`${c.code}.`)));
    expect(leaves.length).toBeGreaterThan(20);
    for (const c of doc.criteria) {
      const leaf = leaves.includes(c);
      expect(c.rule).toEqual(leaf ? { kind: 'manual', step: { units: 2500, scale: 2 } } : null);
      expect([c.scorer, c.notApplicable, c.method]).toEqual(['self', 'not-allowed', '']);
    }
    // what the checker says of the tree is what it says of the plan's (its sums), nothing about rules
    const ruleFindings = checkFramework(doc).filter(
      (f) => !f.rule.startsWith('sum-') && f.rule !== 'areas-not-100',
    );
    expect(ruleFindings).toEqual([]);
  });

  it('takes the unit group it is given', async () => {
    const plan = (await readSeed())[1].plan;
    expect(frameworkFromPlan(plan, { unitGroup: 'commune' }).unitGroup).toBe('commune');
  });
});
