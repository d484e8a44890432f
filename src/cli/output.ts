/** What the CLI prints: plain text for people, JSON for scripts. */
import { findingMessage, formatLocation, type Finding, type Lang } from '../core/findings.js';
import type { DiffField, FieldChange, PlanDiff } from '../core/plan-diff.js';
import { formatScore, fromDecimalString, toNumber, type Score } from '../core/score.js';
import type { DocumentSummary } from '../core/summary.js';

const num = (s: Score | null) => (s === null ? null : toNumber(s));

export function findingJson(f: Finding) {
  return {
    rule: f.rule,
    severity: f.severity,
    code: f.code,
    location: f.location,
    message: findingMessage(f, 'vi'),
    messageEn: findingMessage(f, 'en'),
  };
}

export function summaryJson(s: DocumentSummary, findings: readonly Finding[]) {
  return {
    title: s.title,
    subject: s.subject,
    year: s.year,
    baselineYear: s.baselineYear,
    criteria: s.criteria,
    areas: s.areas,
    totals: { max: num(s.totals.max), baseline: num(s.totals.baseline), target: num(s.totals.target) },
    computedTotals: {
      max: num(s.computedTotals.max),
      baseline: num(s.computedTotals.baseline),
      target: num(s.computedTotals.target),
    },
    findings: findings.map(findingJson),
  };
}

const SEVERITY: Record<Lang, Record<Finding['severity'], string>> = {
  vi: { error: 'LỖI', warning: 'CẢNH BÁO', info: 'THÔNG TIN' },
  en: { error: 'ERROR', warning: 'WARNING', info: 'INFO' },
};

export function summaryText(
  s: DocumentSummary,
  findings: readonly Finding[],
  lang: Lang,
  withInfo: boolean,
): string {
  const f = (x: Score | null) => (x === null ? '—' : formatScore(x, lang));
  const count = (sev: Finding['severity']) => findings.filter((x) => x.severity === sev).length;
  const lines =
    lang === 'vi'
      ? [
          `${s.subject ?? '(chưa rõ đơn vị)'} — kế hoạch năm ${s.year ?? '?'} (điểm đạt được năm ${s.baselineYear ?? '?'})`,
          `  ${s.criteria} tiêu chí, ${s.areas} lĩnh vực; tổng điểm chuẩn ${f(s.totals.max)}, đạt được ${f(s.totals.baseline)}, mục tiêu ${f(s.totals.target)}`,
          `  ${count('error')} lỗi, ${count('warning')} cảnh báo, ${count('info')} thông tin`,
        ]
      : [
          `${s.subject ?? '(unknown subject)'} — plan for ${s.year ?? '?'} (baseline ${s.baselineYear ?? '?'})`,
          `  ${s.criteria} criteria, ${s.areas} areas; totals: max ${f(s.totals.max)}, baseline ${f(s.totals.baseline)}, target ${f(s.totals.target)}`,
          `  ${count('error')} errors, ${count('warning')} warnings, ${count('info')} notes`,
        ];
  for (const x of findings) {
    if (x.severity === 'info' && !withInfo) continue;
    lines.push(
      `  ${SEVERITY[lang][x.severity].padEnd(9)} ${(x.code ?? '').padEnd(8)} ${formatLocation(x.location, lang).padEnd(18)} ${findingMessage(x, lang)} [${x.rule}]`,
    );
  }
  return lines.join('\n');
}

/** A replacement's differences for scripts: the counts and the rows (the task ids stay inside). */
export function diffJson(d: PlanDiff) {
  return {
    added: d.added,
    removed: d.removed,
    changed: d.changed,
    moved: d.moved,
    lostFollowUp: d.lostFollowUp,
    rows: d.rows,
  };
}

const FIELD: Record<Lang, Record<DiffField, string>> = {
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

const SCORE_FIELDS: readonly DiffField[] = ['max', 'baseline', 'target'];

function shownValue(c: FieldChange, value: string | null, lang: Lang): string {
  if (value === null || value === '') return '—';
  if (SCORE_FIELDS.includes(c.field)) return formatScore(fromDecimalString(value), lang);
  const line = value.replace(/\s+/g, ' ').trim();
  return `"${line.length > 80 ? `${line.slice(0, 79)}…` : line}"`;
}

/** A replacement's differences for people: one summary line, then a line per changed field. */
export function diffText(d: PlanDiff, lang: Lang): string[] {
  const lines = [
    lang === 'vi'
      ? `  Khác biệt: ${d.added} tiêu chí thêm, ${d.removed} bỏ, ${d.changed} sửa, ${d.moved} nhiệm vụ chuyển dòng; ${d.lostFollowUp} mục theo dõi (trạng thái, tiến độ, hạn, ghi chú) bị mất`
      : `  Differences: ${d.added} criteria added, ${d.removed} removed, ${d.changed} changed, ${d.moved} tasks moved; ${d.lostFollowUp} follow-up entries (status, progress, deadline, note) lost`,
  ];
  const mark = { added: '+', removed: '-', changed: '~' } as const;
  for (const r of d.rows) {
    const notes = [
      r.movedFrom !== null
        ? lang === 'vi'
          ? `nhiệm vụ từ ${r.movedFrom}`
          : `task from ${r.movedFrom}`
        : null,
      r.lostFollowUp > 0
        ? lang === 'vi'
          ? `mất ${r.lostFollowUp} mục theo dõi`
          : `${r.lostFollowUp} follow-up lost`
        : null,
    ].filter((x) => x !== null);
    lines.push(`  ${mark[r.kind]} ${r.code} ${r.name}${notes.length > 0 ? ` (${notes.join('; ')})` : ''}`);
    if (r.kind !== 'changed') continue;
    for (const c of r.changes) {
      lines.push(
        `      ${FIELD[lang][c.field]}: ${shownValue(c, c.old, lang)} → ${shownValue(c, c.new, lang)}`,
      );
    }
  }
  return lines;
}
