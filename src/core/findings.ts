/**
 * Findings: what a reader or the checker has to say about a document, as values. Each rule has one
 * entry in the catalog below with its Vietnamese and English message and whether it stops an
 * import. A rule "blocks" when the plan could not be stored faithfully (a broken tree, a value that
 * is not a number, a score outside 0..max); inconsistencies of the document itself (sums that do
 * not add up) are stored as written and reported, because the approved appendix is what it is.
 */
import { lineageConflictText, type LineageConflict } from './messages/lineage.js';
import { formatScore, trimScale, type Score } from './score.js';

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
/** A finding's parameters whatever its rule: the form JSON carries them in (the API, the page). */
export type AnyFindingParams = Readonly<Record<string, ParamValue>>;

/** A stated value against its children's or the areas' sum (core/check.ts#sumFinding). */
type SumParams = {
  field: ScoreField;
  stated: Score | null;
  computed: Score | null;
  difference: Score | null;
  /** 1 when the difference is only rounding */
  rounding: 0 | 1;
};
type NoParams = Record<string, never>;

/**
 * Each rule's parameters. A rule is one entry here and one in RULES below: RULES must have an
 * entry for every rule of this map and no other (tsc says which is missing), its messages read
 * these parameters, and finding() takes exactly these — a wrong or missing parameter does not compile.
 */
export type FindingParamsOf = {
  'sum-max': SumParams & { parent: string };
  'sum-baseline': SumParams & { parent: string };
  'sum-target': SumParams & { parent: string };
  'total-max': SumParams;
  'total-baseline': SumParams;
  'total-target': SumParams;
  'areas-not-100': { computed: Score };
  'baseline-above-max': { field: ScoreField; value: Score; max: Score };
  'target-above-max': { field: ScoreField; value: Score; max: Score };
  'negative-score': { field: ScoreField; value: Score };
  'target-below-baseline': { target: Score; baseline: Score };
  /** first: the line or row of the first occurrence */
  'duplicate-code': { code: string; first: number | null };
  'missing-parent': { code: string; parent: string | null };
  'numbering-gap': { code: string; previous: string };
  /** fixes: comma-separated keys of CODE_FIX_VI */
  'code-normalised': { raw: string; code: string; fixes: string };
  'malformed-code': { raw: string };
  'leaf-without-lead-unit': NoParams;
  'leaf-without-task': NoParams;
  'markup-in-cell': { tags: string };
  'invalid-number': { field: ScoreField; text: string };
  'too-many-decimals': { field: ScoreField; text: string };
  'missing-max': NoParams;
  'missing-value': { field: ScoreField };
  'row-without-code': { text: string };
  'row-continued': { code: string };
  'code-from-number': { number: string; code: string };
  'merged-cell': { text: string };
  'unit-name-folded': { original: string; unit: string };
  'missing-column': { column: string; columnEn: string };
  'year-assumed': { year: number };
  'subject-unknown': NoParams;
  'year-unknown': NoParams;
  // frameworks (core/framework-check.ts)
  'rule-exceeds-max': { points: Score; max: Score };
  'rule-below-max': { points: Score; max: Score };
  /** 1-based position of the band */
  'bands-out-of-order': { band: number };
  /** the last band's count, or its edge in hundredths of a percent */
  'bands-incomplete': { count: number | null; percent: number | null };
  'duplicate-option': { label: string };
  'gate-unknown': { target: string };
  'gate-self': NoParams;
  /** "1.1.4 → 1.1.1 → 1.1.4" */
  'gate-cycle': { codes: string };
  'leaf-without-rule': NoParams;
  'missing-cap': NoParams;
  'rule-invalid': { reason: RuleFault };
  'method-not-recognised': { text: string };
  // a list of reorganisations (formats/lineage-list.ts, modules/unit-events.ts)
  'lineage-missing-column': { column: string; columnEn: string };
  'lineage-missing-value': { column: string; columnEn: string };
  'lineage-bad-event': { value: string };
  'lineage-bad-date': { value: string };
  'lineage-unknown-unit': { name: string };
  'lineage-ambiguous-unit': { name: string };
  /** the same words as the error LINEAGE_CONFLICT (core/messages/lineage.ts) */
  'lineage-conflict': LineageConflict;
  'lineage-new-unit': { name: string };
  // a survey's scores (formats/survey-read.ts, modules/survey.ts): any error refuses the import
  'survey-missing-column': { column: string; columnEn: string };
  'survey-missing-value': { column: string; columnEn: string };
  'survey-bad-score': { text: string };
  'survey-too-many-decimals': { text: string };
  'survey-score-out-of-range': { value: Score; max: Score };
  'survey-unknown-criterion': { code: string };
  /** the criterion is a parent, or scored by someone other than the survey */
  'survey-not-survey-criterion': { code: string };
  /** first: the line or row of the first score of that unit and criterion */
  'survey-duplicate': { unit: string; first: number | null };
  'survey-unknown-unit': { name: string };
  // a published result's table (formats/results-read.ts, modules/results-import.ts)
  'results-missing-column': { column: string; columnEn: string };
  'results-missing-value': { column: string; columnEn: string };
  'results-bad-number': { text: string };
  'results-too-many-decimals': { text: string };
  /** a warning when off by at most 0,01 (rounding), an error beyond (core/result-parts.ts) */
  'results-components-sum': { unit: string; index: Score; sum: Score; difference: Score };
  'results-index-out-of-range': { value: Score };
  'results-above-max': { part: string; value: Score; max: Score };
  /** first: the line or row where the unit first appears */
  'results-duplicate-unit': { unit: string; first: number | null };
  'results-bad-rank': { text: string };
  'results-bad-group': { text: string };
  'results-unknown-unit': { name: string };
  // a result against the publication (modules/results.ts): the rank or group computed from the
  // stored indexes and the pool's bands differs from the one printed
  'result-rank-differs': { unit: string; published: number; computed: number | null };
  'result-group-differs': { unit: string; published: string; computed: string | null };
};

export type RuleId = keyof FindingParamsOf;

/** A finding of one rule, its parameters those of the rule. */
export interface FindingOf<R extends RuleId> {
  rule: R;
  severity: Severity;
  /** criterion code the finding is about, when there is one */
  code: string | null;
  location: SourceLocation | null;
  params: FindingParamsOf[R];
}

/** A finding of any of the rules `R` (a union on `rule`: narrowing the rule types the parameters). */
export type FindingFor<R extends RuleId> = R extends RuleId ? FindingOf<R> : never;
export type Finding = FindingFor<RuleId>;

/** A finding as JSON carries it (the API's schema cannot tie the parameters to the rule). */
export interface FindingJson {
  rule: RuleId;
  severity: Severity;
  code: string | null;
  location: SourceLocation | null;
  params: AnyFindingParams;
}

/**
 * The one way to make a finding: the parameters are checked against the rule's (for a rule chosen
 * among several, `rule: 'a' | 'b'`, against either's).
 */
export function finding<R extends RuleId>(
  rule: R,
  severity: Severity,
  code: string | null,
  location: SourceLocation | null,
  params: FindingParamsOf[R],
): FindingFor<R> {
  return { rule, severity, code, location, params } as FindingOf<R> as FindingFor<R>;
}

type Render<P> = (p: P, lang: Lang) => string;

interface RuleSpec<P> {
  blocksImport: boolean;
  vi: Render<P>;
  en: Render<P>;
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
const fieldVi = (p: { field: ScoreField }) => FIELD_VI[val(p.field, 'vi')] ?? val(p.field, 'vi');
const fieldEn = (p: { field: ScoreField }) => FIELD_EN[val(p.field, 'en')] ?? val(p.field, 'en');

/** " (chênh 0,29)", " (chênh 0,0009, do làm tròn)"; nothing when one side is empty. */
function offBy(p: SumParams, lang: Lang): string {
  if (p.difference === null || p.difference === undefined) return '';
  if (lang === 'vi') return ` (chênh ${val(p.difference, 'vi')}${p.rounding === 1 ? ', do làm tròn' : ''})`;
  return ` (off by ${val(p.difference, 'en')}${p.rounding === 1 ? ', rounding' : ''})`;
}

function sumRule(): RuleSpec<SumParams & { parent: string }> {
  return {
    blocksImport: false,
    vi: (p) =>
      `Tổng ${fieldVi(p)} của các tiêu chí con là ${val(p.computed, 'vi')}, khác ${val(p.stated, 'vi')} ghi ở tiêu chí ${val(p.parent, 'vi')}${offBy(p, 'vi')}`,
    en: (p) =>
      `Children's ${fieldEn(p)} add up to ${val(p.computed, 'en')}, not the ${val(p.stated, 'en')} written for ${val(p.parent, 'en')}${offBy(p, 'en')}`,
  };
}

function totalRule(): RuleSpec<SumParams> {
  return {
    blocksImport: false,
    vi: (p) =>
      `Dòng tổng ghi ${fieldVi(p)} ${val(p.stated, 'vi')}, nhưng tổng các lĩnh vực là ${val(p.computed, 'vi')}${offBy(p, 'vi')}`,
    en: (p) =>
      `The total row states ${fieldEn(p)} ${val(p.stated, 'en')}, but the areas add up to ${val(p.computed, 'en')}${offBy(p, 'en')}`,
  };
}

function aboveMaxRule(): RuleSpec<{ field: ScoreField; value: Score; max: Score }> {
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

/** What makes a rule unusable (the 'rule-invalid' finding's reason). */
export type RuleFault =
  | 'no-options'
  | 'no-bands'
  | 'no-parts'
  | 'no-conditions'
  | 'no-count-rule'
  | 'floor-above-full'
  | 'edge-above-100'
  | 'step-not-positive'
  | 'negative-points';

const RULE_FAULT_VI: Record<string, string> = {
  'no-options': 'chưa có phương án nào',
  'no-bands': 'chưa có khoảng nào',
  'no-parts': 'chưa có phần nào',
  'no-conditions': 'chưa có điều kiện nào',
  'no-count-rule': 'chưa có khoảng số lần cũng như số điểm trừ mỗi lần',
  'floor-above-full': 'ngưỡng tính điểm cao hơn ngưỡng đạt điểm tối đa',
  'edge-above-100': 'có ngưỡng tỷ lệ vượt 100 %',
  'step-not-positive': 'bước chấm điểm phải lớn hơn 0',
  'negative-points': 'số điểm (hoặc điểm trừ mỗi lần) âm',
};
const RULE_FAULT_EN: Record<string, string> = {
  'no-options': 'it has no options',
  'no-bands': 'it has no bands',
  'no-parts': 'it has no parts',
  'no-conditions': 'it has no conditions',
  'no-count-rule': 'it has neither count bands nor points per occurrence',
  'floor-above-full': 'its floor is above the ratio that gives the max',
  'edge-above-100': 'a band edge is above 100%',
  'step-not-positive': 'its step must be above 0',
  'negative-points': 'negative points (or points per occurrence)',
};

/** hundredths of a percent → "70 %" / "70%" */
function percent(v: ParamValue | undefined, lang: Lang): string {
  if (typeof v !== 'number') return val(null, lang);
  const text = formatScore(trimScale({ units: v * 100, scale: 0 }), lang);
  return lang === 'vi' ? `${text} %` : `${text}%`;
}

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
  // ——— frameworks (core/framework-check.ts) ———
  'rule-exceeds-max': {
    blocksImport: true,
    vi: (p) =>
      `Cách tính điểm cho tới ${val(p.points, 'vi')} điểm, vượt điểm tối đa ${val(p.max, 'vi')} của tiêu chí`,
    en: (p) =>
      `The rule gives up to ${val(p.points, 'en')} points, above the criterion's max ${val(p.max, 'en')}`,
  },
  'rule-below-max': {
    blocksImport: false,
    vi: (p) =>
      `Cách tính điểm cho nhiều nhất ${val(p.points, 'vi')} điểm, không bao giờ đạt điểm tối đa ${val(p.max, 'vi')}`,
    en: (p) =>
      `The rule gives at most ${val(p.points, 'en')} points and never reaches the max ${val(p.max, 'en')}`,
  },
  'bands-out-of-order': {
    blocksImport: true,
    vi: (p) =>
      `Khoảng thứ ${val(p.band, 'vi')} chồng lấn hoặc sai thứ tự so với khoảng trước nó (các khoảng phải nối tiếp nhau, không chồng lấn)`,
    en: (p) => `Band ${val(p.band, 'en')} overlaps the band before it or is out of order`,
  },
  'bands-incomplete': {
    blocksImport: false,
    vi: (p) =>
      typeof p.count === 'number'
        ? `Không có khoảng nào cho số lần trên ${p.count}`
        : `Không có khoảng nào cho tỷ lệ dưới ${percent(p.percent, 'vi')}`,
    en: (p) =>
      typeof p.count === 'number'
        ? `No band for a count above ${p.count}`
        : `No band for a ratio below ${percent(p.percent, 'en')}`,
  },
  'duplicate-option': {
    blocksImport: false,
    vi: (p) => `Hai phương án (hoặc phần, điều kiện) cùng tên "${val(p.label, 'vi')}"`,
    en: (p) => `Two options (or parts, conditions) share the label "${val(p.label, 'en')}"`,
  },
  'gate-unknown': {
    blocksImport: true,
    vi: (p) =>
      `Cách tính điểm phụ thuộc tiêu chí ${val(p.target, 'vi')}, nhưng bộ tiêu chí không có tiêu chí này`,
    en: (p) => `The rule depends on criterion ${val(p.target, 'en')}, which the framework does not have`,
  },
  'gate-self': {
    blocksImport: true,
    vi: () => `Cách tính điểm phụ thuộc chính tiêu chí này`,
    en: () => `The rule depends on its own criterion`,
  },
  'gate-cycle': {
    blocksImport: true,
    vi: (p) => `Các tiêu chí phụ thuộc lẫn nhau thành vòng: ${val(p.codes, 'vi')}`,
    en: (p) => `Criteria depend on each other in a cycle: ${val(p.codes, 'en')}`,
  },
  'leaf-without-rule': {
    blocksImport: true,
    vi: () => `Tiêu chí chưa có cách tính điểm`,
    en: () => `No scoring rule for this criterion`,
  },
  'missing-cap': {
    blocksImport: true,
    vi: () => `Điểm thưởng hoặc điểm trừ chưa có mức tối đa`,
    en: () => `Bonus or penalty points without a cap`,
  },
  'rule-invalid': {
    blocksImport: true,
    vi: (p) => `Cách tính điểm không dùng được: ${RULE_FAULT_VI[val(p.reason, 'vi')] ?? val(p.reason, 'vi')}`,
    en: (p) =>
      `The scoring rule cannot be used: ${RULE_FAULT_EN[val(p.reason, 'en')] ?? val(p.reason, 'en')}`,
  },
  'method-not-recognised': {
    blocksImport: false,
    vi: (p) => `Chưa nhận dạng được cách tính điểm "${val(p.text, 'vi')}": hãy đặt cách tính điểm bằng tay`,
    en: (p) => `Scoring method not recognised, set it by hand: "${val(p.text, 'en')}"`,
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
    vi: (p) => lineageConflictText(p, 'vi'),
    en: (p) => lineageConflictText(p, 'en'),
  },
  'lineage-new-unit': {
    blocksImport: false,
    vi: (p) => `Đơn vị mới "${val(p.name, 'vi')}" sẽ được tạo`,
    en: (p) => `The new unit "${val(p.name, 'en')}" will be created`,
  },
  'survey-missing-column': {
    blocksImport: true,
    vi: (p) => `Tệp khảo sát không có cột "${val(p.column, 'vi')}"`,
    en: (p) => `The survey file has no "${val(p.columnEn, 'en')}" column`,
  },
  'survey-missing-value': {
    blocksImport: true,
    vi: (p) => `Thiếu "${val(p.column, 'vi')}"`,
    en: (p) => `The ${val(p.columnEn, 'en')} is missing`,
  },
  'survey-bad-score': {
    blocksImport: true,
    vi: (p) => `Điểm "${val(p.text, 'vi')}" không phải là số`,
    en: (p) => `The score "${val(p.text, 'en')}" is not a number`,
  },
  'survey-too-many-decimals': {
    blocksImport: true,
    vi: (p) => `Điểm "${val(p.text, 'vi')}" có quá 4 chữ số thập phân`,
    en: (p) => `The score "${val(p.text, 'en')}" has more than 4 decimals`,
  },
  'survey-score-out-of-range': {
    blocksImport: true,
    vi: (p) => `Điểm ${val(p.value, 'vi')} nằm ngoài khoảng từ 0 đến điểm tối đa ${val(p.max, 'vi')}`,
    en: (p) => `The score ${val(p.value, 'en')} is outside 0 to the max score ${val(p.max, 'en')}`,
  },
  'survey-unknown-criterion': {
    blocksImport: true,
    vi: (p) => `Bộ tiêu chí của đợt đánh giá không có tiêu chí ${val(p.code, 'vi')}`,
    en: (p) => `The round's framework has no criterion ${val(p.code, 'en')}`,
  },
  'survey-not-survey-criterion': {
    blocksImport: true,
    vi: (p) =>
      `Tiêu chí ${val(p.code, 'vi')} không chấm bằng điều tra xã hội học: không nhập điểm khảo sát được`,
    en: (p) => `Criterion ${val(p.code, 'en')} is not scored by the survey: no survey score can be imported`,
  },
  'survey-duplicate': {
    blocksImport: true,
    vi: (p) =>
      `Đơn vị "${val(p.unit, 'vi')}" đã có điểm tiêu chí này` +
      (p.first === null ? '' : ` (dòng/hàng ${val(p.first, 'vi')})`),
    en: (p) =>
      `"${val(p.unit, 'en')}" already has a score for this criterion` +
      (p.first === null ? '' : ` (line/row ${val(p.first, 'en')})`),
  },
  'survey-unknown-unit': {
    blocksImport: true,
    vi: (p) => `Không có đơn vị "${val(p.name, 'vi')}" trong đợt đánh giá: hãy chọn đơn vị tương ứng`,
    en: (p) => `No unit "${val(p.name, 'en')}" in the round: map it to one`,
  },
  'results-missing-column': {
    blocksImport: true,
    vi: (p) => `Bảng kết quả không có cột "${val(p.column, 'vi')}"`,
    en: (p) => `The results table has no "${val(p.columnEn, 'en')}" column`,
  },
  'results-missing-value': {
    blocksImport: true,
    vi: (p) => `Thiếu "${val(p.column, 'vi')}"`,
    en: (p) => `The ${val(p.columnEn, 'en')} is missing`,
  },
  'results-bad-number': {
    blocksImport: true,
    vi: (p) => `"${val(p.text, 'vi')}" không phải là số`,
    en: (p) => `"${val(p.text, 'en')}" is not a number`,
  },
  'results-too-many-decimals': {
    blocksImport: true,
    vi: (p) => `"${val(p.text, 'vi')}" có quá 4 chữ số thập phân`,
    en: (p) => `"${val(p.text, 'en')}" has more than 4 decimals`,
  },
  'results-components-sum': {
    blocksImport: true,
    vi: (p) =>
      `Các thành phần của "${val(p.unit, 'vi')}" cộng lại được ${val(p.sum, 'vi')}, khác chỉ số ${val(p.index, 'vi')} (chênh ${val(p.difference, 'vi')})`,
    en: (p) =>
      `The components of "${val(p.unit, 'en')}" add up to ${val(p.sum, 'en')}, not the index ${val(p.index, 'en')} (off by ${val(p.difference, 'en')})`,
  },
  'results-index-out-of-range': {
    blocksImport: true,
    vi: (p) => `Chỉ số ${val(p.value, 'vi')} nằm ngoài khoảng 0 đến 100`,
    en: (p) => `The index ${val(p.value, 'en')} is outside 0 to 100`,
  },
  'results-above-max': {
    blocksImport: true,
    vi: (p) => `${val(p.part, 'vi')}: ${val(p.value, 'vi')} vượt điểm tối đa ${val(p.max, 'vi')}`,
    en: (p) => `${val(p.part, 'en')}: ${val(p.value, 'en')} is above the max ${val(p.max, 'en')}`,
  },
  'results-duplicate-unit': {
    blocksImport: true,
    vi: (p) =>
      `Đơn vị "${val(p.unit, 'vi')}" có hai dòng kết quả` +
      (p.first === null ? '' : ` (lần đầu ở dòng/hàng ${val(p.first, 'vi')})`),
    en: (p) =>
      `"${val(p.unit, 'en')}" has two result rows` +
      (p.first === null ? '' : ` (first on line/row ${val(p.first, 'en')})`),
  },
  'results-bad-rank': {
    blocksImport: true,
    vi: (p) => `Không đọc được thứ hạng "${val(p.text, 'vi')}" (ghi một số nguyên dương)`,
    en: (p) => `The rank "${val(p.text, 'en')}" cannot be read (write a positive whole number)`,
  },
  'results-bad-group': {
    blocksImport: true,
    vi: (p) => `Không đọc được nhóm, xếp loại "${val(p.text, 'vi')}"`,
    en: (p) => `The group "${val(p.text, 'en')}" cannot be read`,
  },
  'results-unknown-unit': {
    blocksImport: true,
    vi: (p) => `Không có đơn vị "${val(p.name, 'vi')}": hãy chọn đơn vị tương ứng`,
    en: (p) => `No unit "${val(p.name, 'en')}": map it to one`,
  },
  'result-rank-differs': {
    blocksImport: false,
    vi: (p) =>
      `${val(p.unit, 'vi')}: văn bản công bố xếp hạng ${val(p.published, 'vi')}, ` +
      `tính lại từ chỉ số được ${p.computed === null ? 'không xếp hạng' : `hạng ${val(p.computed, 'vi')}`}`,
    en: (p) =>
      `${val(p.unit, 'en')}: published rank ${val(p.published, 'en')}, ` +
      `computed from the index: ${p.computed === null ? 'no rank' : `rank ${val(p.computed, 'en')}`}`,
  },
  'result-group-differs': {
    blocksImport: false,
    vi: (p) =>
      `${val(p.unit, 'vi')}: văn bản công bố xếp loại "${val(p.published, 'vi')}", ` +
      `theo các mức xếp loại của nhóm là ${p.computed === null ? 'không thuộc mức nào' : `"${val(p.computed, 'vi')}"`}`,
    en: (p) =>
      `${val(p.unit, 'en')}: published group "${val(p.published, 'en')}", ` +
      `the pool's bands give ${p.computed === null ? 'no band' : `"${val(p.computed, 'en')}"`}`,
  },
} satisfies { [R in RuleId]: RuleSpec<FindingParamsOf[R]> };

/** Every rule of the catalog (for the API's schema and the completeness test). */
export const RULE_IDS = Object.keys(RULES) as [RuleId, ...RuleId[]];

export function ruleBlocksImport(rule: RuleId): boolean {
  return RULES[rule].blocksImport;
}

/**
 * A finding in words. It takes a finding as JSON carries it too (the page gets its findings from
 * the API, whose schema cannot tie the parameters to the rule); a parameter the JSON lacks reads
 * "(trống)" / "(empty)".
 */
export function findingMessage(f: Pick<Finding | FindingJson, 'rule' | 'params'>, lang: Lang): string {
  const render = RULES[f.rule][lang] as Render<AnyFindingParams>;
  return render(f.params, lang);
}

export function blockingFindings(findings: readonly Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error' && ruleBlocksImport(f.rule));
}

/** A place's line (text) or row (spreadsheet): what "first on row 12" names; null for neither. */
export function lineOf(location: SourceLocation): number | null {
  return location.line ?? location.row ?? null;
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
