/** The command line's own wording: file problems, listings, import refusals in its terms, audit, backup. */
import type { Lang } from '../findings.js';
import { PHASES, type Phase } from '../assessment.js';
import { PHASE_WORDS } from './assessment.js';
import type { None, TextsOf, Word } from './texts.js';

const ROUND_OPTION_VI = {
  '--units': 'cần danh sách mã đơn vị cách nhau bằng dấu phẩy, ví dụ 12,13,14',
  '--group': 'cần MÃ_ĐƠN_VỊ_CHA:loại,loại, ví dụ 3:commune,ward',
  '--year': 'năm phải là số từ 2000 đến 2100',
  '--framework': 'mã bộ tiêu chí phải là số nguyên dương',
} as const;
const ROUND_OPTION_EN = {
  '--units': 'a comma-separated list of unit ids is needed, e.g. 12,13,14',
  '--group': 'PARENT_ID:kind,kind is needed, e.g. 3:commune,ward',
  '--year': 'the year must be a number from 2000 to 2100',
  '--framework': 'the framework id must be a positive whole number',
} as const;

type PlanRef = { file: string; subject: string; year: number; planId: number };

/** The command line's own wording (file problems, listings, and import refusals it words its own way). */
export interface CliParams {
  'cli.fileNotFound': { file: string };
  'cli.notAFile': { file: string };
  'cli.fileTooLarge': { file: string; limit: string };
  'cli.noPlans': { file: string };
  'cli.planNotFound': { id: Word };
  'cli.badId': { id: string };
  'cli.dbFailed': { address: string; reason: string };
  'cli.noUser': { username: string };
  'cli.badDate': { value: string };
  'cli.noUnit': { unit: string };
  'cli.manyUnits': { unit: string };
  'cli.unexpected': { reason: string };
  'cli.planExists': PlanRef;
  'cli.planArchived': PlanRef;
  'cli.subjectAmbiguous': { file: string; subject: string };
  'cli.importRejected': { file: string };
  'cli.imported': {
    dryRun: boolean;
    planId: number;
    subject: string;
    year: number;
    criteria: number;
    outcome: 'created' | 'unchanged' | 'replaced';
  };
  'cli.noPlansYet': None;
  'cli.criteria': None;
  'cli.archivedMark': None;
  'cli.newPassword': { username: string; password: string };
  'cli.badAnchor': { text: string };
  'cli.auditIntact': { entries: number; lastHash: string; anchors: number[] };
  /** where: the entry's id, or null for the end of the trail */
  'cli.auditAltered': { at: number | null; reason: AuditBreak; entries: number };
  'cli.anchorHint': { id: number; entries: number; anchor: string };
  'cli.backupExists': { file: string };
  'cli.backupSameFile': { file: string };
  'cli.pgToolMissing': { program: 'pg_dump' | 'pg_restore' | 'psql' };
  /** version: the program's --version line */
  'cli.pgToolUnsafe': { program: 'pg_dump' | 'pg_restore' | 'psql'; version: string };
  'cli.notABackup': { file: string };
  'cli.engineMismatch': { file: string; backup: 'sqlite' | 'pg_dump'; target: 'sqlite' | 'postgres' };
  'cli.targetHasData': None;
  'cli.backupDamaged': { file: string; problems: string };
  'cli.backedUp': { file: string; size: string; engine: 'sqlite' | 'postgres' };
  'cli.restored': { file: string; checked: boolean; entries: number; head: string };
  /** `check`'s three lines about one plan; scores already formatted */
  'cli.summary': {
    subject: string | null;
    year: number | null;
    baselineYear: number | null;
    criteria: number;
    areas: number;
    max: string;
    baseline: string;
    target: string;
    errors: number;
    warnings: number;
    infos: number;
  };
  'cli.severity': { severity: 'error' | 'warning' | 'info' };
  'cli.diff': { added: number; removed: number; changed: number; moved: number; lost: number };
  'cli.diffField': { field: DiffFieldName };
  'cli.taskMovedFrom': { code: string };
  'cli.followUpLost': { n: number };
  'cli.noFrameworks': { file: string };
  'cli.manyFrameworks': { file: string; count: number };
  /** `framework check`'s line about one framework; the max already formatted, kinds in words */
  'cli.frameworkSummary': {
    title: string | null;
    group: string | null;
    yearFrom: number | null;
    yearTo: number | null;
    decision: string | null;
    criteria: number;
    leaves: number;
    max: string;
    kinds: string;
    errors: number;
    warnings: number;
    infos: number;
  };
  'cli.answersQuote': { file: string; line: number | null };
  /** one problem of an answers sheet, already in words; line null: no row answers the criterion */
  'cli.answerProblem': { file: string; line: number | null; code: string | null; message: string };
  /** scores already formatted; index null when the applicable max is 0 */
  'cli.frameworkTotal': { total: string; max: string; index: string | null; complete: boolean };
  'cli.notApplicableMark': None;
  'cli.frameworkImported': { id: number; name: string; group: string; year: number; version: number };
  'cli.noFrameworksYet': None;
  'cli.frameworkState': { state: 'draft' | 'published' | 'in-use' };
  'cli.badFrameworkId': { id: string };
  'cli.badRoundId': { id: string };
  'cli.badMap': { text: string };
  /** a score the survey import writes (previous: the survey score it replaces) */
  'cli.surveyRow': { unit: string; code: string; score: string; previous: string | null };
  'cli.surveyImported': { dryRun: boolean; written: number; replaced: number; unchanged: number };
  'cli.surveyRejected': { file: string; errors: number };
  'cli.surveyUnknownUnit': { name: string };
  /** a row of a results table: the computed rank and group, and the published ones where they differ */
  'cli.resultsRow': {
    rank: number | null;
    unit: string;
    index: string;
    group: string | null;
    publishedRank: number | null;
    publishedGroup: string | null;
  };
  'cli.resultsImported': { dryRun: boolean; units: number; pool: string; year: number; differences: number };
  'cli.resultsRejected': { file: string; errors: number };
  'cli.resultsUnknownUnit': { name: string };
  /** the column titles of `round results` */
  'cli.roundResultsHeader': None;
  /** `round create`'s --units, --group, --year or --framework not in the form asked */
  'cli.badRoundOption': { option: '--units' | '--group' | '--year' | '--framework'; value: string };
  /** the --calendar file: not JSON, or not a list of phases with their days */
  'cli.badCalendarFile': { file: string };
  'cli.roundCreated': { id: number; name: string; units: number; framework: string };
  'cli.noRoundsYet': None;
  /** a round's current phase in words ('before': not started, 'between': between two phases) */
  'cli.roundPhase': { phase: Phase | 'before' | 'between' };
  'cli.roundSubmitted': { submitted: number; units: number };
  /** `ranking --year`: not a year */
  'cli.badYear': { value: string };
  /** no pool has a result that year (or the pool named has none) */
  'cli.noResult': { year: number; pool: string | null };
  /** several pools have a result that year: --pool chooses */
  'cli.severalPools': { year: number; pools: string };
  'cli.rankingHeader': None;
  'cli.resultsListHeader': None;
  'cli.noResultsYet': None;
  /** `demo generate`: a count option out of its range */
  'cli.demoBadNumber': { option: string; value: string; min: number; max: number };
  /** `demo generate` done: what was written and in how long */
  'cli.demoGenerated': {
    provinces: number;
    units: number;
    plans: number;
    planRows: number;
    tasks: number;
    seconds: string;
  };
  /** `demo generate`: the rounds and results written after the units and plans */
  'cli.demoRoundsGenerated': { rounds: number; answers: number; evidence: number; results: number };
  /** `demo generate`: a progress line on stderr (modules/demo.ts, demo-rounds.ts) */
  'cli.demoProgress': DemoStep;
}

/** A step of `demo generate` done, as its progress line tells it. */
export type DemoStep =
  | { step: 'units'; units: number; merged: number; mergedOn: string }
  | { step: 'frameworks'; sample: number; plans: number }
  | { step: 'plans'; year: number; province: string; plans: number; total: number }
  | { step: 'statistics' }
  | { step: 'rounds'; year: number; province: string; rounds: number; answers: number };

/** The fields a replacement's diff names (core/plan-diff.ts). */
type DiffFieldName =
  'name' | 'max' | 'baseline' | 'target' | 'task' | 'leadUnits' | 'supportUnits' | 'deadline';

/** How the audit chain can be broken (modules/audit.ts#verifyAudit). */
export type AuditBreak = 'content' | 'link' | 'gap' | 'head' | 'count' | 'anchor';

const OUTCOME: Record<Lang, Record<CliParams['cli.imported']['outcome'], string>> = {
  vi: { created: 'đã tạo mới', unchanged: 'đã có, không đổi', replaced: 'đã thay nội dung' },
  en: { created: 'created', unchanged: 'already stored, unchanged', replaced: 'replaced' },
};

const AUDIT_BREAK: Record<Lang, Record<AuditBreak, string>> = {
  vi: {
    content: 'nội dung không khớp mã băm của nó',
    link: 'không nối với mục trước (mục bị xóa hoặc đảo thứ tự)',
    gap: 'số thứ tự không liền với mục trước (thiếu mục ở đầu hoặc ở giữa)',
    head: 'mục cuối không khớp đầu chuỗi (có mục cuối bị xóa hoặc đầu chuỗi bị lùi)',
    count: 'số mục không khớp số mục đầu chuỗi đã đếm (có mục bị xóa)',
    anchor: 'không còn mục này với mã băm đã ghi giữ bên ngoài (nhật ký đã bị viết lại)',
  },
  en: {
    content: 'its content does not match its hash',
    link: 'it does not link to the entry before (an entry was removed or moved)',
    gap: 'its id does not follow the entry before (entries are missing at the start or in between)',
    head: 'the last entry does not match the head of the chain (entries at the end were removed, or the head was moved back)',
    count: 'the trail does not hold as many entries as the head counted (entries were removed)',
    anchor:
      'the trail no longer holds this entry with the hash kept outside the database (the trail was rewritten)',
  },
};

const SEVERITY: Record<Lang, Record<CliParams['cli.severity']['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

const DIFF_FIELD: Record<Lang, Record<DiffFieldName, string>> = {
  vi: {
    name: 'tên',
    max: 'điểm chuẩn',
    baseline: 'điểm đạt được',
    target: 'mục tiêu',
    task: 'nhiệm vụ',
    leadUnits: 'đơn vị chủ trì',
    supportUnits: 'đơn vị phối hợp',
    deadline: 'thời hạn',
  },
  en: {
    name: 'name',
    max: 'max',
    baseline: 'baseline',
    target: 'target',
    task: 'task',
    leadUnits: 'lead units',
    supportUnits: 'supporting units',
    deadline: 'deadline',
  },
};

const anchorList = (ids: number[]) => ids.map((id) => `#${id}`).join(', ');

const years = (from: number | null, to: number | null) =>
  from === null ? null : to === null || to === from ? String(from) : `${from}–${to}`;

export const CLI_TEXTS: TextsOf<CliParams> = {
  'cli.noFrameworks': {
    vi: (p) => `${p.file}: không tìm thấy bộ tiêu chí nào trong tệp`,
    en: (p) => `${p.file}: no criteria framework in the file`,
  },
  'cli.manyFrameworks': {
    vi: (p) => `${p.file}: tệp có ${p.count} bộ tiêu chí; lệnh chấm điểm cần tệp chỉ có một bộ`,
    en: (p) => `${p.file}: the file holds ${p.count} frameworks; scoring needs a file with one`,
  },
  'cli.frameworkSummary': {
    vi: (p) =>
      [
        p.title ?? '(không có tiêu đề)',
        [
          p.group === null ? null : `nhóm: ${p.group}`,
          years(p.yearFrom, p.yearTo) === null ? null : `năm: ${years(p.yearFrom, p.yearTo)}`,
          p.decision === null ? null : `Quyết định số ${p.decision}`,
        ]
          .filter((x) => x !== null)
          .join('; '),
        `${p.criteria} tiêu chí, ${p.leaves} tiêu chí chấm điểm; tổng điểm tối đa ${p.max}`,
        `cách tính điểm: ${p.kinds}`,
        `${p.errors} lỗi, ${p.warnings} cảnh báo, ${p.infos} thông tin`,
      ]
        .filter((x) => x !== '')
        .join('\n'),
    en: (p) =>
      [
        p.title ?? '(no title)',
        [
          p.group === null ? null : `group: ${p.group}`,
          years(p.yearFrom, p.yearTo) === null ? null : `year: ${years(p.yearFrom, p.yearTo)}`,
          p.decision === null ? null : `Decision ${p.decision}`,
        ]
          .filter((x) => x !== null)
          .join('; '),
        `${p.criteria} criteria, ${p.leaves} scored; maximum ${p.max}`,
        `scoring rules: ${p.kinds}`,
        `${p.errors} errors, ${p.warnings} warnings, ${p.infos} notes`,
      ]
        .filter((x) => x !== '')
        .join('\n'),
  },
  'cli.answersQuote': {
    vi: (p) => `${p.file}: dấu ngoặc kép mở${p.line === null ? '' : ` (đến dòng ${p.line})`} mà không đóng`,
    en: (p) => `${p.file}: a quote opened${p.line === null ? '' : ` (up to line ${p.line})`} is never closed`,
  },
  'cli.answerProblem': {
    vi: (p) =>
      `${p.file}${p.line === null ? '' : `, dòng ${p.line}`}${p.code === null ? '' : ` (${p.code})`}: ${p.message}`,
    en: (p) =>
      `${p.file}${p.line === null ? '' : `, line ${p.line}`}${p.code === null ? '' : ` (${p.code})`}: ${p.message}`,
  },
  'cli.frameworkTotal': {
    vi: (p) =>
      `Tổng điểm: ${p.total}/${p.max}${p.index === null ? '' : `; chỉ số: ${p.index} %`}${p.complete ? '' : ' (chưa đủ: có tiêu chí chưa chấm được)'}`,
    en: (p) =>
      `Total: ${p.total}/${p.max}${p.index === null ? '' : `; index: ${p.index}%`}${p.complete ? '' : ' (incomplete: some criteria could not be scored)'}`,
  },
  'cli.notApplicableMark': { vi: () => 'không áp dụng', en: () => 'not applicable' },
  'cli.frameworkImported': {
    vi: (p) =>
      `Đã nhập bộ tiêu chí #${p.id} "${p.name}" (${p.group}, năm ${p.year}, phiên bản ${p.version}) dạng bản nháp`,
    en: (p) =>
      `Imported framework #${p.id} "${p.name}" (${p.group}, ${p.year}, version ${p.version}) as a draft`,
  },
  'cli.noFrameworksYet': { vi: () => 'Chưa có bộ tiêu chí nào.', en: () => 'No framework stored yet.' },
  'cli.frameworkState': {
    vi: (p) => ({ draft: 'bản nháp', published: 'đã ban hành', 'in-use': 'đang dùng' })[p.state],
    en: (p) => ({ draft: 'draft', published: 'published', 'in-use': 'in use' })[p.state],
  },
  'cli.badRoundOption': {
    vi: (p) => `${p.option} "${p.value}": ${ROUND_OPTION_VI[p.option]}`,
    en: (p) => `${p.option} "${p.value}": ${ROUND_OPTION_EN[p.option]}`,
  },
  'cli.badCalendarFile': {
    vi: (p) =>
      `${p.file}: lịch phải là JSON, một danh sách các giai đoạn [{"phase":"self","opensOn":"2026-12-01","closesOn":"2026-12-20"}, …]; giai đoạn: ${PHASES.join(', ')}`,
    en: (p) =>
      `${p.file}: the calendar must be JSON, a list of phases [{"phase":"self","opensOn":"2026-12-01","closesOn":"2026-12-20"}, …]; phases: ${PHASES.join(', ')}`,
  },
  'cli.roundCreated': {
    vi: (p) => `Đã tạo đợt đánh giá #${p.id} «${p.name}»: ${p.units} đơn vị, bộ tiêu chí «${p.framework}»`,
    en: (p) => `Created assessment round #${p.id} «${p.name}»: ${p.units} units, framework «${p.framework}»`,
  },
  'cli.noRoundsYet': { vi: () => 'Chưa có đợt đánh giá nào.', en: () => 'No assessment round yet.' },
  'cli.roundPhase': {
    vi: (p) =>
      p.phase === 'before'
        ? 'Chưa bắt đầu'
        : p.phase === 'between'
          ? 'Giữa hai giai đoạn'
          : PHASE_WORDS.vi[p.phase],
    en: (p) =>
      p.phase === 'before'
        ? 'Not started'
        : p.phase === 'between'
          ? 'Between phases'
          : PHASE_WORDS.en[p.phase],
  },
  'cli.roundSubmitted': {
    vi: (p) => `${p.submitted}/${p.units} đơn vị đã gửi`,
    en: (p) => `${p.submitted}/${p.units} units submitted`,
  },
  'cli.badFrameworkId': {
    vi: (p) => `${p.id}: mã bộ tiêu chí phải là số nguyên dương`,
    en: (p) => `${p.id}: the framework id must be a positive whole number`,
  },
  'cli.badRoundId': {
    vi: (p) => `${p.id}: mã đợt đánh giá phải là số nguyên dương`,
    en: (p) => `${p.id}: the round id must be a positive whole number`,
  },
  'cli.badMap': {
    vi: (p) => `--map "${p.text}": hãy ghi tên đơn vị trong tệp = mã đơn vị, ví dụ --map "Xã Nam Đà=12"`,
    en: (p) =>
      `--map "${p.text}": write the unit's name in the file = the unit's id, e.g. --map "Xã Nam Đà=12"`,
  },
  'cli.surveyRow': {
    vi: (p) =>
      `  ${p.unit}, tiêu chí ${p.code}: ${p.score}${p.previous === null ? '' : ` (thay ${p.previous})`}`,
    en: (p) =>
      `  ${p.unit}, criterion ${p.code}: ${p.score}${p.previous === null ? '' : ` (was ${p.previous})`}`,
  },
  'cli.surveyImported': {
    vi: (p) =>
      `${p.dryRun ? 'Chạy thử, không ghi gì: sẽ ghi' : 'Đã ghi'} ${p.written} điểm khảo sát (${p.replaced} điểm thay điểm cũ); ${p.unchanged} điểm không đổi`,
    en: (p) =>
      `${p.dryRun ? 'Dry run, nothing written: would write' : 'Wrote'} ${p.written} survey scores (${p.replaced} replacing earlier ones); ${p.unchanged} unchanged`,
  },
  'cli.surveyRejected': {
    vi: (p) => `${p.file}: có ${p.errors} lỗi, không ghi gì`,
    en: (p) => `${p.file}: ${p.errors} error(s), nothing written`,
  },
  'cli.resultsRow': {
    vi: (p) =>
      `  ${p.rank ?? '–'}. ${p.unit}: ${p.index}${p.group === null ? '' : `, nhóm ${p.group}`}` +
      (p.publishedRank !== null && p.publishedRank !== p.rank ? ` (công bố: hạng ${p.publishedRank})` : '') +
      (p.publishedGroup !== null && p.group !== null && p.publishedGroup !== p.group
        ? ` (công bố: nhóm ${p.publishedGroup})`
        : ''),
    en: (p) =>
      `  ${p.rank ?? '–'}. ${p.unit}: ${p.index}${p.group === null ? '' : `, group ${p.group}`}` +
      (p.publishedRank !== null && p.publishedRank !== p.rank
        ? ` (published: rank ${p.publishedRank})`
        : '') +
      (p.publishedGroup !== null && p.group !== null && p.publishedGroup !== p.group
        ? ` (published: group ${p.publishedGroup})`
        : ''),
  },
  'cli.resultsImported': {
    vi: (p) =>
      `${p.dryRun ? 'Chạy thử, không ghi gì: sẽ ghi' : 'Đã ghi'} kết quả năm ${p.year} của "${p.pool}" với ${p.units} đơn vị; ${p.differences} đơn vị có hạng hoặc nhóm khác bản công bố`,
    en: (p) =>
      `${p.dryRun ? 'Dry run, nothing written: would store' : 'Stored'} the ${p.year} result of "${p.pool}" with ${p.units} units; ${p.differences} differ from the published rank or group`,
  },
  'cli.resultsRejected': {
    vi: (p) => `${p.file}: có ${p.errors} lỗi, không ghi gì`,
    en: (p) => `${p.file}: ${p.errors} error(s), nothing written`,
  },
  'cli.resultsUnknownUnit': {
    vi: (p) => `Không có đơn vị "${p.name}": dùng --map "${p.name}=MÃ_ĐƠN_VỊ"`,
    en: (p) => `No unit "${p.name}": use --map "${p.name}=UNIT_ID"`,
  },
  'cli.surveyUnknownUnit': {
    vi: (p) => `Không có đơn vị "${p.name}" trong đợt đánh giá: dùng --map "${p.name}=MÃ_ĐƠN_VỊ"`,
    en: (p) => `No unit "${p.name}" in the round: use --map "${p.name}=UNIT_ID"`,
  },
  'cli.roundResultsHeader': {
    vi: () => 'Hạng  Đơn vị / Tự đánh giá / Thẩm định / Chính thức / Tối đa / Chỉ số (%)',
    en: () => 'Rank  Unit / Self / Appraised / Final / Max / Index (%)',
  },
  'cli.fileNotFound': { vi: (p) => `${p.file}: không tìm thấy tệp`, en: (p) => `${p.file}: file not found` },
  'cli.notAFile': { vi: (p) => `${p.file}: không phải là tệp`, en: (p) => `${p.file}: not a file` },
  'cli.fileTooLarge': {
    vi: (p) => `${p.file}: tệp quá lớn (giới hạn ${p.limit})`,
    en: (p) => `${p.file}: the file is too large (limit ${p.limit})`,
  },
  'cli.noPlans': {
    vi: (p) => `${p.file}: không có kế hoạch nào trong tệp`,
    en: (p) => `${p.file}: no plan in the file`,
  },
  'cli.planNotFound': { vi: (p) => `không có kế hoạch #${p.id}`, en: (p) => `no plan with id #${p.id}` },
  'cli.badId': {
    vi: (p) => `${p.id}: mã kế hoạch phải là số nguyên dương`,
    en: (p) => `${p.id}: the plan id must be a positive whole number`,
  },
  'cli.dbFailed': {
    vi: (p) => `không mở được cơ sở dữ liệu (${p.address}): ${p.reason}`,
    en: (p) => `cannot open the database (${p.address}): ${p.reason}`,
  },
  'cli.noUser': {
    vi: (p) => `${p.username}: không có tài khoản này`,
    en: (p) => `${p.username}: no such account`,
  },
  'cli.badDate': {
    vi: (p) => `--as-of ${p.value}: ngày phải viết dd/mm/yyyy và có thật`,
    en: (p) => `--as-of ${p.value}: the date must be a real date dd/mm/yyyy`,
  },
  'cli.noUnit': {
    vi: (p) => `--unit ${p.unit}: không có đơn vị này trong địa phương của kế hoạch`,
    en: (p) => `--unit ${p.unit}: no such unit in the plan's locality`,
  },
  'cli.manyUnits': {
    vi: (p) => `--unit ${p.unit}: nhiều đơn vị cùng tên, không rõ đơn vị nào`,
    en: (p) => `--unit ${p.unit}: several units have this name`,
  },
  'cli.unexpected': {
    vi: (p) => `lỗi không mong đợi: ${p.reason}`,
    en: (p) => `unexpected error: ${p.reason}`,
  },
  'cli.planExists': {
    vi: (p) =>
      `${p.file}: đã có kế hoạch #${p.planId} của ${p.subject} năm ${p.year} với nội dung khác; dùng --replace để thay (--replace --dry-run cho biết khác những gì). Không ghi gì.`,
    en: (p) =>
      `${p.file}: plan #${p.planId} for ${p.subject} ${p.year} exists with other content; use --replace to replace it (--replace --dry-run shows the differences). Nothing was written.`,
  },
  'cli.planArchived': {
    vi: (p) =>
      `${p.file}: kế hoạch #${p.planId} của ${p.subject} năm ${p.year} đã lưu trữ, chỉ để xem; bỏ lưu trữ trước khi thay. Không ghi gì.`,
    en: (p) =>
      `${p.file}: plan #${p.planId} for ${p.subject} ${p.year} is archived (read-only); unarchive it before replacing it. Nothing was written.`,
  },
  'cli.subjectAmbiguous': {
    vi: (p) => `${p.file}: có nhiều đơn vị tên "${p.subject}"; không biết nhập vào đơn vị nào. Không ghi gì.`,
    en: (p) =>
      `${p.file}: several units are named "${p.subject}"; cannot tell which one. Nothing was written.`,
  },
  'cli.importRejected': {
    vi: (p) => `${p.file}: tệp có lỗi phải sửa trước khi nhập; không ghi gì.`,
    en: (p) => `${p.file}: the file has errors to fix before it can be imported; nothing was written.`,
  },
  'cli.imported': {
    vi: (p) =>
      `${p.dryRun ? '(thử) ' : ''}Kế hoạch #${p.planId}: ${p.subject} năm ${p.year}, ${p.criteria} tiêu chí — ${OUTCOME.vi[p.outcome]}`,
    en: (p) =>
      `${p.dryRun ? '(dry run) ' : ''}Plan #${p.planId}: ${p.subject} ${p.year}, ${p.criteria} criteria — ${OUTCOME.en[p.outcome]}`,
  },
  'cli.noPlansYet': { vi: () => 'Chưa có kế hoạch nào.', en: () => 'No plans yet.' },
  'cli.criteria': { vi: () => 'tiêu chí', en: () => 'criteria' },
  'cli.archivedMark': { vi: () => '[đã lưu trữ]', en: () => '[archived]' },
  'cli.newPassword': {
    vi: (p) => `Mật khẩu mới của ${p.username}: ${p.password} (phải đổi khi đăng nhập)`,
    en: (p) => `New password for ${p.username}: ${p.password} (to be changed at sign-in)`,
  },
  'cli.badAnchor': {
    vi: (p) =>
      `--anchor ${p.text}: phải có dạng SỐ:MÃ_BĂM (64 ký tự hex), như \`parindex audit anchor\` in ra`,
    en: (p) =>
      `--anchor ${p.text}: expected ID:HASH (64 hex characters), as \`parindex audit anchor\` prints`,
  },
  'cli.auditIntact': {
    vi: (p) =>
      `Nhật ký nguyên vẹn: ${p.entries} mục, chuỗi mã băm khớp. Mã băm cuối: ${p.lastHash}` +
      (p.anchors.length === 0 ? '' : ` Các mốc ${anchorList(p.anchors)} còn nguyên.`),
    en: (p) =>
      `Audit trail intact: ${p.entries} entries, hash chain holds. Last hash: ${p.lastHash}` +
      (p.anchors.length === 0 ? '' : ` Anchors ${anchorList(p.anchors)} hold.`),
  },
  'cli.auditAltered': {
    vi: (p) =>
      `nhật ký đã bị thay đổi tại mục ${p.at === null ? 'cuối nhật ký' : `#${p.at}`}: ${AUDIT_BREAK.vi[p.reason]} (${p.entries} mục trước đó khớp)`,
    en: (p) =>
      `the audit trail was altered at entry ${p.at === null ? 'the end of the trail' : `#${p.at}`}: ${AUDIT_BREAK.en[p.reason]} (${p.entries} entries before it hold)`,
  },
  'cli.anchorHint': {
    vi: (p) =>
      `(mục cuối #${p.id}, ${p.entries} mục. Ghi giữ dòng trên ở ngoài CSDL; sau này kiểm tra bằng: parindex audit verify --anchor ${p.anchor})`,
    en: (p) =>
      `(last entry #${p.id}, ${p.entries} entries. Keep the line above outside the database; check later with: parindex audit verify --anchor ${p.anchor})`,
  },
  'cli.backupExists': {
    vi: (p) => `${p.file}: tệp đã có; chọn tên khác hoặc dùng --force để ghi đè`,
    en: (p) => `${p.file}: the file exists; choose another name or use --force to overwrite it`,
  },
  'cli.backupSameFile': {
    vi: (p) => `${p.file}: đây chính là tệp CSDL; chọn một tệp khác`,
    en: (p) => `${p.file}: this is the database file itself; choose another file`,
  },
  'cli.pgToolMissing': {
    vi: (p) =>
      `không tìm thấy ${p.program} (gói postgresql-client); cài nó, hoặc chạy: ${p.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file TỆP ĐỊA_CHỈ_CSDL' : 'pg_restore --single-transaction --dbname ĐỊA_CHỈ_CSDL TỆP'}`,
    en: (p) =>
      `${p.program} not found (package postgresql-client); install it, or run: ${p.program === 'pg_dump' ? 'pg_dump --format=custom --exclude-table-data=sessions --file FILE DATABASE_URL' : 'pg_restore --single-transaction --dbname DATABASE_URL FILE'}`,
  },
  'cli.pgToolUnsafe': {
    vi: (p) =>
      `${p.program} quá cũ (${p.version}): chưa có bản vá CVE-2025-8714, một bản sao lưu bị sửa có thể khiến nó chạy lệnh trên máy này. Cập nhật gói postgresql-client (từ 17.6, 16.10, 15.14, 14.19, 13.22 hoặc 18) rồi chạy lại. Không ghi gì.`,
    en: (p) =>
      `${p.program} is too old (${p.version}): without the fix of CVE-2025-8714, a tampered backup could make it run commands on this machine. Update the postgresql-client package (17.6, 16.10, 15.14, 14.19, 13.22 or 18 and later) and run again. Nothing was written.`,
  },
  'cli.notABackup': {
    vi: (p) => `${p.file}: không phải bản sao lưu ParIndex (tệp SQLite hoặc tệp pg_dump dạng custom)`,
    en: (p) => `${p.file}: not a ParIndex backup (an SQLite file or a pg_dump custom-format file)`,
  },
  'cli.engineMismatch': {
    vi: (p) =>
      `${p.file}: bản sao lưu ${p.backup === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} không khôi phục được vào CSDL ${p.target === 'sqlite' ? 'SQLite' : 'PostgreSQL'}; chọn --db cùng loại`,
    en: (p) =>
      `${p.file}: a ${p.backup === 'sqlite' ? 'SQLite' : 'PostgreSQL (pg_dump)'} backup cannot be restored into ${p.target === 'sqlite' ? 'an SQLite' : 'a PostgreSQL'} database; choose a --db of the same kind`,
  },
  'cli.targetHasData': {
    vi: () =>
      'CSDL đích đã có dữ liệu; dừng máy chủ rồi dùng --force để thay nó bằng bản sao lưu. Không ghi gì.',
    en: () =>
      'the target database holds data; stop the server, then use --force to replace it with the backup. Nothing was written.',
  },
  'cli.backupDamaged': {
    vi: (p) => `${p.file}: tệp bị hỏng (integrity_check: ${p.problems}). Không ghi gì.`,
    en: (p) => `${p.file}: the file is damaged (integrity_check: ${p.problems}). Nothing was written.`,
  },
  'cli.backedUp': {
    vi: (p) =>
      `Đã sao lưu vào ${p.file} (${p.size}, ${p.engine === 'sqlite' ? 'SQLite' : 'pg_dump dạng custom'}; không gồm phiên đăng nhập; chỉ chủ sở hữu đọc được)`,
    en: (p) =>
      `Backed up to ${p.file} (${p.size}, ${p.engine === 'sqlite' ? 'SQLite' : 'pg_dump custom format'}; without sessions; readable by its owner only)`,
  },
  'cli.summary': {
    vi: (p) =>
      [
        `${p.subject ?? '(chưa rõ đơn vị)'} — kế hoạch năm ${p.year ?? '?'} (điểm đạt được năm ${p.baselineYear ?? '?'})`,
        `  ${p.criteria} tiêu chí, ${p.areas} lĩnh vực; tổng điểm chuẩn ${p.max}, đạt được ${p.baseline}, mục tiêu ${p.target}`,
        `  ${p.errors} lỗi, ${p.warnings} cảnh báo, ${p.infos} thông tin`,
      ].join('\n'),
    en: (p) =>
      [
        `${p.subject ?? '(unknown subject)'} — plan for ${p.year ?? '?'} (baseline ${p.baselineYear ?? '?'})`,
        `  ${p.criteria} criteria, ${p.areas} areas; totals: max ${p.max}, baseline ${p.baseline}, target ${p.target}`,
        `  ${p.errors} errors, ${p.warnings} warnings, ${p.infos} notes`,
      ].join('\n'),
  },
  'cli.severity': { vi: (p) => SEVERITY.vi[p.severity], en: (p) => SEVERITY.en[p.severity] },
  'cli.diff': {
    vi: (p) =>
      `  Khác biệt: ${p.added} tiêu chí thêm, ${p.removed} bỏ, ${p.changed} sửa, ${p.moved} nhiệm vụ chuyển dòng; ${p.lost} mục theo dõi (trạng thái, tiến độ, hạn, ghi chú) bị mất`,
    en: (p) =>
      `  Differences: ${p.added} criteria added, ${p.removed} removed, ${p.changed} changed, ${p.moved} tasks moved; ${p.lost} follow-up entries (status, progress, deadline, note) lost`,
  },
  'cli.diffField': { vi: (p) => DIFF_FIELD.vi[p.field], en: (p) => DIFF_FIELD.en[p.field] },
  'cli.taskMovedFrom': { vi: (p) => `nhiệm vụ từ ${p.code}`, en: (p) => `task from ${p.code}` },
  'cli.followUpLost': { vi: (p) => `mất ${p.n} mục theo dõi`, en: (p) => `${p.n} follow-up lost` },
  'cli.badYear': {
    vi: (p) => `${p.value}: năm phải là số từ 2000 đến 2100`,
    en: (p) => `${p.value}: the year must be a number from 2000 to 2100`,
  },
  'cli.noResult': {
    vi: (p) => `Không có kết quả xếp hạng năm ${p.year}${p.pool === null ? '' : ` của nhóm "${p.pool}"`}`,
    en: (p) => `No ranking result for ${p.year}${p.pool === null ? '' : ` in the pool "${p.pool}"`}`,
  },
  'cli.severalPools': {
    vi: (p) => `Năm ${p.year} có kết quả của nhiều nhóm (${p.pools}): chọn một bằng --pool`,
    en: (p) => `${p.year} has results of several pools (${p.pools}): choose one with --pool`,
  },
  'cli.rankingHeader': {
    vi: () => 'Hạng  Chỉ số   Xếp loại  Đơn vị  (hạng / xếp loại đã công bố)',
    en: () => 'Rank  Index    Group     Unit  (published rank / group)',
  },
  'cli.resultsListHeader': {
    vi: () => 'Mã  Năm   Nhóm xếp hạng / Tiêu đề / Số đơn vị / Nguồn',
    en: () => 'Id  Year  Ranking pool / Title / Units / Source',
  },
  'cli.noResultsYet': { vi: () => 'Chưa có kết quả xếp hạng nào', en: () => 'No ranking result yet' },
  'cli.restored': {
    vi: (p) =>
      `Đã khôi phục ${p.file}: ${p.checked ? 'integrity_check ok' : 'các ràng buộc được PostgreSQL kiểm khi khôi phục'}; nhật ký nguyên vẹn, ${p.entries} mục (kể cả mục ghi việc khôi phục); phiên đăng nhập cũ đã bỏ. Đầu nhật ký: ${p.head}`,
    en: (p) =>
      `Restored ${p.file}: ${p.checked ? 'integrity_check ok' : 'constraints checked by PostgreSQL while restoring'}; audit trail intact, ${p.entries} entries (the restore included); old sessions dropped. Audit head: ${p.head}`,
  },
  'cli.demoBadNumber': {
    vi: (p) => `${p.option} ${p.value}: phải là số nguyên từ ${p.min} đến ${p.max}`,
    en: (p) => `${p.option} ${p.value}: must be a whole number from ${p.min} to ${p.max}`,
  },
  'cli.demoGenerated': {
    vi: (p) =>
      `Đã tạo dữ liệu mẫu cả nước: ${p.provinces} tỉnh, ${p.units} đơn vị, ${p.plans} kế hoạch (${p.planRows} dòng tiêu chí, ${p.tasks} nhiệm vụ) trong ${p.seconds} giây`,
    en: (p) =>
      `Generated a country: ${p.provinces} provinces, ${p.units} units, ${p.plans} plans (${p.planRows} criteria rows, ${p.tasks} tasks) in ${p.seconds} s`,
  },
  'cli.demoProgress': {
    vi: (p) => {
      switch (p.step) {
        case 'units':
          return `đơn vị: ${p.units} (${p.merged} xã sáp nhập từ ${p.mergedOn})`;
        case 'frameworks':
          return `bộ tiêu chí: ${p.sample} từ bộ mẫu, ${p.plans} của các kế hoạch`;
        case 'plans':
          return `kế hoạch năm ${p.year}: ${p.province} (${p.plans}), tổng ${p.total}`;
        case 'statistics':
          return 'đã cập nhật thống kê CSDL';
        case 'rounds':
          return `đánh giá năm ${p.year}, ${p.province}: ${p.rounds} đợt, ${p.answers} câu trả lời`;
      }
    },
    en: (p) => {
      switch (p.step) {
        case 'units':
          return `units: ${p.units} (${p.merged} communes merged on ${p.mergedOn})`;
        case 'frameworks':
          return `frameworks: ${p.sample} from the sample, ${p.plans} of the plans`;
        case 'plans':
          return `plans ${p.year}: ${p.province} (${p.plans}), ${p.total} in all`;
        case 'statistics':
          return 'database statistics refreshed';
        case 'rounds':
          return `assessment ${p.year}, ${p.province}: ${p.rounds} rounds, ${p.answers} answers`;
      }
    },
  },
  'cli.demoRoundsGenerated': {
    vi: (p) =>
      `${p.rounds} đợt đánh giá (${p.answers} câu trả lời tự đánh giá, ${p.evidence} tài liệu kiểm chứng), ${p.results} kết quả xếp hạng đã công bố`,
    en: (p) =>
      `${p.rounds} assessment rounds (${p.answers} self-assessment answers, ${p.evidence} evidence records), ${p.results} published results`,
  },
};
