/**
 * Findings: what a reader or the checker has to say about a document, as values. Each rule has one
 * entry in the catalog below with its Vietnamese and English message and whether it stops an
 * import. A rule "blocks" when the plan could not be stored faithfully (a broken tree, a value that
 * is not a number, a score outside 0..max); inconsistencies of the document itself (sums that do
 * not add up) are stored as written and reported, because the approved appendix is what it is.
 */
import { formatScore, type Score } from './score.js';

export type Severity = 'error' | 'warning' | 'info';
export type Lang = 'vi' | 'en';
export type ScoreField = 'max' | 'baseline' | 'target';

/** Where in the source a finding points: a text line, a spreadsheet cell or a Word table cell. */
export interface SourceLocation {
  line?: number;
  sheet?: string;
  table?: number;
  row?: number;
  column?: number;
}

export type ParamValue = string | number | Score | null;
export type FindingParams = Record<string, ParamValue>;

export interface Finding {
  rule: RuleId;
  severity: Severity;
  /** criterion code the finding is about, when there is one */
  code: string | null;
  location: SourceLocation | null;
  params: FindingParams;
}

type Render = (p: FindingParams, lang: Lang) => string;

interface RuleSpec {
  blocksImport: boolean;
  vi: Render;
  en: Render;
}

function isScore(v: ParamValue): v is Score {
  return typeof v === 'object' && v !== null && 'units' in v;
}

function val(v: ParamValue | undefined, lang: Lang): string {
  if (v === undefined || v === null) return lang === 'vi' ? '(trống)' : '(empty)';
  if (isScore(v)) return formatScore(v, lang);
  return String(v);
}

const FIELD_VI: Record<string, string> = {
  max: 'điểm chuẩn',
  baseline: 'điểm đạt được năm trước',
  target: 'điểm mục tiêu',
};
const FIELD_EN: Record<string, string> = { max: 'max score', baseline: 'baseline score', target: 'target' };
const fieldVi = (p: FindingParams) => FIELD_VI[val(p.field, 'vi')] ?? val(p.field, 'vi');
const fieldEn = (p: FindingParams) => FIELD_EN[val(p.field, 'en')] ?? val(p.field, 'en');

/** " (chênh 0,29)", " (chênh 0,0009, do làm tròn)"; nothing when one side is empty. */
function offBy(p: FindingParams, lang: Lang): string {
  if (p.difference === null || p.difference === undefined) return '';
  if (lang === 'vi') return ` (chênh ${val(p.difference, 'vi')}${p.rounding === 1 ? ', do làm tròn' : ''})`;
  return ` (off by ${val(p.difference, 'en')}${p.rounding === 1 ? ', rounding' : ''})`;
}

function sumRule(): RuleSpec {
  return {
    blocksImport: false,
    vi: (p) =>
      `Tổng ${fieldVi(p)} của các tiêu chí con là ${val(p.computed, 'vi')}, khác ${val(p.stated, 'vi')} ghi ở tiêu chí ${val(p.parent, 'vi')}${offBy(p, 'vi')}`,
    en: (p) =>
      `Children's ${fieldEn(p)} add up to ${val(p.computed, 'en')}, not the ${val(p.stated, 'en')} written for ${val(p.parent, 'en')}${offBy(p, 'en')}`,
  };
}

function totalRule(): RuleSpec {
  return {
    blocksImport: false,
    vi: (p) =>
      `Dòng tổng ghi ${fieldVi(p)} ${val(p.stated, 'vi')}, nhưng tổng các lĩnh vực là ${val(p.computed, 'vi')}${offBy(p, 'vi')}`,
    en: (p) =>
      `The total row states ${fieldEn(p)} ${val(p.stated, 'en')}, but the areas add up to ${val(p.computed, 'en')}${offBy(p, 'en')}`,
  };
}

function aboveMaxRule(): RuleSpec {
  return {
    blocksImport: true,
    vi: (p) => `${cap(fieldVi(p))} ${val(p.value, 'vi')} vượt điểm chuẩn ${val(p.max, 'vi')}`,
    en: (p) => `${cap(fieldEn(p))} ${val(p.value, 'en')} is above the max score ${val(p.max, 'en')}`,
  };
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const CODE_FIX_VI: Record<string, string> = {
  comma: 'dấu phẩy thay dấu chấm',
  'trailing-dot': 'dấu chấm ở cuối',
  roman: 'số La Mã',
  spaces: 'khoảng trắng',
  'leading-zero': 'số 0 ở đầu',
};
const CODE_FIX_EN: Record<string, string> = {
  comma: 'comma for a dot',
  'trailing-dot': 'trailing dot',
  roman: 'Roman numeral',
  spaces: 'spaces',
  'leading-zero': 'leading zero',
};

export const RULES = {
  'sum-max': sumRule(),
  'sum-baseline': sumRule(),
  'sum-target': sumRule(),
  'total-max': totalRule(),
  'total-baseline': totalRule(),
  'total-target': totalRule(),
  'areas-not-100': {
    blocksImport: false,
    vi: (p) => `Tổng điểm chuẩn các lĩnh vực là ${val(p.computed, 'vi')}, không phải 100`,
    en: (p) => `The areas' max scores add up to ${val(p.computed, 'en')}, not 100`,
  },
  'baseline-above-max': aboveMaxRule(),
  'target-above-max': aboveMaxRule(),
  'negative-score': {
    blocksImport: true,
    vi: (p) => `${cap(fieldVi(p))} âm: ${val(p.value, 'vi')}`,
    en: (p) => `Negative ${fieldEn(p)}: ${val(p.value, 'en')}`,
  },
  'target-below-baseline': {
    blocksImport: false,
    vi: (p) => `Mục tiêu ${val(p.target, 'vi')} thấp hơn điểm đạt được năm trước ${val(p.baseline, 'vi')}`,
    en: (p) => `Target ${val(p.target, 'en')} is below the baseline ${val(p.baseline, 'en')}`,
  },
  'duplicate-code': {
    blocksImport: true,
    vi: (p) => `Mã ${val(p.code, 'vi')} lặp lại (đã có ở dòng ${val(p.first, 'vi')})`,
    en: (p) => `Code ${val(p.code, 'en')} appears twice (first on row ${val(p.first, 'en')})`,
  },
  'missing-parent': {
    blocksImport: true,
    vi: (p) => `Không có tiêu chí cha ${val(p.parent, 'vi')} của ${val(p.code, 'vi')}`,
    en: (p) => `Parent ${val(p.parent, 'en')} of ${val(p.code, 'en')} is missing`,
  },
  'numbering-gap': {
    blocksImport: false,
    vi: (p) => `Số thứ tự bị nhảy: sau ${val(p.previous, 'vi')} là ${val(p.code, 'vi')}`,
    en: (p) => `Numbering gap: ${val(p.code, 'en')} follows ${val(p.previous, 'en')}`,
  },
  'code-normalised': {
    blocksImport: false,
    vi: (p) =>
      `Mã "${val(p.raw, 'vi')}" được hiểu là ${val(p.code, 'vi')} (${val(p.fixes, 'vi')
        .split(',')
        .map((f) => CODE_FIX_VI[f] ?? f)
        .join(', ')})`,
    en: (p) =>
      `Code "${val(p.raw, 'en')}" read as ${val(p.code, 'en')} (${val(p.fixes, 'en')
        .split(',')
        .map((f) => CODE_FIX_EN[f] ?? f)
        .join(', ')})`,
  },
  'malformed-code': {
    blocksImport: true,
    vi: (p) => `Mã tiêu chí không hợp lệ: "${val(p.raw, 'vi')}"`,
    en: (p) => `Malformed criterion code: "${val(p.raw, 'en')}"`,
  },
  'leaf-without-lead-unit': {
    blocksImport: false,
    vi: () => `Tiêu chí chưa có đơn vị chủ trì`,
    en: () => `No lead unit for this criterion`,
  },
  'leaf-without-task': {
    blocksImport: false,
    vi: () => `Tiêu chí chưa có nhiệm vụ, giải pháp`,
    en: () => `No task for this criterion`,
  },
  'markup-in-cell': {
    blocksImport: false,
    vi: (p) => `Ô có mã định dạng HTML (${val(p.tags, 'vi')}), đã chuyển thành văn bản thường`,
    en: (p) => `Cell holds HTML markup (${val(p.tags, 'en')}), turned into plain text`,
  },
  'invalid-number': {
    blocksImport: true,
    vi: (p) => `${cap(fieldVi(p))} không phải là số: "${val(p.text, 'vi')}"`,
    en: (p) => `${cap(fieldEn(p))} is not a number: "${val(p.text, 'en')}"`,
  },
  'too-many-decimals': {
    blocksImport: true,
    vi: (p) => `${cap(fieldVi(p))} "${val(p.text, 'vi')}" có quá 4 chữ số thập phân`,
    en: (p) => `${cap(fieldEn(p))} "${val(p.text, 'en')}" has more than 4 decimals`,
  },
  'missing-max': {
    blocksImport: true,
    vi: () => `Tiêu chí chưa có điểm chuẩn`,
    en: () => `No max score for this criterion`,
  },
  'missing-value': {
    blocksImport: false,
    vi: (p) => `Chưa có ${fieldVi(p)}`,
    en: (p) => `No ${fieldEn(p)}`,
  },
  'row-without-code': {
    blocksImport: false,
    vi: (p) => `Dòng không có mã tiêu chí, bỏ qua: "${val(p.text, 'vi')}"`,
    en: (p) => `Row without a criterion code, skipped: "${val(p.text, 'en')}"`,
  },
  'row-continued': {
    blocksImport: false,
    vi: (p) => `Dòng không có mã được nối vào tiêu chí ${val(p.code, 'vi')} ở trên (dòng bị ngắt trang)`,
    en: (p) => `Row without a code joined to criterion ${val(p.code, 'en')} above (split across pages)`,
  },
  'code-from-number': {
    blocksImport: false,
    vi: (p) => `Mã lưu dạng số ${val(p.number, 'vi')} được hiểu là ${val(p.code, 'vi')}`,
    en: (p) => `Code stored as the number ${val(p.number, 'en')} read as ${val(p.code, 'en')}`,
  },
  'merged-cell': {
    blocksImport: false,
    vi: (p) => `Ô gộp: giá trị "${val(p.text, 'vi')}" áp dụng cho cả dòng này`,
    en: (p) => `Merged cell: "${val(p.text, 'en')}" applied to this row too`,
  },
  'unit-name-folded': {
    blocksImport: false,
    vi: (p) => `Tên đơn vị "${val(p.original, 'vi')}" được hiểu là "${val(p.unit, 'vi')}"`,
    en: (p) => `Unit name "${val(p.original, 'en')}" read as "${val(p.unit, 'en')}"`,
  },
  'missing-column': {
    blocksImport: false,
    vi: (p) => `Bảng không có cột ${val(p.column, 'vi')}`,
    en: (p) => `The table has no ${val(p.columnEn, 'en')} column`,
  },
  'year-assumed': {
    blocksImport: false,
    vi: (p) => `Không ghi năm của điểm đạt được; coi là năm ${val(p.year, 'vi')}`,
    en: (p) => `The baseline year is not written; taken as ${val(p.year, 'en')}`,
  },
  'subject-unknown': {
    blocksImport: true,
    vi: () => `Không xác định được địa phương, đơn vị của phụ lục (tên tỉnh, huyện… trong tiêu đề)`,
    en: () => `Cannot tell whose plan this is (province, district… in the title)`,
  },
  'year-unknown': {
    blocksImport: true,
    vi: () => `Không xác định được năm kế hoạch (trong tiêu đề hoặc cột mục tiêu)`,
    en: () => `Cannot tell the plan year (from the title or the target column)`,
  },
  // a list of reorganisations (formats/lineage-list.ts, modules/unit-events.ts): any error refuses it
  'lineage-missing-column': {
    blocksImport: true,
    vi: (p) => `Danh sách không có cột "${val(p.column, 'vi')}"`,
    en: (p) => `The list has no "${val(p.columnEn, 'en')}" column`,
  },
  'lineage-missing-value': {
    blocksImport: true,
    vi: (p) => `Thiếu "${val(p.column, 'vi')}"`,
    en: (p) => `The ${val(p.columnEn, 'en')} is missing`,
  },
  'lineage-bad-event': {
    blocksImport: true,
    vi: (p) =>
      `Không hiểu sự kiện "${val(p.value, 'vi')}": ghi sáp nhập, chia tách, đổi tên, điều chuyển hoặc giải thể`,
    en: (p) => `Unknown event "${val(p.value, 'en')}": write merged, split, renamed, moved or dissolved`,
  },
  'lineage-bad-date': {
    blocksImport: true,
    vi: (p) => `Ngày "${val(p.value, 'vi')}" không đúng (dd/mm/yyyy)`,
    en: (p) => `"${val(p.value, 'en')}" is not a date (dd/mm/yyyy)`,
  },
  'lineage-unknown-unit': {
    blocksImport: true,
    vi: (p) => `Không có đơn vị "${val(p.name, 'vi')}" trong phạm vi quản lý`,
    en: (p) => `No unit "${val(p.name, 'en')}" within your reach`,
  },
  'lineage-ambiguous-unit': {
    blocksImport: true,
    vi: (p) => `Có nhiều đơn vị tên "${val(p.name, 'vi')}": ghi tên đầy đủ hơn hoặc ghi nhận bằng biểu mẫu`,
    en: (p) => `Several units are named "${val(p.name, 'en')}": use the form`,
  },
  'lineage-conflict': {
    blocksImport: true,
    vi: (p) => val(p.vi, 'vi'),
    en: (p) => val(p.en, 'en'),
  },
  'lineage-new-unit': {
    blocksImport: false,
    vi: (p) => `Đơn vị mới "${val(p.name, 'vi')}" sẽ được tạo`,
    en: (p) => `The new unit "${val(p.name, 'en')}" will be created`,
  },
} satisfies Record<string, RuleSpec>;

export type RuleId = keyof typeof RULES;

/** Every rule of the catalog (for the API's schema and the completeness test). */
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];

export function ruleBlocksImport(rule: RuleId): boolean {
  return RULES[rule].blocksImport;
}

export function findingMessage(f: Finding, lang: Lang): string {
  return RULES[f.rule][lang](f.params, lang);
}

export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && ruleBlocksImport(f.rule));
}

/** "dòng 177", "trang tính 'Phụ lục', ô C12", "bảng 1, hàng 5, cột 3". */
export function formatLocation(loc: SourceLocation | null, lang: Lang): string {
  if (!loc) return '';
  const parts: string[] = [];
  if (loc.sheet !== undefined) {
    if (loc.column !== undefined && loc.row !== undefined) {
      parts.push(
        lang === 'vi'
          ? `trang tính '${loc.sheet}', ô ${columnLetter(loc.column)}${loc.row}`
          : `sheet '${loc.sheet}', cell ${columnLetter(loc.column)}${loc.row}`,
      );
    } else {
      parts.push(
        lang === 'vi' ? `trang tính '${loc.sheet}', hàng ${loc.row}` : `sheet '${loc.sheet}', row ${loc.row}`,
      );
    }
    return parts.join(', ');
  }
  if (loc.table !== undefined) parts.push(lang === 'vi' ? `bảng ${loc.table}` : `table ${loc.table}`);
  if (loc.line !== undefined) parts.push(lang === 'vi' ? `dòng ${loc.line}` : `line ${loc.line}`);
  if (loc.row !== undefined) parts.push(lang === 'vi' ? `hàng ${loc.row}` : `row ${loc.row}`);
  if (loc.column !== undefined) parts.push(lang === 'vi' ? `cột ${loc.column}` : `column ${loc.column}`);
  return parts.join(', ');
}

/** 1 → A, 27 → AA */
export function columnLetter(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}
