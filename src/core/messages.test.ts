import { describe, expect, it } from 'vitest';
import { RULES, findingMessage, type RuleId } from './findings.js';
import {
  MESSAGE_CODES,
  READ_FAILURE_CODES,
  readFailureText,
  render,
  type MessageCode,
  type MessageParams,
} from './messages.js';
import { score } from './score.js';

const ended = {
  subject: 'Huyện Krông Nô',
  year: 2026,
  until: '2025-06-30',
  lineage: 'merged',
  successor: 'Xã A',
};
const planRef = { file: 'kh.xlsx', subject: 'Tỉnh Đắk Nông', year: 2025, planId: 7 };

/** One set of parameters per code: a code added without parameters here does not compile. */
const SAMPLES: { [C in MessageCode]: MessageParams[C] } = {
  PLAN_NOT_FOUND: { id: 7 },
  ITEM_NOT_FOUND: { id: 8 },
  UNIT_NOT_FOUND: { id: 9 },
  IMPORT_NOT_FOUND: {},
  NOT_A_LEAF: { code: '1.1' },
  SCORE_ABOVE_MAX: { code: '1.1', field: 'target', value: '1,25', max: '1' },
  SCORE_NEGATIVE: { code: '1.1', value: '-0,5' },
  STALE_VERSION: {},
  FINDING_NOT_FOUND: {},
  FINDING_NOT_ADOPTABLE: { code: '1.1' },
  UNIT_NOT_IN_PLAN: { id: 9, subject: 'Tỉnh Đắk Nông' },
  READ_FAILED: { file: 'kh.xlsx', failure: { code: 'too-large', detail: '10 MB' } },
  IMPORT_REJECTED: { plans: [] },
  PLAN_EXISTS: { subject: 'Tỉnh Đắk Nông', year: 2025, planId: 7 },
  FILE_TOO_LARGE: { limit: '10 MB' },
  EVIDENCE_REFUSED: {
    file: 'bao-cao.pdf',
    refusal: { code: 'evidence.nameMismatch', params: { extension: 'pdf', type: 'docx' } },
  },
  EVIDENCE_DAMAGED: { sha256: 'ab'.repeat(32) },
  EVIDENCE_NOT_FOUND: { id: 12 },
  EVIDENCE_MISSING: { name: 'quyet-dinh.pdf', sha256: 'ef'.repeat(32) },
  EVIDENCE_NOT_INLINE: { name: 'bao-cao.docx', type: 'docx' },
  EVIDENCE_UNIT_SUBMITTED: { unit: 'Xã Nam Đà' },
  EVIDENCE_EXPLANATION_ONLY: { code: '1.2.3', reason: 'not-returned' },
  UNAUTHENTICATED: {},
  BAD_CREDENTIALS: {},
  WRONG_CURRENT_PASSWORD: {},
  TOO_MANY_ATTEMPTS: { seconds: 30 },
  FORBIDDEN: {},
  CSRF_FAILED: {},
  PASSWORD_CHANGE_REQUIRED: {},
  PASSWORD_TOO_WEAK: { min: 10, reason: 'short' },
  USER_NOT_FOUND: { id: 3 },
  USERNAME_TAKEN: { username: 'an' },
  ROLE_NOT_FOUND: { role: 'editor' },
  UNIT_CYCLE: {},
  LINEAGE_INVALID: {},
  SUBJECT_AMBIGUOUS: { subject: 'Xã A' },
  UNIT_EXISTS: { name: 'Sở Tư pháp' },
  UNIT_KIND_PARENT: { kind: 'commune', parent: 'Sở Tư pháp', parentKind: 'department' },
  UNIT_KIND_NAME: { name: 'Xã A', named: 'commune', kind: 'department' },
  SELF_LOCKOUT: { what: 'role' },
  BACKUP_USE_PG_DUMP: {},
  DEMO_NOT_EMPTY: {},
  UNIT_DISSOLVED: ended,
  PARENT_REQUIRED: { subject: 'Xã A' },
  PARENT_INVALID: { subject: 'Xã A', group: 'commune' },
  PLAN_CHANGED: { subject: 'Tỉnh Đắk Nông', year: 2025 },
  PLAN_ARCHIVED: {},
  CONFIRMATION_MISMATCH: { expected: 'Tỉnh Đắk Nông 2025' },
  FRAMEWORK_NOT_FOUND: { id: 4 },
  ROUND_NOT_FOUND: { id: 3 },
  RESULT_NOT_FOUND: { id: 5 },
  POOL_NOT_FOUND: { id: 6 },
  POOL_EXISTS: { name: 'Các xã' },
  BANDS_INVALID: {
    problems: [
      { problem: 'label-empty', position: 0 },
      { problem: 'same-edge', position: 2, label: 'Tốt' },
    ],
  },
  ROUND_NOT_PUBLISHED: { round: 'Đánh giá 2026' },
  RESULT_INVALID: { problem: 'duplicate-unit', value: 'Xã A' },
  UNIT_NOT_IN_ROUND: { unit: 'Xã Nam Đà', round: 'Đánh giá 2026' },
  PHASE_CLOSED: { phase: 'self', opensOn: '2026-12-01', closesOn: '2026-12-20' },
  ROUND_PUBLISHED: { round: 'Đánh giá 2026' },
  NOTIFICATION_NOT_FOUND: { id: 12 },
  'notification.phase-opened': { round: 'Đánh giá 2026', phase: 'self', closesOn: '2026-12-20' },
  'notification.phase-closing': {
    round: 'Đánh giá 2026',
    phase: 'self',
    closesOn: '2026-12-20',
    daysLeft: 3,
    missing: 12,
  },
  'notification.reminder': { round: 'Đánh giá 2026', missing: 12, total: 54, closesOn: '2026-12-20' },
  'notification.returned': { round: 'Đánh giá 2026', code: '1.2', question: 'Thiếu <b>biên bản</b>?' },
  'notification.extension-granted': { round: 'Đánh giá 2026', phase: 'self', until: '2026-12-24' },
  'notification.extension-refused': { round: 'Đánh giá 2026', phase: 'self', note: null },
  'notification.published': { round: 'Đánh giá 2026' },
  'notification.subject': { round: 'Đánh giá 2026', kind: 'reminder' },
  'notification.mailTo': { unit: 'Xã Nam Đà' },
  'notification.mailFooter': {},
  ANSWER_INVALID: {
    code: '1.1.4',
    problem: { problem: 'scoring.ratioAbove100', params: { percent: 12000 } },
  },
  NOT_APPLICABLE_REFUSED: { code: '1.1.1' },
  NOT_APPLICABLE_REASON: { code: '2.3' },
  NOT_SELF_SCORED: { code: '8.1.1', by: 'survey' },
  ASSESSMENT_NOT_EDITABLE: { unit: 'Xã Nam Đà', state: 'submitted' },
  ASSESSMENT_INCOMPLETE: { missing: ['1.1.1', '1.1.2'], unexplained: ['2.1'] },
  RESULT_UNIT_NOT_FOUND: { resultId: 4, unitId: 9 },
  WHAT_IF_PART_UNKNOWN: { code: '9.9' },
  WHAT_IF_PART_REPEATED: { code: '8.1' },
  WHAT_IF_PART_NESTED: { code: '8.1', parentCode: '8' },
  WHAT_IF_NO_MAX: { code: '' },
  WHAT_IF_OUT_OF_RANGE: { code: '8.1', max: '2' },
  SURVEY_REJECTED: { errors: 2, first: 'dòng 3, cột 2: Bộ tiêu chí của đợt đánh giá không có tiêu chí 8.4' },
  RESULTS_REJECTED: { errors: 1, first: 'dòng 4, cột 2: "không" không phải là số' },
  RESULTS_POOL_NOT_FOUND: { pool: 'Các tỉnh' },
  NEXT_PLAN_NO_CRITERIA: { unit: 'Tỉnh Đắk Nông', resultId: 4 },
  NEXT_PLAN_EXISTS: { subject: 'Tỉnh Đắk Nông', year: 2027, planId: 7 },
  NEXT_PLAN_SUBJECT: { subject: 'Ban Quản lý' },
  'cli.nextNoUnit': { unit: 'Tỉnh X' },
  'cli.nextManyUnits': { unit: 'Phòng Nội vụ', ids: '4, 9' },
  'cli.nextNoResult': { unit: 'Tỉnh Đắk Nông', year: 2027 },
  'cli.nextBadRecovery': { text: '1=2' },
  'cli.nextBadYear': { year: 'sau' },
  'cli.nextStored': { planId: 7, subject: 'Tỉnh Đắk Nông', year: 2027 },
  'cli.nextWritten': { file: 'kh.xlsx', subject: 'Tỉnh Đắk Nông', year: 2027, rows: 40 },
  UNIT_NOT_SUBMITTED: { unit: 'Xã Nam Đà' },
  CRITERION_NOT_APPRAISED: { code: '8.1', scorer: 'survey' },
  COMMENT_REQUIRED: { code: '2.1.1' },
  APPRAISAL_SCORE_RANGE: { code: '2.1.1', value: '3', max: '2' },
  APPRAISAL_ANSWER_INVALID: {
    code: '2.1.1',
    problem: { problem: 'scoring.noOption', params: { option: 5, options: 3 } },
  },
  RETURN_EXISTS: { code: '2.1.1' },
  RETURN_NOT_FOUND: { code: '2.1.1' },
  NO_PROPOSAL: { code: '9.1' },
  CORRECTION_NOT_YET: { closesOn: '2027-01-20' },
  ROUND_CALENDAR_INVALID: {
    problems: [
      { code: 'phase-missing', phase: 'council' },
      { code: 'bad-date', phase: 'self', value: '2026-02-30' },
      { code: 'ends-before-start', phase: 'explanation' },
      { code: 'out-of-order', phase: 'appraisal2', previous: 'explanation' },
    ],
  },
  ROUND_NO_UNITS: {},
  ROUND_FOLLOW_UP_MISSING: {
    criteria: [
      { code: '1.1', name: 'Ban hành kế hoạch CCHC năm', text: 'Sở Nội vụ' },
      { code: '2.1', name: 'Tỷ lệ hồ sơ', text: null },
    ],
  },
  EXTENSION_NOT_FOUND: { id: 5 },
  EXTENSION_NOT_ALLOWED: { phase: 'self', problem: 'past' },
  EXTENSION_PENDING: { phase: 'explanation' },
  EXTENSION_DECIDED: { state: 'granted' },
  EXTENSION_UNTIL: { phase: 'self', until: '2026-12-31', problem: 'after-publication' },
  CRITERION_NOT_FOUND: { id: 41 },
  FRAMEWORK_FROZEN: { name: 'Bộ tiêu chí UBND xã năm 2026' },
  FRAMEWORK_STATE: { name: 'Bộ tiêu chí UBND xã năm 2026', state: 'published' },
  FRAMEWORK_HAS_ERRORS: { name: 'Bộ tiêu chí UBND xã năm 2026', errors: 2 },
  FRAMEWORK_IMPORT_REJECTED: { frameworks: [] },
  FRAMEWORK_INCOMPLETE: { title: 'Bộ tiêu chí', missing: 'group' },
  UNIT_GROUP_UNKNOWN: { group: 'hamlet' },
  RULE_ON_PARENT: { code: '1.1' },
  RULE_MISSING: { code: '1.1.1' },
  FRAMEWORK_NO_PREVIOUS: { name: 'Bộ tiêu chí UBND xã năm 2026' },
  CROSSWALK_CODE_UNKNOWN: { code: '9.9' },
  FRAMEWORK_YEARS: { from: 2026, to: 2025 },
  LINEAGE_CONFLICT: { problem: 'twice', unit: 'Xã Nâm Nung', kind: 'merged', date: '2025-07-01' },
  LINEAGE_LIST_REJECTED: { errors: 2, first: 'dòng 3: không có đơn vị "Xã Nâm Nhung"' },
  BASELINE_NO_FIGURES: { unit: 'Xã Nâm Nung', year: 2025 },
  BASELINE_NO_VALUE: {},
  'http.validation': { where: 'items.0.target', why: 'Expected string', max: null },
  'http.notMultipart': {},
  'http.malformedMultipart': {},
  'http.badRequest': {},
  'http.requestTooLarge': {},
  'http.notFound': {},
  'http.internal': {},
  'http.tryAgain': {},
  'cli.fileNotFound': { file: 'kh.xlsx' },
  'cli.notAFile': { file: 'kh' },
  'cli.fileTooLarge': { file: 'kh.xlsx', limit: '10 MB' },
  'cli.noPlans': { file: 'kh.xlsx' },
  'cli.planNotFound': { id: 7 },
  'cli.badId': { id: 'x' },
  'cli.badRoundId': { id: 'x' },
  'cli.demoBadNumber': { option: '--provinces', value: '0', min: 1, max: 100 },
  'cli.demoGenerated': { provinces: 2, units: 29, plans: 50, planRows: 6000, tasks: 4000, seconds: '3,2' },
  'cli.demoRoundsGenerated': { rounds: 12, answers: 31000, evidence: 580, results: 8 },
  'cli.demoProgress': { step: 'plans', year: 2025, province: 'Tỉnh Lâm Đồng', plans: 120, total: 240 },
  'cli.roundResultsHeader': {},
  'cli.dbFailed': { address: 'postgres://u:***@h/db', reason: 'refused' },
  'cli.noUser': { username: 'an' },
  'cli.badDate': { value: '31/02/2025' },
  'cli.noUnit': { unit: 'Sở A' },
  'cli.manyUnits': { unit: 'Sở A' },
  'cli.unexpected': { reason: 'boom' },
  'cli.planExists': planRef,
  'cli.planArchived': planRef,
  'cli.subjectAmbiguous': { file: 'kh.xlsx', subject: 'Xã A' },
  'cli.importRejected': { file: 'kh.xlsx' },
  'cli.imported': {
    dryRun: true,
    planId: 7,
    subject: 'Tỉnh Đắk Nông',
    year: 2025,
    criteria: 119,
    outcome: 'created',
  },
  'cli.noPlansYet': {},
  'cli.criteria': {},
  'cli.archivedMark': {},
  'cli.newPassword': { username: 'an', password: 'xyz' },
  'cli.badAnchor': { text: '12:abc' },
  'cli.auditIntact': { entries: 40, lastHash: 'ab'.repeat(32), anchors: [12, 30] },
  'cli.auditAltered': { at: 12, reason: 'link', entries: 11 },
  'cli.anchorHint': { id: 40, entries: 40, anchor: `40:${'ab'.repeat(32)}` },
  'cli.backupExists': { file: 'bk.sqlite' },
  'cli.backupSameFile': { file: 'bk.sqlite' },
  'cli.pgToolMissing': { program: 'pg_dump' },
  'cli.pgToolUnsafe': { program: 'psql', version: 'psql (PostgreSQL) 15.13' },
  'cli.notABackup': { file: 'bk.sqlite' },
  'cli.engineMismatch': { file: 'bk.dump', backup: 'pg_dump', target: 'sqlite' },
  'cli.targetHasData': {},
  'cli.backupDamaged': { file: 'bk.sqlite', problems: 'page 3' },
  'cli.backedUp': { file: 'bk.sqlite', size: '2.0 MB', engine: 'sqlite' },
  'cli.restored': { file: 'bk.sqlite', checked: true, entries: 41, head: `41:${'ab'.repeat(32)}` },
  'cli.summary': {
    subject: null,
    year: 2025,
    baselineYear: 2024,
    criteria: 119,
    areas: 8,
    max: '100',
    baseline: '80,5',
    target: '85',
    errors: 1,
    warnings: 2,
    infos: 0,
  },
  'cli.severity': { severity: 'warning' },
  'cli.diff': { added: 1, removed: 2, changed: 3, moved: 0, lost: 4 },
  'cli.diffField': { field: 'leadUnits' },
  'cli.taskMovedFrom': { code: '2.1' },
  'cli.followUpLost': { n: 2 },
  'audit.action': { action: 'item.update' },
  'audit.entity': { entity: 'plan_item' },
  'audit.field': { field: 'target' },
  'audit.status': { status: 'at_risk' },
  'audit.lineage': { lineage: 'merged' },
  'audit.kind': { kind: 'urban-district' },
  'audit.detail': { detail: 'opensOn' },
  'audit.extensionState': { state: 'granted' },
  'audit.resultSource': { source: 'round' },
  'audit.answerOption': { n: 2 },
  'audit.answerCount': { n: 3 },
  'audit.answerParts': { parts: '1, 3' },
  'audit.notApplicable': {},
  'audit.yes': {},
  'audit.no': {},
  'audit.everywhere': {},
  'scoring.noAnswer': {},
  'scoring.wrongAnswer': { rule: 'bands', answer: 'count' },
  'scoring.noOption': { option: 4, options: 3 },
  'scoring.zeroDenominator': {},
  'scoring.badRatio': { numerator: -1, denominator: 5 },
  'scoring.ratioAbove100': { percent: 12000 },
  'scoring.noRatioBand': { percent: 6550 },
  'scoring.badCount': { count: -1 },
  'scoring.noCountBand': { count: 3 },
  'scoring.noPart': { part: 4, parts: 3 },
  'scoring.partTwice': { part: 2 },
  'scoring.conditions': { expected: 2, got: 1 },
  'scoring.outOfRange': { score: score('1,5'), max: score('1') },
  'scoring.offStep': { score: score('0,3'), step: score('0,25') },
  'scoring.aboveCap': { score: score('3'), cap: score('2') },
  'scoring.noEach': {},
  'scoring.aboveMax': { points: score('2'), max: score('1') },
  'scoring.noMax': {},
  'scoring.noRule': {},
  'scoring.notApplicable': {},
  'scoring.gateNoCriterion': { code: '1.1.9' },
  'scoring.gateUnknown': { code: '1.1.1' },
  'scoring.gateCycle': { codes: '1.1.4 → 1.1.1 → 1.1.4' },
  'scoring.unreadable': { text: 'nhiều', rule: 'count' },
  'scoring.noSuchOption': { text: 'Muộn', options: 'Kịp thời; Không kịp thời; Không ban hành' },
  'scoring.noSuchPart': { text: 'Báo giấy' },
  'scoring.noSuchCondition': { text: 'Kinh phí' },
  'evidence.empty': {},
  'evidence.unsupported': { detected: 'gif' },
  'evidence.nameMismatch': { extension: 'pdf', type: 'xlsx' },
  'evidence.macros': { type: 'docx' },
  'evidence.corrupt': { type: 'zip' },
  'evidence.tooLarge': { size: 21 * 1024 * 1024, limit: 20 * 1024 * 1024 },
  'evidence.unitFull': { used: 499 * 1024 * 1024, size: 3 * 1024 * 1024, limit: 500 * 1024 * 1024 },
  'evidence.damaged': { sha256: 'cd'.repeat(32) },
  'evidence.gcDone': { removed: 2, bytes: 3 * 1024 * 1024, kept: 5, dryRun: false, store: 'data/evidence' },
  'evidence.gcMissing': { sha256: 'ef'.repeat(32), files: 2 },
  'evidence.backupNote': { store: 'data/evidence', files: 4, bytes: 1024 * 1024 },
  'answers.columns': { columns: 3 },
  'answers.badCode': { text: 'abc' },
  'answers.unknownCode': { code: '9.9' },
  'answers.notALeaf': { code: '1.1' },
  'answers.duplicate': { code: '1.1.1', first: 3 },
  'answers.missing': { code: '1.1.2' },
  'cli.noFrameworks': { file: 'btc.docx' },
  'cli.manyFrameworks': { file: 'btc.docx', count: 2 },
  'cli.frameworkSummary': {
    title: 'BỘ TIÊU CHÍ',
    group: 'UBND xã',
    yearFrom: 2026,
    yearTo: null,
    decision: '123/QĐ-UBND',
    criteria: 40,
    leaves: 31,
    max: '100',
    kinds: 'choice 3',
    errors: 0,
    warnings: 1,
    infos: 0,
  },
  'cli.answersQuote': { file: 'tl.csv', line: 4 },
  'cli.answerProblem': { file: 'tl.csv', line: 4, code: '1.1.1', message: 'x' },
  'cli.frameworkTotal': { total: '85,5', max: '100', index: '85,50', complete: true },
  'cli.notApplicableMark': {},
  'cli.frameworkImported': { id: 3, name: 'Xã 2026', group: 'UBND xã', year: 2026, version: 1 },
  'cli.noFrameworksYet': {},
  'cli.frameworkState': { state: 'draft' },
  'cli.badFrameworkId': { id: 'x' },
  'cli.badMap': { text: 'Xã A' },
  'cli.surveyRow': { unit: 'Xã Nam Đà', code: '8.1.1', score: '3,5', previous: '3' },
  'cli.surveyImported': { dryRun: true, written: 3, replaced: 1, unchanged: 0 },
  'cli.surveyRejected': { file: 'khao-sat.csv', errors: 2 },
  'cli.surveyUnknownUnit': { name: 'Xã A' },
  'cli.resultsRow': {
    rank: 1,
    unit: 'Thành phố Hải Phòng',
    index: '96,17',
    group: 'A',
    publishedRank: 2,
    publishedGroup: 'A',
  },
  'cli.resultsImported': { dryRun: true, units: 63, pool: 'Các tỉnh', year: 2024, differences: 0 },
  'cli.resultsRejected': { file: 'ket-qua.csv', errors: 2 },
  'cli.resultsUnknownUnit': { name: 'Tỉnh Mới' },
  'cli.badRoundOption': { option: '--group', value: '3' },
  'cli.badCalendarFile': { file: 'lich.json' },
  'cli.roundCreated': { id: 2, name: 'Đánh giá 2026', units: 8, framework: 'Xã 2026' },
  'cli.noRoundsYet': {},
  'cli.roundPhase': { phase: 'between' },
  'cli.roundSubmitted': { submitted: 3, units: 8 },
  'cli.badYear': { value: 'hai nghìn' },
  'cli.noResult': { year: 2024, pool: 'Các xã' },
  'cli.severalPools': { year: 2024, pools: 'Các xã, Các phường' },
  'cli.rankingHeader': {},
  'cli.resultsListHeader': {},
  'cli.noResultsYet': {},
  'config.mistake': { variable: 'PORT', shown: 'abc', expected: { kind: 'port' } },
  'http.notReady': { reason: 'migrations', pending: '0027_result_part_scores' },
  'http.metricsToken': {},
};

/** Vietnamese letters an English text never holds and a Vietnamese one nearly always does. */
const VIETNAMESE = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/i;

describe('the message catalog', () => {
  it('has a sample for every code and no sample for a code it lacks', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...MESSAGE_CODES].sort());
  });

  it.each(MESSAGE_CODES)('%s has a Vietnamese and an English text', (code) => {
    const params = SAMPLES[code];
    const vi = render(code, params, 'vi');
    const en = render(code, params, 'en');
    for (const text of [vi, en]) {
      expect(text.trim()).not.toBe('');
      // a parameter the text names but the code does not take
      expect(text).not.toMatch(/undefined|\[object Object\]|NaN/);
    }
    expect(vi).not.toBe(en);
  });

  it.each(READ_FAILURE_CODES)('read failure %s has a Vietnamese and an English text', (code) => {
    const vi = readFailureText({ code, detail: 'XLSX' }, 'vi');
    const en = readFailureText({ code, detail: 'XLSX' }, 'en');
    expect(vi).toMatch(VIETNAMESE);
    expect(en).not.toMatch(VIETNAMESE);
    expect(en.trim()).not.toBe('');
  });

  it('names the reading limit passed and where', () => {
    const failure = {
      code: 'over-limit' as const,
      limit: {
        name: 'columns' as const,
        max: 200,
        at: { sheet: 'Phụ lục', row: 1, column: 16384 },
      },
    };
    expect(readFailureText(failure, 'vi')).toBe(
      "tệp vượt giới hạn đọc: hơn 200 cột, tại trang tính 'Phụ lục', ô XFD1; một phụ lục thật không lớn đến vậy",
    );
    expect(readFailureText(failure, 'en')).toBe(
      "the file is past a reading limit: more than 200 columns, at sheet 'Phụ lục', cell XFD1; no real appendix is that large",
    );
  });

  it('words an evidence refusal with the file, the sizes in MB and a decimal comma in Vietnamese', () => {
    expect(render('EVIDENCE_REFUSED', SAMPLES.EVIDENCE_REFUSED, 'vi')).toBe(
      'bao-cao.pdf: Tên tệp có đuôi .pdf nhưng nội dung là Word (DOCX): hãy kiểm tra lại tệp',
    );
    const big = { size: Math.round(20.25 * 1024 * 1024), limit: 20 * 1024 * 1024 };
    expect(render('evidence.tooLarge', big, 'vi')).toBe('Tệp quá lớn (20,3 MB; tối đa 20 MB mỗi tệp)');
    expect(render('evidence.tooLarge', big, 'en')).toBe(
      'The file is too large (20.3 MB; limit 20 MB per file)',
    );
  });

  it('puts the parameters in their place in both languages', () => {
    expect(render('UNIT_DISSOLVED', ended, 'vi')).toBe(
      'Huyện Krông Nô đã sáp nhập (hoạt động đến 30/06/2025); đơn vị kế thừa là Xã A. Không nhập kế hoạch năm 2026 cho đơn vị này — hãy lập kế hoạch cho Xã A; không ghi gì',
    );
    expect(render('SCORE_ABOVE_MAX', SAMPLES.SCORE_ABOVE_MAX, 'en')).toBe(
      'Target 1.25 is above the max score 1 of criterion 1.1',
    );
    expect(render('PARENT_INVALID', SAMPLES.PARENT_INVALID, 'en')).toBe(
      'Xã A cannot be placed under the chosen unit: it needs a district or a province within your reach',
    );
    expect(render('UNIT_KIND_NAME', SAMPLES.UNIT_KIND_NAME, 'vi')).toBe(
      'Tên "Xã A" là tên của đơn vị loại "xã", không phải loại "sở, ban, ngành"',
    );
    expect(render('UNIT_KIND_PARENT', SAMPLES.UNIT_KIND_PARENT, 'en')).toBe(
      'A unit of kind "commune" cannot belong to Sở Tư pháp (kind "department")',
    );
    expect(render('READ_FAILED', SAMPLES.READ_FAILED, 'vi')).toBe('kh.xlsx: tệp quá lớn (giới hạn 10 MB)');
    // zod speaks English: the Vietnamese answer names the field only
    expect(render('http.validation', SAMPLES['http.validation'], 'vi')).toBe(
      'Dữ liệu gửi lên không hợp lệ: items.0.target',
    );
    expect(render('http.validation', SAMPLES['http.validation'], 'en')).toBe(
      'Invalid request: items.0.target — Expected string',
    );
    // a number past its field's largest: the limit said in Vietnamese
    expect(render('http.validation', { where: 'version', why: 'Too big', max: 2_147_483_647 }, 'vi')).toBe(
      'Dữ liệu gửi lên không hợp lệ: version (số lớn nhất được nhận là 2.147.483.647)',
    );
  });
});

describe('the findings catalog', () => {
  it.each(Object.keys(RULES) as RuleId[])('rule %s has a Vietnamese and an English text', (rule) => {
    const finding = { rule, severity: 'error' as const, code: '1.1', location: null, params: {} };
    const vi = findingMessage(finding, 'vi');
    const en = findingMessage(finding, 'en');
    expect(vi.trim()).not.toBe('');
    expect(en.trim()).not.toBe('');
    expect(vi).not.toBe(en);
  });
});
